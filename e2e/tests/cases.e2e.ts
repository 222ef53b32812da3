import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import path from 'node:path';
import { launch, login, shot, SCREENSHOTS } from './browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');

const PHONE = '13907106688';
/** unique per run, so the village finds this request and not an earlier one */
const DESCRIPTION = `家里老人行动不便，想咨询临时救助怎么申请（e2e ${Date.now().toString(36)}）`;
const REPLY = '已上门了解情况，临时救助申请材料由村里代办，3 个工作日内报乡镇审批。';
const COMMENT = '村干部上门服务，很及时，谢谢！';

// 群众办事 end to end: a resident sends a request from a phone without an account, the village answers it,
// the resident follows it with the code and the last 4 digits of the phone and rates the answer.
describe('cases: a resident request from the portal to the rating', () => {
  let browser: Browser;
  let resident: Page;
  let staffContext: BrowserContext;
  let staff: Page;
  let countyId: string;
  let trackingCode: string;
  let secret: string;
  let caseNumber = '';

  beforeAll(async () => {
    browser = await launch();
    resident = await (await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', hasTouch: true, isMobile: true })).newPage();
    staffContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    staff = await staffContext.newPage();
    // the county's id is the root org id; a resident gets it as a link (QR code) from the village
    await login(staff, baseUrl, 'demo-village', password);
    await staff.waitForURL(`${baseUrl}/`);
    const me = (await (await staff.request.get(`${baseUrl}/api/me`)).json()) as { user: { countyId: string } };
    countyId = me.user.countyId;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets a resident send a request from a phone and shows the tracking code', async () => {
    await resident.goto(`${baseUrl}/portal?county=${countyId}`);
    const township = resident.locator('[data-test=portal-township]');
    await township.locator('option', { hasText: '青山乡' }).waitFor({ state: 'attached' });

    // nothing filled in: every required field says so, nothing is sent
    await resident.locator('[data-test=portal-submit]').click();
    await resident.locator('.err').first().waitFor();
    expect(await resident.locator('.err').count()).toBeGreaterThanOrEqual(4);

    await township.selectOption({ label: '青山乡' });
    await resident.locator('[data-test=portal-village]').selectOption({ label: '青山村' });
    await resident.locator('[data-test=portal-categories] button', { hasText: '民政事务' }).click();
    await resident.locator('[data-test=portal-items]').waitFor();
    await resident.locator('[data-test=portal-description]').fill(DESCRIPTION);
    await resident.locator('[data-test=portal-name]').fill('王大爷');
    // a wrong number is caught before sending
    await resident.locator('[data-test=portal-phone]').fill('1390710');
    await resident.locator('[data-test=portal-submit]').click();
    await resident.getByText('请填写 11 位手机号').waitFor();
    await resident.locator('[data-test=portal-phone]').fill(PHONE);
    // the whole form, as long as it is on a phone
    await resident.screenshot({ path: path.join(SCREENSHOTS, '31-portal-request.png'), fullPage: true });

    await resident.locator('[data-test=portal-submit]').click();
    const code = resident.locator('[data-test=tracking-code]');
    await code.waitFor();
    trackingCode = (await code.textContent())!.trim();
    expect(trackingCode).toMatch(/^[A-Z0-9-]{4,20}$/);
    // the resident's credential is the one-time secret on the receipt, not the phone digits staff can see
    secret = (await resident.locator('[data-test=tracking-secret]').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z0-9]{8}$/);
    await resident.getByText('查询密码只显示这一次').waitFor();
    caseNumber = (await resident.locator('[data-test=portal-receipt] dd').first().textContent())!.trim();
    expect(caseNumber).not.toBe('');
    await shot(resident, '32-portal-receipt');
  });

  it('gives one error for a wrong code and for wrong digits', async () => {
    await resident.goto(`${baseUrl}/portal/track`);
    await resident.locator('[data-test=track-code]').fill('NOSUCH99');
    await resident.locator('[data-test=track-secret]').fill(secret);
    await resident.locator('[data-test=track-submit]').click();
    const error = resident.locator('[data-test=track-error]');
    await error.waitFor();
    const wrongCode = (await error.textContent())!.trim();
    expect(wrongCode).not.toBe('');
    await shot(resident, '33-portal-track-wrong-code');

    await resident.locator('[data-test=track-code]').fill(trackingCode);
    await resident.locator('[data-test=track-secret]').fill(secret === 'AAAA2222' ? 'BBBB3333' : 'AAAA2222');
    await resident.locator('[data-test=track-submit]').click();
    await resident.locator('[data-test=track-error]').waitFor();
    // the same answer: a wrong code cannot be told apart from a right code with wrong digits
    expect((await error.textContent())!.trim()).toBe(wrongCode);
    expect(await resident.locator('[data-test=track-status]').count()).toBe(0);
  });

  it('lets the village take the request up and reply through the case page', async () => {
    await staff.goto(`${baseUrl}/cases`);
    await staff.locator('input[name=q]').fill(caseNumber);
    const row = staff.locator('[data-test=case-table] .el-table__row', { hasText: caseNumber });
    await row.first().waitFor();
    await row.first().click();
    await staff.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await staff.getByText(DESCRIPTION).first().waitFor();

    // 开始承办 asks for the handling mode; 承诺办理 names its working days (issue 16 point 2)
    await staff.locator('[data-test=case-action-accept]').click();
    const dialog = staff.locator('[data-test=case-dialog]');
    await dialog.locator('[data-test=accept-mode] .el-radio', { hasText: '承诺办理' }).click();
    await dialog.locator('[data-field=promisedDays] input').fill('3');
    await dialog.locator('[data-test=promise-preview]', { hasText: '前办结' }).waitFor();
    await staff.locator('[data-test=case-dialog-submit]').click();
    await dialog.waitFor({ state: 'hidden' });
    await staff.locator('[data-test=case-handling-mode]', { hasText: '承诺办理' }).waitFor();
    await staff.locator('[data-test=case-action-reply]').click();
    await dialog.locator('textarea').first().waitFor();
    await dialog.locator('.el-radio', { hasText: '承诺办理' }).click();
    await dialog.locator('[data-field=text] textarea').fill(REPLY);
    await shot(staff, '34-case-reply-dialog');
    await staff.locator('[data-test=case-dialog-submit]').click();
    await dialog.waitFor({ state: 'hidden' });
    await staff.locator('[data-test=case-state]', { hasText: '已回复' }).waitFor();
    await staff.getByText(REPLY).first().waitFor();
    await shot(staff, '35-case-replied');
  });

  it('shows the resident the reply and takes a 5-star rating', async () => {
    await resident.goto(`${baseUrl}/portal/track?code=${encodeURIComponent(trackingCode)}`);
    expect(await resident.locator('[data-test=track-code]').inputValue()).toBe(trackingCode);
    await resident.locator('[data-test=track-secret]').fill(secret);
    await resident.locator('[data-test=track-submit]').click();
    await resident.locator('[data-test=track-status]').waitFor();
    // plain words for the resident (portal.words.ts): 已答复 / 已答应您, never the desk's 已回复 / 承诺办理
    expect(await resident.locator('[data-test=track-state]').textContent()).toContain('已答复');
    const reply = resident.locator('[data-test=track-reply]');
    expect(await reply.textContent()).toContain(REPLY);
    expect(await reply.textContent()).toContain('已答应您');
    expect(await reply.textContent()).not.toContain('承诺办理');
    // the timeline names the steps, never the staff
    const timeline = (await resident.locator('[data-test=track-timeline]').textContent()) ?? '';
    expect(timeline).toContain('答复了您');
    expect(timeline).not.toContain('张德明');
    await shot(resident, '36-portal-track-replied');

    await resident.locator('[data-test=star-5]').click();
    await resident.locator('[data-test=rate-comment]').fill(COMMENT);
    await resident.locator('[data-test=rate-submit]').click();
    const rated = resident.locator('[data-test=track-rating]');
    await rated.waitFor();
    expect(await rated.locator('.on').count()).toBe(5);
    expect(await rated.textContent()).toContain(COMMENT);
    expect(await resident.locator('[data-test=track-rate]').count()).toBe(0);
    await shot(resident, '37-portal-rated');
  });
});
