import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const SCREENSHOTS = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../screenshots');

/** Debian's Chromium; the flags keep it off the (closed) network (PITFALLS 10). */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

export async function login(page: Page, baseUrl: string, username: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('[data-test=login-submit]').click();
}

/** The tree row of an org, by its exact name. */
export const treeNode = (page: Page, name: string) =>
  page.locator('[data-test=org-tree] .el-tree-node__content').filter({ has: page.locator('.node-name', { hasText: new RegExp(`^${name}$`) }) });
