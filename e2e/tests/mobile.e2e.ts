import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, shot } from './browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const RUN = Date.now().toString(36);
const PURPOSES = [`走访空巢老人（e2e ${RUN} 一）`, `政策宣传（e2e ${RUN} 二）`];
const REPORT_TITLE = `桥栏杆断了两节（e2e ${RUN}）`;
/** a 1×1 PNG: the phone shrinks it with a canvas to a JPEG before it goes into the outbox */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

// B1: a grid worker with no signal records two visits and a 六报 with a photo, reloads the page (the shell comes
// from the service worker, the outbox from IndexedDB), gets a signal back, and everything reaches the server once.
describe('phone pages: offline outbox and sync', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', hasTouch: true, isMobile: true });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('logs in on the phone page and shows my grid', async () => {
    await page.goto(`${baseUrl}/m/`);
    await page.locator('[data-test=m-username]').fill('demo-grid');
    await page.locator('[data-test=m-password]').fill(password);
    await page.locator('[data-test=m-login-submit]').click();
    await page.locator('[data-test=m-households] li').first().waitFor();
    // the service worker has cached the shell once it is ready
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await shot(page, '51-mobile-grid');
  });

  it('records two visits and a six report with a photo while offline', async () => {
    await context.setOffline(true);
    await page.locator('[data-test=m-net]', { hasText: '离线' }).waitFor();
    for (const purpose of PURPOSES) {
      await page.locator('[data-test=m-tab-visit]').click();
      const select = page.locator('[data-test=m-visit-household]');
      await select.selectOption({ index: PURPOSES.indexOf(purpose) + 1 });
      await page.locator('[data-test=m-visit-purpose]').fill(purpose);
      await page.locator('[data-test=m-visit-conditions]').fill('老人身体尚可，冬季取暖需关注');
      if (purpose === PURPOSES[0]) await shot(page, '52-mobile-visit');
      await page.locator('[data-test=m-visit-save]').click();
      await page.locator('[data-test=m-outbox]').waitFor();
    }
    await page.locator('[data-test=m-tab-report]').click();
    await page.locator('[data-test=m-kind-facilityDamage]').click();
    await page.locator('[data-test=m-report-title]').fill(REPORT_TITLE);
    await page.locator('[data-test=m-report-description]').fill('村口小桥东侧栏杆断了两节，夜里有危险');
    await page.locator('[data-test=m-photo]').setInputFiles({ name: 'bridge.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('.photos img').waitFor();
    await shot(page, '53-mobile-report');
    await page.locator('[data-test=m-report-save]').click();
    await page.locator('[data-test=m-count-pending]', { hasText: '3' }).waitFor();
    expect(await page.locator('[data-test=m-outbox-pending]').count()).toBe(3);
  });

  it('reloads offline: the shell comes from the service worker and the outbox survives', async () => {
    const res = await page.reload();
    expect(res?.fromServiceWorker()).toBe(true);
    await page.locator('[data-test=m-tab-outbox]').click();
    await page.locator('[data-test=m-count-pending]', { hasText: '3' }).waitFor();
    expect(await page.locator('[data-test=m-outbox-pending]').count()).toBe(3);
    await shot(page, '54-mobile-outbox-offline');
  });

  it('sends everything once when the signal is back, and a resend changes nothing', async () => {
    await context.setOffline(false);
    await page.locator('[data-test=m-count-sent]', { hasText: '3' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-test=m-count-pending]').textContent()).toBe('0');
    await shot(page, '55-mobile-outbox-sent');

    const cases = await (await page.request.get(`${baseUrl}/api/cases`, { params: { channel: 'gridReport', queue: 'all', limit: 50 } })).json();
    const mine = cases.items.filter((c: { title: string }) => c.title === REPORT_TITLE);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ fieldReportKind: 'facilityDamage', channel: 'gridReport' });
    const detail = await (await page.request.get(`${baseUrl}/api/cases/${mine[0].id}`)).json();
    expect(detail.files).toHaveLength(1);
    expect(detail.files[0].mime).toBe('image/jpeg');

    const visits = await (await page.request.get(`${baseUrl}/api/visits`, { params: { limit: 200 } })).json();
    for (const purpose of PURPOSES) expect(visits.items.filter((v: { purpose: string }) => v.purpose === purpose), purpose).toHaveLength(1);

    // the same records sent again (a lost answer, a second phone tab): duplicate, nothing new
    const records = await page.evaluate(() => new Promise<unknown[]>((resolve, reject) => {
      const open = indexedDB.open('jiceng-m');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const get = open.result.transaction('outbox').objectStore('outbox').getAll();
        get.onsuccess = () => resolve((get.result as { id: string; type: string; payload: unknown }[]).map((r) => ({ id: r.id, type: r.type, payload: r.payload })));
      };
    }));
    expect(records).toHaveLength(3);
    const csrf = (await context.cookies()).find((c) => c.name === 'jiceng_csrf')!.value;
    const again = await (await page.request.post(`${baseUrl}/api/sync`, { data: { records }, headers: { 'x-csrf-token': csrf } })).json();
    expect(again.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    const after = await (await page.request.get(`${baseUrl}/api/cases`, { params: { channel: 'gridReport', queue: 'all', limit: 50 } })).json();
    expect(after.items.filter((c: { title: string }) => c.title === REPORT_TITLE)).toHaveLength(1);
  });
});
