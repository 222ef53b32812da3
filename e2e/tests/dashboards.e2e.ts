import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SCREENSHOTS, launch, login, shot } from './browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');

// Issue 12 part 3: each role's home page is its dashboard; the charts are drawn on the demo county, and a click on
// a figure opens the list behind it showing the same count.
describe('role dashboards on the home page', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(username: string, viewport = { width: 1366, height: 768 }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', ...(viewport.width < 500 ? { isMobile: true, hasTouch: true } : {}) });
    const page = await context.newPage();
    await login(page, baseUrl, username, password);
    await page.waitForURL((u) => u.pathname === '/');
    await page.locator('[data-test=dash-cards]').waitFor();
    return { context, page };
  }
  const valueOf = async (page: Page, testId: string) => Number(await page.locator(`[data-test=${testId}]`).getAttribute('data-value'));

  /** the chart has data and its canvas has drawn pixels */
  async function assertChartDrawn(page: Page, key: string) {
    const chart = page.locator(`[data-test=chart-${key}]`);
    await chart.locator('canvas').first().waitFor();
    expect(Number(await chart.getAttribute('data-points')), `${key} has data`).toBeGreaterThan(0);
    await expect.poll(() => chart.locator('canvas').first().evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d');
      if (!ctx) return 0;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let painted = 0;
      for (let i = 3; i < d.length; i += 16) if (d[i]! > 0) painted++;
      return painted;
    }), { timeout: 10_000 }).toBeGreaterThan(100);
  }

  /** the cases list shows 共 N 件 */
  async function expectCasesCount(page: Page, n: number) {
    await page.waitForURL((u) => u.pathname === '/cases');
    await expect.poll(() => page.locator('h2 .jc-muted').first().textContent(), { timeout: 15_000 }).toBe(`共 ${n} 件`);
  }

  it('county: cards, drawn charts, and the overdue card and a unit cell open lists of the same count', async () => {
    const { context, page } = await open('demo-county');
    await assertChartDrawn(page, 'casesByMonth');
    await assertChartDrawn(page, 'casesByUnit');
    await assertChartDrawn(page, 'evaluationProgress');
    await assertChartDrawn(page, 'evaluationGrades');
    await shot(page, '121-dashboard-county');
    await page.screenshot({ path: `${SCREENSHOTS}/121b-dashboard-county-full.png`, fullPage: true });
    const overdue = await valueOf(page, 'card-casesOverdue');
    await page.locator('[data-test=card-casesOverdue]').click();
    await expectCasesCount(page, overdue);
    await shot(page, '122-dashboard-county-overdue-list');

    await page.goBack();
    await page.locator('[data-test=chart-casesByUnit]').waitFor();
    const cell = page.locator('[data-test=cell-casesByUnit-overdue-0]');
    const n = Number(await cell.textContent());
    await cell.click();
    await expectCasesCount(page, n);
    expect(new URL(page.url()).searchParams.get('orgId')).toBeTruthy();
    await context.close();
  });

  it('township: its charts, and 必访超期 opens the overdue list of the same count', async () => {
    const { context, page } = await open('demo-township');
    await assertChartDrawn(page, 'casesByMonth');
    await shot(page, '123-dashboard-township');
    const visits = await valueOf(page, 'card-visitsOverdue');
    await page.locator('[data-test=card-visitsOverdue]').click();
    await page.waitForURL((u) => u.pathname === '/visits/overdue');
    await expect.poll(() => page.locator('[data-test=overdue-total]').textContent(), { timeout: 15_000 }).toContain(String(visits));
    await page.goBack();
    await page.locator('[data-test=dash-cards]').waitFor();
    const casesOpen = await valueOf(page, 'card-casesOpen');
    await page.locator('[data-test=card-casesOpen]').click();
    await expectCasesCount(page, casesOpen);
    await context.close();
  });

  it('village: my queue opens the list of the same count', async () => {
    const { context, page } = await open('demo-village');
    await page.locator('[data-test=list-myMustVisits]').waitFor();
    await shot(page, '124-dashboard-village');
    const queue = await valueOf(page, 'card-myQueue');
    await page.locator('[data-test=card-myQueue]').click();
    await expectCasesCount(page, queue);
    await context.close();
  });

  it('grid worker on a phone (360 px): cards stacked, no horizontal scroll, my reports this month open the list', async () => {
    const { context, page } = await open('demo-grid', { width: 360, height: 740 });
    await page.locator('[data-test=list-todayMustVisits]').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(page, '125-dashboard-grid-phone');
    const reports = await valueOf(page, 'card-myReportsMonth');
    await page.locator('[data-test=card-myReportsMonth]').click();
    await expectCasesCount(page, reports);
    await context.close();
  });

  it('department: my queue and the whistles waiting for its report', async () => {
    const { context, page } = await open('demo-dept');
    await page.locator('[data-test=list-reportDeadlines]').waitFor();
    await shot(page, '126-dashboard-department');
    const whistles = await valueOf(page, 'card-whistlesOpen');
    const queue = await valueOf(page, 'card-myQueue');
    await page.locator('[data-test=card-whistlesOpen]').click();
    await page.waitForURL((u) => u.pathname === '/whistles');
    await expect.poll(() => page.locator('[data-test=whistle-card]').count(), { timeout: 15_000 }).toBe(whistles);
    await page.goBack();
    await page.locator('[data-test=card-myQueue]').click();
    await expectCasesCount(page, queue);
    await context.close();
  });
});
