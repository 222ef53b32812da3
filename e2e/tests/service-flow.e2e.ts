import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import path from 'node:path';
import { launch, login, shot, SCREENSHOTS } from './browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');

// Issue 16 "Done when": the whole service flow as residents and cadres live it — a resident's request from a phone
// (360 px) → the village → the township → the county department → the resident's rating → the county — and at each
// step the dates the resident and each holder see, checked against one computation: the county's working calendar
// (GET /api/calendar/working-days/add) with the item's promised days and each tier's days from the county policy.
// The promise to the resident moves only when the department promises a date (承诺办理), and the resident is told why.

const ITEM = '临时救助申请'; // MZ-02: a township item, 5 working days
const DESCRIPTION = `家里失火，想申请临时救助（服务流程 e2e ${Date.now().toString(36)}）`;
const PHONE = '13907106699';

const FMT = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });
/** as the portal writes a day */
const residentDay = (iso: string) => FMT.format(new Date(iso));
const shanghaiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('the service flow: portal → village → township → department → rating → county, one promised date', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let resident: Page;
  let village: Page, township: Page, dept: Page, county: Page;
  let countyId: string;
  let code = '';
  let secret = '';
  let number = '';
  let caseId = '';
  const days = { village: 0, township: 0, county: 0, item: 5 };
  /** the one computation: n working days from today on the county's calendar, to the end of that day */
  let inWorkdays: (n: number) => Promise<string>;
  let promise = '';

  const staffPage = async (username: string) => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    contexts.push(ctx);
    const p = await ctx.newPage();
    await login(p, baseUrl, username, password);
    await p.waitForURL((u) => !u.pathname.startsWith('/login'));
    return p;
  };
  const openCase = async (p: Page) => {
    await p.goto(`${baseUrl}/cases/${caseId}`);
    await p.locator('[data-test=case-dates]').waitFor();
  };
  const iso = async (p: Page, test: string) => (await p.locator(`[data-test=${test}]`).getAttribute('data-iso'))!;
  const track = async () => {
    await resident.goto(`${baseUrl}/portal/track?code=${encodeURIComponent(code)}`);
    await resident.locator('[data-test=track-secret]').fill(secret);
    await resident.locator('[data-test=track-submit]').click();
    await resident.locator('[data-test=track-status]').waitFor();
  };
  const act = async (p: Page, action: string) => {
    await p.locator(`[data-test=case-action-${action}]`).click();
    const dialog = p.locator('[data-test=case-dialog]');
    await dialog.waitFor();
    return dialog;
  };
  const submit = async (p: Page) => {
    await p.locator('[data-test=case-dialog-submit]').click();
    await p.locator('[data-test=case-dialog]').waitFor({ state: 'hidden' });
  };
  const forward = async (p: Page, to: string, note: string) => {
    const dialog = await act(p, 'forward');
    await dialog.locator('.el-select').first().click();
    await p.locator('.el-select-dropdown__item:visible', { hasText: to }).first().click();
    await dialog.locator('[data-field=note] textarea').fill(note);
    await submit(p);
    await p.locator('[data-test=case-state]', { hasText: '已受理' }).waitFor();
  };

  beforeAll(async () => {
    browser = await launch();
    const rctx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', hasTouch: true, isMobile: true });
    contexts.push(rctx);
    resident = await rctx.newPage();
    [village, township, dept, county] = [await staffPage('demo-village'), await staffPage('demo-township'), await staffPage('demo-dept'), await staffPage('demo-county')];
    countyId = ((await (await county.request.get(`${baseUrl}/api/me`)).json()) as { user: { countyId: string } }).user.countyId;
    const policy = (await (await county.request.get(`${baseUrl}/api/policy`)).json()) as { entries: { key: string; value: number }[] };
    const v = (k: string) => policy.entries.find((e) => e.key === k)!.value;
    Object.assign(days, { village: v('case.villageDays'), township: v('case.townshipDays'), county: v('case.countyDays') });
    inWorkdays = async (n: number) => {
      const r = (await (await county.request.get(`${baseUrl}/api/calendar/working-days/add?from=${shanghaiToday()}&days=${n}&countyId=${countyId}`)).json()) as { date: string };
      return new Date(`${r.date}T23:59:59.999+08:00`).toISOString();
    };
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  it('the resident sends the request from a phone; the receipt and the tracking page show the item’s promise', async () => {
    promise = await inWorkdays(days.item);
    await resident.goto(`${baseUrl}/portal?county=${countyId}`);
    const tw = resident.locator('[data-test=portal-township]');
    await tw.locator('option', { hasText: '青山乡' }).waitFor({ state: 'attached' });
    await tw.selectOption({ label: '青山乡' });
    await resident.locator('[data-test=portal-village]').selectOption({ label: '青山村' });
    await resident.locator('[data-test=portal-categories] button', { hasText: '民政事务' }).click();
    await resident.locator('[data-test=portal-items] label', { hasText: ITEM }).click();
    await resident.locator('[data-test=portal-description]').fill(DESCRIPTION);
    await resident.locator('[data-test=portal-name]').fill('刘大娘');
    await resident.locator('[data-test=portal-phone]').fill(PHONE);
    await resident.locator('[data-test=portal-submit]').click();
    await resident.locator('[data-test=tracking-code]').waitFor();
    code = (await resident.locator('[data-test=tracking-code]').textContent())!.trim();
    secret = (await resident.locator('[data-test=tracking-secret]').textContent())!.trim();
    number = (await resident.locator('[data-test=portal-receipt] dd').first().textContent())!.trim();
    expect(await resident.locator('[data-test=portal-receipt]').textContent()).toContain(residentDay(promise));
    await shot(resident, 'flow-00-portal-receipt');

    await track();
    expect(await resident.locator('[data-test=track-promised]').textContent()).toContain(residentDay(promise));
    expect(await resident.locator('[data-test=track-owner]').textContent()).toContain('青山村便民服务室');
  });

  it('the village sees the promise and its own deadline apart, takes it up and forwards it to the township', async () => {
    await village.goto(`${baseUrl}/cases`);
    await village.locator('input[name=q]').fill(number);
    const row = village.locator('[data-test=case-table] .el-table__row', { hasText: number });
    await row.first().waitFor();
    await row.first().click();
    await village.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    caseId = village.url().split('/').at(-1)!;
    await village.locator('[data-test=case-dates]').waitFor();
    // a portal request is received when it arrives: the village's deadline counts from then, as the promise does
    expect(await iso(village, 'case-promised')).toBe(promise);
    expect(await iso(village, 'case-due')).toBe(await inWorkdays(days.village));
    await shot(village, 'flow-01-village-case');

    const dialog = await act(village, 'accept');
    await dialog.locator('[data-test=accept-mode] .el-radio', { hasText: '直接办理' }).click();
    await submit(village);
    await forward(village, '青山乡', '需乡镇民政办审核临时救助');
    // the new holder's deadline (the item's days, counted from the forward), the promise unchanged, both on the timeline
    const townshipDue = await inWorkdays(days.item);
    expect(await iso(village, 'case-due')).toBe(townshipDue);
    expect(await iso(village, 'case-promised')).toBe(promise);
    const last = village.locator('[data-test=case-timeline] .el-timeline-item').last();
    const text = (await last.textContent())!;
    expect(text).toContain('转办');
    expect(text).toContain('本单位办理期限');
    expect(text).toContain(`承诺办结日期 ${new Date(Date.parse(promise) + 8 * 3_600_000).toISOString().slice(0, 10)}`);
    await shot(village, 'flow-02-village-forwarded');
  });

  it('the resident sees where it went — a unit, not a person — and the same promise', async () => {
    await track();
    expect(await resident.locator('[data-test=track-owner]').textContent()).toContain('青山乡便民服务中心');
    expect(await resident.locator('[data-test=track-timeline]').textContent()).toContain('已转至 青山乡便民服务中心办理');
    expect(await resident.locator('[data-test=track-promised]').textContent()).toContain(residentDay(promise));
    expect(await resident.locator('[data-test=track-promise-changes]').count()).toBe(0);
    expect(await resident.locator('body').textContent()).not.toContain('李春梅');
    await shot(resident, 'flow-03-portal-forwarded');
  });

  it('the township holds it to its own deadline and forwards it to the county department', async () => {
    await openCase(township);
    expect(await iso(township, 'case-promised')).toBe(promise);
    expect(await iso(township, 'case-due')).toBe(await inWorkdays(days.item));
    const dialog = await act(township, 'accept');
    await dialog.locator('[data-test=accept-mode] .el-radio', { hasText: '直接办理' }).click();
    await submit(township);
    await forward(township, '县民政局', '需县民政局审批');
    expect(await iso(township, 'case-due')).toBe(await inWorkdays(days.county));
    expect(await iso(township, 'case-promised')).toBe(promise);
  });

  it('the department promises a date (承诺办理): it becomes the promise and its deadline; the resident is told why it moved', async () => {
    await openCase(dept);
    expect(await iso(dept, 'case-due')).toBe(await inWorkdays(days.county));
    const dialog = await act(dept, 'accept');
    await dialog.locator('[data-test=accept-mode] .el-radio', { hasText: '承诺办理' }).click();
    // the date is asked for
    await dept.locator('[data-test=case-dialog-submit]').click();
    await dialog.locator('[data-field=promisedDays] .el-form-item__error').waitFor();
    await dialog.locator('[data-field=promisedDays] input').fill('3');
    const promised3 = await inWorkdays(3);
    await dialog.locator('[data-test=promise-preview]', { hasText: residentDay(promised3) }).waitFor();
    await shot(dept, 'flow-04-dept-accept-promised');
    await submit(dept);
    await dept.locator('[data-test=case-handling-mode]', { hasText: '承诺办理' }).waitFor();
    expect(await iso(dept, 'case-promised')).toBe(promised3);
    expect(await iso(dept, 'case-due')).toBe(promised3);
    if (promised3 !== promise) await dept.locator('[data-test=case-promise-changes]').waitFor();

    await track();
    expect(await resident.locator('[data-test=track-owner]').textContent()).toContain('县民政局');
    expect(await resident.locator('[data-test=track-promised]').textContent()).toContain(residentDay(promised3));
    if (promised3 !== promise) {
      const changes = (await resident.locator('[data-test=track-promise-changes]').textContent())!;
      expect(changes).toContain(residentDay(promise));
      expect(changes).toContain(residentDay(promised3));
    }
    promise = promised3;

    const reply = await act(dept, 'reply');
    await reply.locator('.el-radio', { hasText: '承诺办理' }).click();
    await reply.locator('[data-field=text] textarea').fill('临时救助已审批，救助金 3 个工作日内发放到户。');
    await submit(dept);
    await dept.locator('[data-test=case-state]', { hasText: '已回复' }).waitFor();
  });

  it('the resident rates the answer; the county sees the whole story with the same dates', async () => {
    await track();
    expect(await resident.locator('[data-test=track-promised]').textContent()).toContain(residentDay(promise));
    await resident.locator('[data-test=star-5]').click();
    await resident.locator('[data-test=rate-submit]').click();
    await resident.locator('[data-test=track-rating]').waitFor();
    await resident.screenshot({ path: path.join(SCREENSHOTS, 'flow-05-portal-rated.png'), fullPage: true });

    await openCase(county);
    await county.locator('[data-test=case-state]', { hasText: '已评价' }).waitFor();
    expect(await iso(county, 'case-promised')).toBe(promise);
    expect(await iso(county, 'case-due')).toBe(promise);
    const timeline = (await county.locator('[data-test=case-timeline]').textContent())!;
    for (const step of ['受理登记', '开始承办', '转办', '回复群众', '群众评价']) expect(timeline).toContain(step);
    expect(await county.locator('[data-test=case-promise-changes]').count()).toBe(promise === (await inWorkdays(days.item)) ? 0 : 1);
    await shot(county, 'flow-06-county-case');
  });

  it('a walk-in at the village: the intake panel shows what is saved, and the 受理回执 prints it with a QR code', async () => {
    await village.goto(`${baseUrl}/cases/new`);
    await village.locator('[data-field=itemId] .el-select').click();
    await village.keyboard.type(ITEM);
    await village.locator('.el-select-dropdown__item:visible', { hasText: ITEM }).first().click();
    const panel = village.locator('[data-test=promised]');
    await panel.locator('[data-test=promised-date]').waitFor();
    const item5 = await inWorkdays(days.item);
    const own = await inWorkdays(days.village);
    expect(await panel.locator('[data-test=promised-date]').getAttribute('data-iso')).toBe(item5);
    expect(await panel.locator('[data-test=holder-due]').getAttribute('data-iso')).toBe(own);
    await village.locator('[data-test=materials-received] .el-checkbox', { hasText: '申请书' }).click();
    await village.locator('[data-test=materials-received] .el-checkbox', { hasText: '身份证' }).click();
    await village.locator('[data-field=description] textarea').fill('家中失火，来服务室申请临时救助');
    await village.locator('[data-field=requesterName] input').fill('孙大伯');
    await shot(village, 'flow-07-intake-panel');
    await village.locator('[data-test=case-submit]').click();
    await village.waitForURL(/\/cases\/[0-9a-f-]{36}\/receipt$/);
    const receipt = village.locator('[data-test=receipt]');
    await receipt.waitFor();
    await village.locator('[data-test=receipt-qr]').waitFor();
    expect(await village.locator('[data-test=receipt-promised]').textContent()).toContain(residentDay(item5));
    expect(await village.locator('[data-test=receipt-materials]').textContent()).toContain('申请书');
    expect(await village.locator('[data-test=receipt-responder]').textContent()).toContain('张德明');
    expect(await village.locator('[data-test=receipt-code]').textContent()).toMatch(/^[A-Z0-9]{8}$/);
    expect(await village.locator('[data-test=receipt-secret]').textContent()).toMatch(/^[A-Z0-9]{8}$/);
    await shot(village, 'flow-08-receipt-a5');
    await village.locator('[data-test=receipt-format] .el-radio-button', { hasText: '小票' }).click();
    await shot(village, 'flow-09-receipt-slip');
    // what the QR code opens: the tracking page with the code, the secret in the fragment (no server sees it); the page
    // looks the case up at once and drops the secret from the address bar
    const walkInCode = (await village.locator('[data-test=receipt-code]').textContent())!.trim();
    const walkInSecret = (await village.locator('[data-test=receipt-secret]').textContent())!.trim();
    await resident.goto(`${baseUrl}/portal/track?code=${walkInCode}#s=${walkInSecret}`);
    await resident.locator('[data-test=track-status]').waitFor();
    expect(await resident.locator('[data-test=track-promised]').textContent()).toContain(residentDay(item5));
    expect(resident.url()).not.toContain(walkInSecret);
    // the saved case has the panel's dates
    const saved = village.url().split('/').at(-2)!;
    const c = (await (await village.request.get(`${baseUrl}/api/cases/${saved}`)).json()) as { promisedAt: string; dueAt: string };
    expect(c).toMatchObject({ promisedAt: item5, dueAt: own });
    await village.setViewportSize({ width: 360, height: 740 });
    await village.reload();
    await receipt.waitFor();
    await shot(village, 'flow-10-receipt-360');
    // the case and the intake panel on a phone: both dates, nothing cut
    await village.goto(`${baseUrl}/cases/${saved}`);
    await village.locator('[data-test=case-dates]').waitFor();
    await shot(village, 'flow-11-case-360');
    await village.goto(`${baseUrl}/cases/new`);
    await village.locator('[data-field=itemId] .el-select').click();
    await village.keyboard.type(ITEM);
    await village.locator('.el-select-dropdown__item:visible', { hasText: ITEM }).first().click();
    await village.locator('[data-test=promised-date]').waitFor();
    await village.locator('[data-test=promised]').scrollIntoViewIfNeeded();
    await shot(village, 'flow-12-intake-panel-360');
  });
});
