import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SCREENSHOTS, launch, login, shot } from './browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

interface Row { orgId: string | null; name: string; received: number }
interface Stats { scope: { name: string }; period: { label: string; from: string; to: string }; rows: Row[]; total: Row }

// Issue 12 parts 1, 2 and 6: the statistics page of a subtree and a period (the 篇三 table), its links, the Excel
// ledger and the Word report from it, and the A4 landscape print a township pins on the wall.
describe('工作统计 and the reports', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true });
    page = await context.newPage();
    await login(page, baseUrl, 'demo-township', password);
    await page.waitForURL((u) => u.pathname === '/');
  });
  afterAll(async () => {
    await browser?.close();
  });

  const api = async (q: string) => (await (await page.request.get(`${baseUrl}/api/statistics?${q}`)).json()) as Stats;
  const cellText = (row: string, col: number) => page.locator(`[data-test=statistics-row-${row}]`).first().locator('td').nth(col).innerText();

  it('shows the township’s year: the title, one row per village and the total as GET /api/statistics has them', async () => {
    await page.goto(`${baseUrl}/statistics?period=year&date=${today}`);
    const s = await api(`period=year&date=${today}`);
    await expect.poll(() => page.locator('[data-test=statistics-title]').innerText()).toContain(`${s.scope.name}${s.period.label}`);
    await expect.poll(() => page.locator('[data-test=statistics-row-unit]').count()).toBe(s.rows.length);
    expect(Number(await cellText('total', 1))).toBe(s.total.received);
    const names = await page.locator('[data-test=statistics-row-unit] td:first-child').allInnerTexts();
    expect(names.map((n) => n.trim())).toEqual(s.rows.map((r) => r.name));
    await shot(page, '131-statistics-township-year');
  });

  it('a unit’s 办理事项 opens the case list of that unit and period with the same count', async () => {
    const s = await api(`period=year&date=${today}`);
    const i = s.rows.findIndex((r) => r.received > 0);
    expect(i).toBeGreaterThanOrEqual(0);
    await page.locator('[data-test=statistics-row-unit]').nth(i).locator('td').nth(1).locator('a').click();
    await page.waitForURL((u) => u.pathname === '/cases');
    await expect.poll(() => page.locator('h2 .jc-muted').first().textContent(), { timeout: 15_000 }).toBe(`共 ${s.rows[i]!.received} 件`);
    await page.goBack();
    await page.locator('[data-test=statistics-table]').waitFor();
  });

  it('a unit’s name opens its own units; the period can be a month or a custom range', async () => {
    const s = await api(`period=year&date=${today}`);
    const village = s.rows.find((r) => r.orgId && r.name.includes('村'))!;
    await page.locator('[data-test=statistics-row-unit] a.drill', { hasText: village.name }).first().click();
    await expect.poll(() => page.locator('[data-test=statistics-title]').innerText()).toContain(village.name);
    expect(new URL(page.url()).searchParams.get('orgId')).toBe(village.orgId);
    await page.locator('[data-test=statistics-period] label', { hasText: '月度' }).click();
    await expect.poll(() => page.locator('[data-test=statistics-title]').innerText()).toMatch(/\d{4}年\d{1,2}月/);
    await page.locator('[data-test=statistics-period] label', { hasText: '自定义' }).click();
    await page.locator('.el-range-input').first().fill('2026-03-01');
    await page.locator('.el-range-input').nth(1).fill('2026-05-31');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-test=statistics-title]').innerText()).toContain('2026.03.01');
    const custom = await api(`orgId=${village.orgId}&period=custom&from=2026-03-01&to=2026-05-31`);
    expect(Number(await cellText('total', 1))).toBe(custom.total.received);
  });

  it('exports the same table to Excel and to Word', async () => {
    await page.goto(`${baseUrl}/statistics?period=quarter&date=${today}`);
    await page.locator('[data-test=statistics-table]').waitFor();
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=statistics-xlsx]').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/工作统计表?\.xlsx$/);
    expect(fs.statSync((await xlsx.path())!).size).toBeGreaterThan(4000);
    const [docx] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=statistics-docx]').click()]);
    expect(docx.suggestedFilename()).toMatch(/服务工作情况报告\.docx$/);
    expect(fs.readFileSync((await docx.path())!).subarray(0, 2).toString()).toBe('PK');
  });

  it('prints on one A4 landscape page without the app’s frame', async () => {
    await page.goto(`${baseUrl}/statistics?period=year&date=${today}`);
    await page.locator('[data-test=statistics-table]').waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.header').isVisible()).toBe(false);
    expect(await page.locator('[data-test=statistics-scope]').first().isVisible()).toBe(false);
    const file = path.join(SCREENSHOTS, '132-statistics-print.pdf');
    const pdf = await page.pdf({ path: file, preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBe(1);
    // landscape: the media box is wider than high (842 × 595 pt)
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    expect(Number(box![1])).toBeGreaterThan(Number(box![2]));
    try {
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, path.join(SCREENSHOTS, '132-statistics-print')]);
    } catch {
      // poppler-utils not installed: the PDF is the artifact
    }
  });

  it('works on a phone: filters and cards stacked, the table scrolls under a fixed unit column', async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    await login(p, baseUrl, 'demo-township', password);
    await p.waitForURL((u) => u.pathname === '/');
    await p.goto(`${baseUrl}/statistics?period=year&date=${today}`);
    await p.locator('[data-test=statistics-table]').waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(p, '133-statistics-phone');
    await phone.close();
  });

  it('the reports page downloads the evaluation report of a round', async () => {
    await page.goto(`${baseUrl}/reports`);
    await page.locator('[data-test=report-evaluation-download]').waitFor();
    const [docx] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=report-evaluation-download]').click()]);
    expect(docx.suggestedFilename()).toMatch(/考评工作报告\.docx$/);
    expect(fs.statSync((await docx.path())!).size).toBeGreaterThan(20_000);
    await shot(page, '134-reports-page');
  });
});
