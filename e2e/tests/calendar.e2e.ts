import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, login, shot } from './browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');

/** A 2027 schedule as a county admin would type it from the State Council's notice (CSV, 休 / 班). */
const SCHEDULE_CSV = `日期,类型,名称
2027-01-01~2027-01-03,休,元旦
2027-02-05~2027-02-13,休,春节
2027-02-14,班,春节调休上班
2027-02-20,班,春节调休上班
2027-04-03~2027-04-05,休,清明节
2027-05-01~2027-05-05,休,劳动节
2027-05-08,班,劳动节调休上班
2027-06-09~2027-06-11,休,端午节
2027-09-15~2027-09-17,休,中秋节
2027-09-26,班,国庆节调休上班
2027-10-01~2027-10-07,休,国庆节
2027-10-09,班,国庆节调休上班
`;

// Deadlines after 2026 (issue 9 D): the package has no official 2027 data, so a deadline across the 2027 Spring
// Festival is provisional; the county admin loads the 2027 schedule through the calendar page and the open case's
// due date moves, with the reason on its timeline.
describe('calendar: load the 2027 schedule through the page → an open case’s due date moves', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let caseId = '';
  let oldDue = '';

  const api = async (ctx: BrowserContext, method: 'post' | 'get', url: string, data?: unknown) => {
    const csrf = (await ctx.cookies()).find((c) => c.name === 'jiceng_csrf')?.value ?? '';
    const res = await ctx.request[method](`${baseUrl}${url}`, { data, headers: { 'x-csrf-token': csrf } });
    expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };

  beforeAll(async () => {
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    page = await context.newPage();
    await login(page, baseUrl, 'demo-county', password);
    await page.waitForURL(`${baseUrl}/`);
    // a 50-working-day village item (county admin) and an open case of it registered today by the village: its
    // deadline runs across the 2027 Spring Festival
    const items = (await api(context, 'get', '/api/catalog')).items as { tier: string; category: string }[];
    const item = await api(context, 'post', '/api/catalog', {
      code: `E2E-CAL-${Date.now().toString(36)}`, name: '宅基地审批（e2e 期限跨年）', category: items.find((i) => i.tier === 'village')!.category,
      tier: 'village', promisedDays: 50,
    });
    const village = await browser.newContext();
    const res = await village.request.post(`${baseUrl}/api/auth/login`, { data: { username: 'demo-village', password } });
    expect(res.status()).toBe(200);
    const c = await api(village, 'post', '/api/cases', {
      itemId: item.id, title: '申请宅基地审批（e2e）', description: '村民申请新建住房的宅基地审批', channel: 'walkIn',
    });
    await village.close();
    caseId = c.id;
    oldDue = c.dueAt;
    expect(c.deadlineProvisional).toBe(true);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('marks the case’s deadline 暂定 in its detail and in the ledger', async () => {
    await page.goto(`${baseUrl}/cases/${caseId}`);
    await page.locator('[data-test=case-head] [data-test=due-provisional]').waitFor();
    await shot(page, 'calendar-case-provisional-1366');
    await page.goto(`${baseUrl}/cases`);
    await page.locator('[data-test=case-tabs] .el-tabs__item', { hasText: '全部' }).click();
    await page.locator('[data-test=case-table] [data-test=due-provisional]').first().waitFor();
    await shot(page, 'calendar-ledger-provisional-1366');
  });

  it('shows 2026 as official, 2027 as provisional, and asks the county admin to load it', async () => {
    await page.goto(`${baseUrl}/calendar`);
    await page.locator('[data-test=calendar-years] [data-year="2027"]').waitFor();
    expect(await page.locator('[data-test=calendar-years] [data-year="2026"]').getAttribute('data-status')).toBe('package');
    expect(await page.locator('[data-test=calendar-years] [data-year="2027"]').getAttribute('data-status')).toBe('provisional');
    expect(await page.locator('[data-test=calendar-to-load]').innerText()).toContain('2027');
    await shot(page, 'calendar-provisional-1366');
  });

  it('loads the CSV through the page: preview, load, the moved deadline listed', async () => {
    await page.locator('[data-test=schedule-file]').setInputFiles({ name: '2027年节假日安排.csv', mimeType: 'text/csv', buffer: Buffer.from(SCHEDULE_CSV, 'utf8') });
    const preview = page.locator('[data-test=schedule-preview]');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('放假 33');
    expect(await preview.innerText()).toContain('调休上班 5');
    await page.locator('[data-test=schedule-submit]').click();
    const result = page.locator('[data-test=schedule-result]');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/已载入 2027 年安排：\d+ 件在办事项的期限已调整/);
    // the years list reloads after the answer
    await page.locator('[data-test=calendar-years] [data-year="2027"][data-status="county"]').waitFor();
    await page.locator('[data-test=calendar-load]').scrollIntoViewIfNeeded();
    await shot(page, 'calendar-loaded-1366');
  });

  it('the open case’s due date moved, is no longer provisional, and its timeline says why', async () => {
    const c = await api(context, 'get', `/api/cases/${caseId}`);
    expect(c.dueAt).not.toBe(oldDue);
    expect(Date.parse(c.dueAt)).toBeGreaterThan(Date.parse(oldDue)); // the official Spring Festival is longer than the statutory 4 days
    expect(c.deadlineProvisional).toBe(false);
    await page.goto(`${baseUrl}/cases/${caseId}`);
    await page.locator('[data-test=case-head]').waitFor();
    await page.getByText('节假日安排调整，期限变更').first().waitFor();
    expect(await page.locator('[data-test=due-provisional]').count()).toBe(0);
    await shot(page, 'calendar-case-moved-1366');
  });

  it('works on a phone-sized screen', async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', hasTouch: true, isMobile: true });
    const p = await phone.newPage();
    await login(p, baseUrl, 'demo-county', password);
    await p.waitForURL(`${baseUrl}/`);
    await p.goto(`${baseUrl}/calendar`);
    await p.locator('[data-test=calendar-years] [data-year="2027"]').waitFor();
    await shot(p, 'calendar-360');
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await phone.close();
  });
});
