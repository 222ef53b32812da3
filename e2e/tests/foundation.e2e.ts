import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, login, shot, treeNode } from './browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const NEW_VILLAGE = '中共桃源村支部委员会';

describe('foundation: login, org tree, scope', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the error on the login page for a wrong password', async () => {
    await login(page, baseUrl, 'demo-county', 'not-the-password');
    const error = page.locator('[data-test=login-error]');
    await error.waitFor();
    expect(await error.textContent()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await shot(page, '01-login-wrong-password');
  });

  it('lets the county admin create a village under 青山乡 from the org tree', async () => {
    await login(page, baseUrl, 'demo-county', password);
    await page.waitForURL(`${baseUrl}/`);
    await page.locator('.el-menu-item', { hasText: '组织架构' }).click();
    await page.waitForURL(`${baseUrl}/orgs`);
    await treeNode(page, '中共示范县委员会').waitFor();
    await treeNode(page, '中共青山乡委员会').waitFor();
    await shot(page, '02-county-org-tree');

    await treeNode(page, '中共青山乡委员会').click();
    await page.locator('[data-test=org-detail] h3', { hasText: '中共青山乡委员会' }).waitFor();
    await page.locator('[data-test=org-add-child]').click();
    const dialog = page.locator('.el-dialog', { hasText: '新增下级组织' });
    await dialog.waitFor();
    await dialog.locator('[data-field=level] .el-select').waitFor();
    // preselected from the parent (a township committee): a village-tier branch
    expect(await dialog.locator('[data-field=tier]').textContent()).toContain('村(社区)');
    expect(await dialog.locator('[data-field=level]').textContent()).toContain('党支部');
    await dialog.locator('input[name=name]').fill(NEW_VILLAGE);
    await dialog.locator('input[name=code]').fill('SFX-QS-TY');
    await page.waitForTimeout(400); // let the dialog finish fading in
    await shot(page, '03-create-village-dialog');
    await dialog.locator('[data-test=org-submit]').click();
    await dialog.waitFor({ state: 'hidden' });

    await treeNode(page, NEW_VILLAGE).waitFor();
    await page.locator('[data-test=org-detail] h3', { hasText: NEW_VILLAGE }).waitFor();
    await shot(page, '04-village-created');
  });

  it('logs out and shows the village cadre only their own village', async () => {
    await page.locator('[data-test=user-menu]').click();
    await page.locator('.el-dropdown-menu__item', { hasText: '退出' }).click();
    await page.waitForURL(/\/login/);
    await shot(page, '05-logged-out');

    await login(page, baseUrl, 'demo-village', password);
    await page.waitForURL(`${baseUrl}/`);
    await page.goto(`${baseUrl}/orgs`);
    await treeNode(page, '中共青山村总支部委员会').waitFor();
    await shot(page, '06-village-org-tree');

    const tree = page.locator('[data-test=org-tree]');
    for (const other of ['石门村', '河口村', '桃源村', '青山乡']) {
      expect(await tree.getByText(other).count(), other).toBe(0);
    }
    // searching does not reveal them either (the tree only ever held the caller's subtree)
    await page.locator('[data-test=org-search]').fill('石门');
    await page.locator('[data-test=org-tree] .el-tree__empty-text').waitFor();
    await shot(page, '07-village-search-other-village');
    await page.locator('[data-test=org-search]').fill('qsc');
    await treeNode(page, '中共青山村总支部委员会').waitFor();

    const names = await page.evaluate(async () => {
      const res = await fetch('/api/orgs');
      const body = (await res.json()) as { items: { name: string }[] };
      return body.items.map((o) => o.name);
    });
    expect(names).toContain('中共青山村总支部委员会');
    expect(names.filter((n) => /石门村|河口村|桃源村/.test(n))).toEqual([]);
  });
});
