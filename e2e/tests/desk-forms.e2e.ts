import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, login, shot } from './browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const RUN = Date.now().toString(36);
/** a 1×1 PNG: the photo of 到场 */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b50000000049454e44ae426082', 'hex');

/** The data-field of the element that has the focus (the form item it sits in). */
const focusedField = (page: Page) => page.evaluate(() => (document.activeElement?.closest('[data-field]') as HTMLElement | null)?.dataset.field ?? null);
/** The first form item marked in error, in the order the form shows them. */
const firstErrorField = (page: Page, root = 'body') => page.evaluate((sel) => (document.querySelector(sel)?.querySelector('.el-form-item.is-error') as HTMLElement | null)?.dataset.field ?? null, root);
const inViewport = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => {
  const r = el.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight;
});

// issue 16 points 12, 13, 15: desk forms tell what is wrong where it is; whistles' dialog, evidence and links;
// phones sent to /m/.
describe('desk forms, whistles, phones', () => {
  let browser: Browser;
  let village: Page;
  let township: Page;
  let dept: Page;
  let whistleUrl = '';

  beforeAll(async () => {
    browser = await launch();
    const desk = () => browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' }).then((c) => c.newPage());
    [village, township, dept] = await Promise.all([desk(), desk(), desk()]);
    for (const [page, user] of [[village, 'demo-village'], [township, 'demo-township'], [dept, 'demo-dept']] as const) {
      await login(page, baseUrl, user, password);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('intake: an empty submit lands on the first bad field; a phone with letters and a 20,000-character paste are refused at the field, nothing is sent', async () => {
    const posts: string[] = [];
    village.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/cases') posts.push(r.url());
    });
    await village.goto(`${baseUrl}/cases/new`);
    await village.locator('[data-test=case-intake]').waitFor();
    await village.locator('[data-test=case-submit]').click();
    await village.locator('.el-form-item.is-error').first().waitFor();
    const first = await firstErrorField(village, '[data-test=case-intake]');
    expect(first).toBeTruthy();
    await expect.poll(() => focusedField(village)).toBe(first);
    await expect.poll(() => inViewport(village, `[data-field="${first}"]`)).toBe(true);

    // fill what is required, then the phone with letters and a pasted 20,000 characters
    await village.locator('[data-field=category] .el-select__wrapper, [data-field=category] .el-select').first().click();
    await village.locator('.el-select-dropdown__item:visible').first().click();
    await village.locator('input[name=title]').fill(`路灯不亮 ${RUN}`);
    const long = '三组路灯不亮，晚上群众出行不便。'.repeat(1250); // 20,000 characters
    await village.locator('textarea[name=description]').fill(long);
    await village.locator('input[name=requesterPhone]').fill('138abc12345');
    // kept whole, and the field says so while typing
    expect((await village.locator('textarea[name=description]').inputValue()).length).toBe(20_000);
    await expect.poll(() => village.locator('[data-field=description] .el-form-item__error').textContent()).toContain('已超过 2000 字');
    await expect.poll(() => village.locator('[data-field=description] [data-test=length-count]').textContent()).toContain('20000 / 2000');
    await village.locator('[data-test=case-submit]').click();
    await expect.poll(() => village.locator('[data-field=requesterPhone] .el-form-item__error').textContent()).toContain('电话只能填数字');
    await expect.poll(() => focusedField(village)).toBe('description');
    await village.waitForTimeout(300);
    expect(posts).toEqual([]);
    await village.locator('[data-field=description]').scrollIntoViewIfNeeded();
    await shot(village, 'desk-forms-intake-errors-1366');
  });

  it('intake: the duplicate hint asks in a POST body even for a long description, and says so when it fails', async () => {
    await village.goto(`${baseUrl}/cases/new`);
    await village.locator('[data-test=case-intake]').waitFor();
    const asked = village.waitForRequest((r) => new URL(r.url()).pathname === '/api/cases/similar');
    const long = `路灯不亮 ${'晚上群众出行不便，'.repeat(220)}`.slice(0, 1990);
    await village.locator('textarea[name=description]').fill(long);
    const req = await asked;
    expect(req.method()).toBe('POST');
    expect(new URL(req.url()).search).toBe('');
    expect((JSON.parse(req.postData() ?? '{}') as { text: string }).text.length).toBeGreaterThan(1900);
    expect((await req.response())?.status()).toBe(200);
    // a failing hint is told (the form still works)
    await village.route('**/api/cases/similar', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: '服务暂时不可用' } }) }));
    await village.locator('textarea[name=description]').fill(`${long.slice(0, 100)} 再补充一句`);
    await village.locator('[data-test=similar-failed]').waitFor();
    expect(await village.locator('[data-test=similar-failed]').textContent()).toContain('查重提示暂时不可用');
    await village.unroute('**/api/cases/similar');
  });

  it('whistle dialog: buttons stay on a 768 px screen; 吹哨 works while a dropdown is open; an empty submit lands on the first field', async () => {
    await township.goto(`${baseUrl}/whistles`);
    await township.locator('[data-test=whistle-create]').click();
    const dialog = township.locator('[data-test=whistle-dialog]');
    await dialog.waitFor();
    await township.waitForTimeout(400);
    const submit = township.locator('[data-test=whistle-submit]');
    const box = await submit.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(768);
    await submit.click();
    await expect.poll(() => focusedField(township)).toBe('title');
    await shot(township, 'desk-forms-whistle-dialog-1366');

    await dialog.locator('input[name=title]').fill(`三组渠道垮塌 ${RUN}`);
    await dialog.locator('input[name=place]').fill('青山村三组');
    await dialog.locator('textarea[name=description]').fill('渠道垮塌影响灌溉，涉及水利、民政，需要联合处置');
    // open the departments' dropdown, pick 县民政局 (demo-dept's), and press 吹哨 with the dropdown still open
    await dialog.locator('[data-field=departmentIds] .el-select__wrapper').click();
    const option = township.locator('.el-select-dropdown__item:visible', { hasText: '县民政局' });
    await option.click();
    expect(await township.locator('.el-select-dropdown__item:visible').count()).toBeGreaterThan(0);
    const box2 = await submit.boundingBox();
    expect(box2!.y + box2!.height).toBeLessThanOrEqual(768);
    await submit.click();
    await township.waitForURL(/\/whistles\/[0-9a-f-]{36}$/);
    whistleUrl = township.url();
  });

  it("whistle detail: a case is linked after the whistle by its number's tail", async () => {
    const list = (await (await township.request.get(`${baseUrl}/api/cases?queue=all&limit=5`)).json()) as { items: { id: string; number: string; title: string }[] };
    const target = list.items[0]!;
    const tail = target.number.split('-').pop()!;
    await township.locator('[data-test=whistle-link-select] .el-select__wrapper').click();
    await township.keyboard.type(tail);
    const option = township.locator('.el-select-dropdown__item:visible', { hasText: target.number });
    await option.waitFor();
    await option.click();
    await township.locator('[data-test=whistle-link-submit]').click();
    await township.locator('[data-test=whistle-cases]', { hasText: target.number }).waitFor();
  });

  it('接哨 with a note, 到场 with a photo; the township sees both; the chips read plainly', async () => {
    await dept.goto(whistleUrl);
    await dept.locator('[data-test=whistle-step-acknowledge]').click();
    const dialog = dept.locator('[data-test=whistle-evidence-dialog]');
    await dialog.waitFor();
    await dialog.locator('textarea[name=note]').fill('已安排王科长带队，约 1 小时到场');
    await dialog.locator('[data-test=whistle-evidence-submit]').click();
    await dialog.waitFor({ state: 'hidden' });
    await dept.locator('[data-test=whistle-step-arrive]').click();
    await dialog.waitFor();
    await dialog.locator('[data-test=whistle-evidence-photo]').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: PNG });
    await dialog.locator('.photo img').waitFor();
    await dialog.locator('[data-test=whistle-evidence-submit]').click();
    await dialog.waitFor({ state: 'hidden' });
    await dept.locator('[data-test=whistle-evidence] img').first().waitFor();

    await township.reload();
    const evidence = township.locator('[data-test=whistle-evidence]');
    await evidence.first().waitFor();
    expect(await township.locator('[data-test=whistle-reports]').textContent()).toContain('已安排王科长带队');
    const img = township.locator('[data-test=whistle-evidence] img').first();
    await img.waitFor();
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    expect(await township.locator('body').textContent()).not.toContain('已到场 · 未报到');
    await shot(township, 'desk-forms-whistle-detail-1366');

    const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })).newPage();
    await login(phone, baseUrl, 'demo-township', password);
    await phone.waitForURL((u) => !u.pathname.startsWith('/login'));
    await phone.goto(whistleUrl);
    await phone.locator('[data-test=whistle-evidence]').first().waitFor();
    await shot(phone, 'desk-forms-whistle-detail-360');
    await phone.close();
  });

  it('a phone opening / goes to /m/, which links back to the desk; the desk menu links to /m/', async () => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', hasTouch: true, isMobile: true });
    const phone = await ctx.newPage();
    await phone.goto(`${baseUrl}/`);
    await phone.waitForURL((u) => u.pathname === '/m/');
    await phone.locator('[data-test=m-desk-link]').waitFor();
    await shot(phone, 'desk-forms-phone-m-360');
    await phone.locator('[data-test=m-desk-link]').click();
    // the desk app (its login page), and this device keeps it from now on
    await phone.waitForURL((u) => u.pathname === '/login' || u.pathname === '/');
    await phone.goto(`${baseUrl}/`);
    await phone.waitForTimeout(500);
    expect(new URL(phone.url()).pathname).not.toBe('/m/');
    await ctx.close();
    // a wide screen is not sent anywhere, and its menu has the phone pages
    await village.goto(`${baseUrl}/`);
    await village.waitForTimeout(300);
    expect(new URL(village.url()).pathname).toBe('/');
    const link = village.locator('[data-test=menu-mobile]');
    await link.scrollIntoViewIfNeeded();
    expect(await link.getAttribute('href')).toBe('/m/');
  });
});
