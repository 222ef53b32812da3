import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, shot } from './browser';

const baseUrl = inject('baseUrl');

// Without an account: a resident reads the published service catalog; protected pages send to the login page.
describe('public pages without an account', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    page = await (await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('sends a visitor of a protected page to the login page, keeping where they wanted to go', async () => {
    await page.goto(`${baseUrl}/members`);
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/members');
  });

  it('shows a resident the published service catalog of the county, without logging in', async () => {
    const health = await page.request.get(`${baseUrl}/api/health`);
    expect(health.status()).toBe(200);
    // the county's id is the root org id; a resident gets it as a link (QR code) from the village
    const login = await page.request.post(`${baseUrl}/api/auth/login`, { data: { username: 'demo-county', password: inject('demoPassword') } });
    const me = await (await page.request.get(`${baseUrl}/api/me`)).json();
    expect(login.status()).toBe(200);
    await page.request.post(`${baseUrl}/api/auth/logout`, { headers: { 'x-csrf-token': (await page.context().cookies()).find((c) => c.name === 'jiceng_csrf')!.value } });
    await page.context().clearCookies();
    await page.goto(`${baseUrl}/public/catalog?county=${me.user.countyId}`);
    await page.getByText('城乡居民最低生活保障申请').waitFor();
    expect(new URL(page.url()).pathname).toBe('/public/catalog');
    await shot(page, '21-public-catalog');
  });
});
