import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { launch, login, shot } from './browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const RUN = Date.now().toString(36);

/**
 * RFC 6238 TOTP written here from the RFC (HMAC-SHA1, 30 s, 6 digits), independent of the server's library:
 * what any authenticator app computes from the key the page shows.
 */
function totp(base32: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of base32.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
const STEP = 30_000;

/** The demo county admin, through the API: accounts and policy for the run. */
async function admin(request: APIRequestContext) {
  const res = await request.post(`${baseUrl}/api/auth/login`, { data: { username: 'demo-county', password } });
  expect(res.status()).toBe(200);
  const csrf = (await request.storageState()).cookies.find((c) => c.name === 'jiceng_csrf')!.value;
  const headers = { 'x-csrf-token': csrf };
  const orgs = (await (await request.get(`${baseUrl}/api/orgs`)).json()).items as { id: string; code: string }[];
  return {
    village: orgs.find((o) => o.code === 'SFX-QS-QS')!.id,
    createUser: async (username: string, role: string, orgId: string) => {
      const r = await request.post(`${baseUrl}/api/users`, { headers, data: { username, displayName: `二次验证 ${username.slice(-4)}`, role, orgId, password } });
      expect(r.status(), await r.text()).toBe(201);
    },
    policy: async (values: Record<string, number | null>) => {
      expect((await request.put(`${baseUrl}/api/policy`, { headers, data: { values } })).status()).toBe(200);
    },
  };
}

describe('two-factor sign-in (desk, 1366×768)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const cadre = `e2e-tf-${RUN}`;
  let key = '';

  beforeAll(async () => {
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    page = await context.newPage();
    const a = await admin(context.request);
    await a.createUser(cadre, 'villageCadre', a.village);
    // this run's village cadres must use it (the demo county otherwise opts out)
    await a.policy({ 'totp.required.villageCadre': 1 });
    await context.clearCookies();
  });
  afterAll(async () => {
    const a = await admin(context.request).catch(() => null);
    await a?.policy({ 'totp.required.villageCadre': null });
    await browser?.close();
  });

  it('sends a role that must use it to the enrolment page, which enrols by QR code or key', async () => {
    await login(page, baseUrl, cadre, password);
    await page.waitForURL(`${baseUrl}/security/two-factor`);
    await page.locator('[data-test=tf-qr]').waitFor();
    expect(await page.locator('[data-test=tf-intro]').textContent()).toContain('GB/T 22239');
    // any other page leads back here
    await page.goto(`${baseUrl}/orgs`);
    await page.waitForURL(/\/security\/two-factor/);
    await page.locator('[data-test=tf-qr]').waitFor();
    // no home link while enrolment is pending
    expect(await page.locator('[data-test=tf-home]').count()).toBe(0);
    await shot(page, '81-two-factor-enrol');

    key = ((await page.locator('[data-test=tf-key]').textContent()) ?? '').replace(/\s/g, '');
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    await page.locator('[data-test=tf-code]').fill('000000' === totp(key) ? '111111' : '000000');
    await page.locator('[data-test=tf-confirm]').click();
    await page.locator('.el-form-item__error', { hasText: '动态码不正确' }).waitFor();

    await page.locator('[data-test=tf-code]').fill(totp(key, Date.now() - STEP));
    await page.locator('[data-test=tf-confirm]').click();
    const codes = page.locator('[data-test=recovery-codes] li');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    await shot(page, '82-two-factor-recovery-codes');
    // on to the page first asked for
    await page.locator('[data-test=codes-saved]').click();
    await page.waitForURL(`${baseUrl}/orgs`);
  });

  it('asks for the code after the password; a wrong one is refused, the app’s code logs in', async () => {
    await context.clearCookies();
    await login(page, baseUrl, cadre, password);
    await page.locator('[data-test=totp-step]').waitFor();
    await shot(page, '83-login-code-step');
    await page.locator('[data-test=totp-code]').fill(totp(key) === '123456' ? '654321' : '123456');
    await page.locator('[data-test=totp-submit]').click();
    await page.locator('[data-test=login-error]', { hasText: '动态码不正确' }).waitFor();
    await page.locator('[data-test=totp-code]').fill(totp(key));
    await page.locator('[data-test=totp-submit]').click();
    await page.waitForURL(`${baseUrl}/`);
  });

  it('lets the county admin reset it from the accounts page (audited)', async () => {
    await context.clearCookies();
    await login(page, baseUrl, 'demo-county', password);
    await page.waitForURL(`${baseUrl}/`);
    await page.goto(`${baseUrl}/accounts`);
    await page.locator('.el-table').waitFor();
    await page.locator('.jc-filters input').first().fill(cadre);
    const row = page.locator('.el-table__body tr', { hasText: cadre }).first();
    await row.locator('[data-test=totp-on]').waitFor();
    await page.locator('.el-table .el-loading-mask').waitFor({ state: 'hidden' });
    await shot(page, '84-accounts-reset-two-factor');
    await row.locator('[data-test=totp-reset]').click();
    await page.locator('.el-message-box').waitFor();
    await page.locator('.el-message-box .el-button--primary').click();
    await page.locator('.el-message', { hasText: '已重置' }).waitFor();
    const audit = await (await context.request.get(`${baseUrl}/api/audit?action=user.totpReset`)).json();
    expect(audit.items[0].detail.username).toBe(cadre);
  });
});

describe('two-factor sign-in (phone, 360×740)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const worker = `e2e-tfm-${RUN}`;
  let key = '';

  beforeAll(async () => {
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', hasTouch: true, isMobile: true });
    page = await context.newPage();
    const a = await admin(context.request);
    await a.createUser(worker, 'gridWorker', a.village);
    await context.clearCookies();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('enrols a grid worker on the two-factor page at phone width', async () => {
    await login(page, baseUrl, worker, password);
    await page.waitForURL(`${baseUrl}/`);
    await page.goto(`${baseUrl}/security/two-factor`);
    await page.locator('[data-test=tf-qr]').waitFor();
    await shot(page, '85-two-factor-enrol-phone');
    key = ((await page.locator('[data-test=tf-key]').textContent()) ?? '').replace(/\s/g, '');
    await page.locator('[data-test=tf-code]').fill(totp(key, Date.now() - STEP));
    await page.locator('[data-test=tf-confirm]').click();
    await page.locator('[data-test=recovery-codes] li').first().waitFor();
    await shot(page, '86-two-factor-recovery-codes-phone');
    await page.locator('[data-test=codes-saved]').click();
    await page.locator('[data-test=tf-status]').waitFor();
  });

  it('asks the code on the desk login at phone width', async () => {
    await context.clearCookies();
    await login(page, baseUrl, worker, password);
    await page.locator('[data-test=totp-step]').waitFor();
    await shot(page, '87-login-code-step-phone');
  });

  it('asks the code on the phone pages (/m/) and then opens them', async () => {
    await context.clearCookies();
    await page.goto(`${baseUrl}/m/`);
    await page.locator('[data-test=m-username]').fill(worker);
    await page.locator('[data-test=m-password]').fill(password);
    await page.locator('[data-test=m-login-submit]').click();
    await page.locator('[data-test=m-totp]').waitFor();
    await shot(page, '88-mobile-code-step');
    await page.locator('[data-test=m-totp-code]').fill(totp(key));
    await page.locator('[data-test=m-totp-submit]').click();
    await page.locator('[data-test=m-totp]').waitFor({ state: 'hidden' });
    await page.locator('.who', { hasText: worker.slice(-4) }).waitFor();
  });
});
