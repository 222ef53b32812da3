import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, login, shot } from './browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');

// 大屏 (issue 12 part 4) and the grid map coloured by work (part 5), through the pages.
describe('big screen with a display token; grid map coloured by work', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    page = await context.newPage();
    await login(page, baseUrl, 'demo-county', password);
    await page.waitForURL(`${baseUrl}/`);
  });
  afterAll(async () => { await browser?.close(); });

  it('issues a token on 大屏令牌, opens the screen with it (no login) and shows the bad-token page once revoked', async () => {
    await page.goto(`${baseUrl}/screen-tokens`);
    await page.locator('[data-test=new-token]').click();
    await page.locator('.el-dialog input').first().fill('县委组织部会议室');
    await page.locator('.el-dialog__footer .el-button--primary').click();
    const url = await page.locator('.el-dialog textarea').inputValue();
    expect(url).toContain('/screen?token=');
    await shot(page, 'screen-token-issued');
    const wall = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    const screen = await wall.newPage();
    await screen.goto(url.replace(/^https?:\/\/[^/]+/, baseUrl));
    await expect.poll(() => screen.locator('[data-test=screen-title]').textContent()).toContain('基层服务型党组织建设');
    await screen.waitForTimeout(1500);
    await shot(screen, 'screen-1920');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '吊销' }).first().click();
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await screen.reload();
    await expect.poll(() => screen.locator('[data-test=screen-bad-token]').count()).toBe(1);
    await wall.close();
  });

  it('colours the grid map by overdue must-visits; a grid’s row opens its list', async () => {
    await page.goto(`${baseUrl}/grids/map?metric=overdueVisits`);
    await expect.poll(() => page.locator('[data-test=work-legend]').count()).toBe(1);
    await shot(page, 'grid-work-map-1366');
    const row = page.locator('[data-test^=work-grid-]').first();
    const href = await row.getAttribute('href');
    expect(href).toContain('/visits/overdue');
    expect(href).toContain('gridId=');
    // the list behind the grid shows the grid's figure
    const value = Number(await row.locator('[data-test=work-value]').innerText());
    await row.click();
    await page.waitForURL((u) => u.pathname === '/visits/overdue' && u.searchParams.has('gridId'));
    await expect.poll(() => page.locator('[data-test=overdue-total]').innerText(), { timeout: 15_000 }).toBe(`超期未走访 ${value} 户`);
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', storageState: await context.storageState() });
    const p = await phone.newPage();
    await p.goto(`${baseUrl}/grids/map?metric=openCases`);
    await expect.poll(() => p.locator('[data-test=work-legend]').count()).toBe(1);
    await shot(p, 'grid-work-map-360');
    await phone.close();
  });
});
