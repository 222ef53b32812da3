import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, login, shot } from './browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');

/** every element of the selector shows its whole text (nothing cut with an ellipsis) */
async function nothingCut(page: Page, selector: string): Promise<string[]> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page.locator(selector).evaluateAll((els) =>
    els.filter((el) => {
      const cell = el.closest('.cell') ?? el.parentElement!;
      return el.getBoundingClientRect().right > cell.getBoundingClientRect().right + 1 || el.scrollWidth > el.clientWidth + 1;
    }).map((el) => el.textContent ?? ''));
}
/** the table's body scrolls sideways (columns past its right edge) */
const tableScrolls = (page: Page, selector: string) =>
  page.locator(`${selector} .el-table__body-wrapper .el-scrollbar__wrap`).first().evaluate((el) => el.scrollWidth > el.clientWidth + 1);
const pageOverflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

// 办件台账, 办件统计 and 过错责任追究 as the county sees them (issue 16 points 8–11), at 1366 × 768 and on a phone.
describe('ledger, statistics and accountability at 1366 px and 360 px', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' })).newPage();
    await login(page, baseUrl, 'demo-county', password);
    await page.waitForURL((u) => u.pathname === '/');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens the county’s ledger on the tab the server names (已超期 when something is overdue), with short unit names that fit', async () => {
    const tabs = (await (await page.request.get(`${baseUrl}/api/cases/tabs`)).json()) as { counts: Record<string, number>; opening: string };
    expect(tabs.opening).toBe((tabs.counts.overdue ?? 0) > 0 ? 'overdue' : 'all');
    await page.goto(`${baseUrl}/cases`);
    const active = page.locator('[data-test=case-tabs] .el-tabs__item.is-active');
    await expect.poll(() => active.getAttribute('id')).toBe(`tab-${tabs.opening}`);
    await page.locator('[data-test=case-table] [data-test=case-org]').first().waitFor();
    // 青山村 / 青山乡, not 中共…委员会; the full name on hover
    const org = page.locator('[data-test=case-org]').first();
    expect(await org.textContent()).not.toMatch(/^中共|委员会$/);
    expect(await org.getAttribute('title')).toMatch(/^中共.*委员会$/);
    expect(await nothingCut(page, '[data-test=case-org], [data-test=case-owner], [data-test=case-first-responder]')).toEqual([]);
    expect(await tableScrolls(page, '[data-test=case-table]')).toBe(false);
    await shot(page, '161-ledger-county-1366');
  });

  it('finds a case by its number’s tail; a department holder’s long name wraps, never cut', async () => {
    // a case 县住房和城乡建设局 holds (the longest department name)
    const depts = (await (await page.request.get(`${baseUrl}/api/departments`)).json()) as { items: { id: string; name: string }[] };
    const zj = depts.items.find((d) => d.name === '县住房和城乡建设局')!;
    const list = (await (await page.request.get(`${baseUrl}/api/cases?queue=all&departmentId=${zj.id}&limit=50`)).json()) as { items: { number: string; ownerName: string }[] };
    const c = list.items.find((x) => x.ownerName === zj.name)!;
    await page.locator('[data-test=case-tabs] #tab-all').click();
    await page.locator('input[name=q]').fill(c.number.split('-')[1]!);
    const rows = page.locator('[data-test=case-table] .el-table__body tr');
    await expect.poll(async () => (await rows.allTextContents()).some((r) => r.includes(c.number))).toBe(true);
    expect(await page.locator('[data-test=case-owner]', { hasText: zj.name }).count()).toBeGreaterThan(0);
    expect(await nothingCut(page, '[data-test=case-org], [data-test=case-owner], [data-test=case-first-responder]')).toEqual([]);
    expect(await tableScrolls(page, '[data-test=case-table]')).toBe(false);
    await shot(page, '162-ledger-search-tail-1366');
    await page.locator('input[name=q]').fill('');
  });

  it('lists 办件统计 for every township and the county departments, all columns beside the fixed unit column', async () => {
    await page.goto(`${baseUrl}/cases/stats`);
    const units = page.locator('[data-test=stats-table] .el-table__body-wrapper [data-test=stats-unit]');
    await units.first().waitFor();
    const names = await units.allTextContents();
    for (const t of ['城关镇', '青山乡', '河口镇', '东风街道', '县民政局']) expect(names, t).toContain(t);
    // no county organ's branch with nothing in it
    expect(names.some((n) => n.includes('党支部'))).toBe(false);
    await page.locator('[data-test=stats-table] .group-row').first().waitFor();
    expect(await tableScrolls(page, '[data-test=stats-table]')).toBe(false);
    expect(await nothingCut(page, '[data-test=stats-table] .el-table__body-wrapper [data-test=stats-unit]')).toEqual([]);
    await shot(page, '163-case-stats-county-1366');
  });

  it('names the unit and the holder of an overdue case apart from the first responder; the review chooses nothing and asks a reason', async () => {
    await page.goto(`${baseUrl}/accountability`);
    await page.locator('[data-test=acc-table] [data-test=acc-holder]').first().waitFor();
    const holders = await page.locator('[data-test=acc-table] .el-table__body-wrapper tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('[data-test=acc-holder]')?.textContent ?? '', tr.querySelector('[data-test=acc-first-responder]')?.textContent ?? '']));
    // somewhere a township or a department held the case: its holder is not the village's first responder
    expect(holders.some(([h, f]) => h !== f)).toBe(true);
    expect(await nothingCut(page, '[data-test=acc-owner], [data-test=acc-holder], [data-test=acc-first-responder]')).toEqual([]);
    await shot(page, '164-accountability-1366');

    await page.locator('[data-test=acc-review]').first().click();
    const dialog = page.locator('[data-test=acc-dialog]');
    await dialog.locator('[data-test=acc-dialog-who]').waitFor();
    expect(await dialog.locator('.el-radio.is-checked').count()).toBe(0);
    await dialog.locator('[data-test=acc-submit]').click();
    await dialog.locator('[data-field=decision] .el-form-item__error').waitFor();
    await dialog.locator('[data-field=reason] .el-form-item__error').waitFor();
    await shot(page, '165-accountability-review-empty-1366');
    await dialog.locator('[data-test=acc-upheld]').click();
    await dialog.locator('textarea[name=reason]').fill('承办人未在时限内答复也未说明原因');
    const saved = page.waitForResponse((r) => r.url().includes('/review') && r.request().method() === 'POST');
    await dialog.locator('[data-test=acc-submit]').click();
    expect((await saved).status()).toBe(200);
  });

  it('is usable on a phone: cards for the ledger and accountability, the statistics table scrolls inside its card', async () => {
    const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', hasTouch: true, isMobile: true })).newPage();
    await login(phone, baseUrl, 'demo-county', password);
    await phone.waitForURL((u) => u.pathname === '/');
    await phone.goto(`${baseUrl}/cases`);
    await phone.locator('[data-test=case-cards] .case-card').first().waitFor();
    expect(await pageOverflows(phone)).toBe(false);
    await shot(phone, '166-ledger-county-360');
    await phone.goto(`${baseUrl}/cases/stats`);
    await phone.locator('[data-test=stats-table] [data-test=stats-unit]').first().waitFor();
    expect(await pageOverflows(phone)).toBe(false);
    await shot(phone, '167-case-stats-360');
    await phone.goto(`${baseUrl}/accountability`);
    await phone.locator('[data-test=acc-cards] .acc-card').first().waitFor();
    expect(await pageOverflows(phone)).toBe(false);
    await shot(phone, '168-accountability-360');
  });
});
