import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ContestList, OrgView, RoundView, SurveyDrawView, TargetList, TargetSheet } from '@jiceng/contract';
import { launch, login, shot } from './browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const RUN = Date.now().toString(36);
/** the evaluation year: the one of today on the Asia/Shanghai calendar (the demo has records of it) */
const YEAR = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
const round2 = (n: number) => Math.round(n * 100) / 100;

// Issue 11: the county opens a round for 青山乡's villages with the rural template; 青山村 self-evaluates and
// submits (the other villages submit through the API); an evaluator scores 青山村 on a 360 px phone with a photo
// from the camera; the county freezes, reviews and publishes; the village contests one indicator; a county
// reviewer who did not score it changes its points; the org score, final score and grade are recomputed and shown.
describe('the annual evaluation: opened, self-evaluated, scored on a phone with a photo, published, contested, decided', () => {
  let browser: Browser;
  let county: Page;
  let village: Page;
  let phone: BrowserContext;
  let evaluator: Page;
  let roundId = '';
  let orgId = '';
  /** the evidence indicator the evaluator scores and the village contests */
  let code = '';
  let indicatorId = '';
  let maxPoints = 0;
  let before: TargetSheet;
  /** the round's other villages: their stages are filled through the API (the browser steps are 青山村's) */
  let others: string[] = [];

  const desk = async (username: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await login(page, baseUrl, username, password);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    return page;
  };
  /** an API call in the page's session (the double-submit CSRF cookie as the web sends it) */
  const api = async <T>(page: Page | BrowserContext, method: 'get' | 'post', url: string, data?: unknown): Promise<T> => {
    const context = 'context' in page ? page.context() : page;
    const csrf = (await context.cookies()).find((c) => c.name === 'jiceng_csrf')?.value ?? '';
    const res = await context.request[method](`${baseUrl}${url}`, { data, headers: { 'x-csrf-token': csrf } });
    const body = await res.text();
    if (!res.ok()) throw new Error(`${method.toUpperCase()} ${url} → ${res.status()} ${body}`);
    return (body ? JSON.parse(body) : undefined) as T;
  };
  const sheet = (page: Page) => api<TargetSheet>(page, 'get', `/api/evaluation/rounds/${roundId}/orgs/${orgId}`);
  /** a real JPEG as a phone camera gives it, drawn by Chromium (1600 × 1200, so the page shrinks nothing but re-encodes) */
  const photo = async (page: Page, text: string): Promise<Buffer> => {
    const url = await page.evaluate((label) => {
      const c = document.createElement('canvas');
      c.width = 1600;
      c.height = 1200;
      const g = c.getContext('2d')!;
      g.fillStyle = '#e8e0d0';
      g.fillRect(0, 0, c.width, c.height);
      g.fillStyle = '#c8161d';
      g.fillRect(200, 300, 1200, 500);
      g.fillStyle = '#fff';
      g.font = '96px sans-serif';
      g.fillText(label, 260, 600);
      return c.toDataURL('image/jpeg', 0.85);
    }, text);
    return Buffer.from(url.split(',')[1]!, 'base64');
  };
  /** a screenshot once dialogs and tags have finished their transitions */
  const settled = async (page: Page, name: string) => {
    await page.locator('.el-overlay:visible').waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
    await page.waitForTimeout(400);
    await shot(page, name);
  };
  /** a signed-in API session of an account (no page) */
  const session = async (username: string): Promise<BrowserContext> => {
    const context = await browser.newContext();
    const res = await context.request.post(`${baseUrl}/api/auth/login`, { data: { username, password } });
    expect(res.ok()).toBe(true);
    return context;
  };
  /** the county's lifecycle button on the round page, with its confirm */
  const advanceOnPage = async (to: RoundView['state']) => {
    if (!county.url().endsWith(`/evaluation/rounds/${roundId}`)) await county.goto(`${baseUrl}/evaluation/rounds/${roundId}`);
    await county.locator('[data-test=round-advance]').click();
    await county.locator('.el-message-box .el-button--primary').click();
    await expect.poll(async () => (await api<RoundView>(county, 'get', `/api/evaluation/rounds/${roundId}`)).state, { timeout: 30_000 }).toBe(to);
  };

  beforeAll(async () => {
    browser = await launch();
    county = await desk('demo-county');
    village = await desk('demo-village');
    phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', hasTouch: true, isMobile: true });
    evaluator = await phone.newPage();
    await login(evaluator, baseUrl, 'demo-evaluator', password);
    await evaluator.waitForURL((u) => !u.pathname.startsWith('/login'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the county opens a round for 青山乡 on the rounds page and starts the self stage', async () => {
    const orgs = (await api<{ items: OrgView[] }>(county, 'get', '/api/orgs')).items;
    orgId = orgs.find((o) => o.code === 'SFX-QS-QS')!.id;
    const title = `青山乡 ${YEAR} 年度考评（e2e ${RUN}）`;
    await county.goto(`${baseUrl}/evaluation`);
    await county.locator('[data-test=round-create]').click();
    const dialog = county.locator('[data-test=round-dialog]');
    await dialog.locator('input[name=title]').fill(title);
    // scope: the township (the dialog starts at the county; the rural and community templates are pre-picked)
    await dialog.locator('[data-test=round-scope]').click();
    await county.keyboard.type('青山乡');
    await county.locator('.el-tree-select__popper:visible').getByText('中共青山乡委员会', { exact: true }).click();
    await dialog.locator('[data-test=round-evaluators]').click();
    await county.locator('.el-select__popper:visible .el-select-dropdown__item', { hasText: '考评组 赵志强' }).click();
    await county.keyboard.press('Escape');
    await shot(county, 'e0-round-create');
    await dialog.locator('[data-test=round-save]').click();
    await county.waitForURL(/\/evaluation\/rounds\/[0-9a-f-]{36}$/);
    roundId = county.url().split('/').pop()!;
    const created = await api<RoundView>(county, 'get', `/api/evaluation/rounds/${roundId}`);
    expect(created.title).toBe(title);
    expect(created.orgName).toContain('青山乡');
    expect(created.evaluators.map((e) => e.name)).toContain('考评组 赵志强');
    await advanceOnPage('self');
    others = (await api<TargetList>(county, 'get', `/api/evaluation/rounds/${roundId}/targets`)).items.map((r) => r.orgId).filter((id) => id !== orgId);
    expect(others.length).toBeGreaterThan(0);
    await settled(county, 'e1-round-self');
  });

  it('the village fills its self-evaluation (a mistaken entry withdrawn, a deduction with a photo of the minutes) and submits it', async () => {
    await village.goto(`${baseUrl}/evaluation/rounds/${roundId}/orgs/${orgId}`);
    await village.locator('[data-test=sheet-mode]', { hasText: '本组织自评' }).waitFor();
    before = await sheet(village);
    expect(before.can.self).toBe(true);
    const ev = before.indicators.find((i) => i.method === 'evidence')!;
    code = ev.code;
    indicatorId = ev.id;
    maxPoints = ev.maxPoints;
    const card = village.locator(`[data-test=indicator-${code}]`);
    // a first deduction entered by mistake is withdrawn: kept on the sheet struck through, no longer counted
    await card.locator(`[data-test=add-${code}]`).click();
    const first = village.locator('[data-test=entry-form]');
    await first.locator('[data-test=entry-amount] input').fill('2');
    await first.locator('[data-test=entry-reason]').fill(`录入有误（e2e ${RUN}）`);
    await first.locator('[data-test=entry-evidence-file-input]').setInputFiles({ name: '误传.jpg', mimeType: 'image/jpeg', buffer: await photo(village, '误传') });
    await first.locator('[data-test=entry-evidence-chosen]').waitFor();
    await village.locator('[data-test=entry-save]').click();
    await card.locator('[data-test=self-points]', { hasText: String(round2(Math.max(0, ev.selfPoints - 2))) }).waitFor();
    await card.locator('[data-test^=withdraw-]').click();
    await village.locator('.el-message-box .el-button--primary').click();
    await card.getByText('已撤回').waitFor();
    await card.locator('[data-test=self-points]', { hasText: String(round2(ev.selfPoints)) }).waitFor();
    await village.locator('.el-overlay:visible').waitFor({ state: 'detached' }).catch(() => undefined);
    await card.locator(`[data-test=add-${code}]`).click();
    const form = village.locator('[data-test=entry-form]');
    await form.locator('[data-test=entry-minus]').click();
    await form.locator('[data-test=entry-amount] input').fill('1');
    await form.locator('[data-test=entry-reason]').fill(`会议记录缺少一次（e2e ${RUN}）`);
    await form.locator('[data-test=entry-evidence-file-input]').setInputFiles({ name: '会议记录.jpg', mimeType: 'image/jpeg', buffer: await photo(village, '会议记录') });
    await form.locator('[data-test=entry-evidence-chosen]').waitFor();
    await village.locator('[data-test=entry-save]').click();
    await card.locator('[data-test=self-points]', { hasText: String(round2(ev.selfPoints - 1)) }).waitFor();
    await settled(village, 'e2-self-form');
    await village.locator('[data-test=submit-stage]').click();
    await village.locator('.el-message-box').getByRole('button', { name: '确认提交' }).click();
    await village.locator('[data-test=self-submitted]').filter({ hasNotText: '未提交' }).waitFor();
    expect((await sheet(village)).target.selfSubmittedAt).not.toBeNull();
    // the township's other villages submit theirs as they stand
    const cadres = (await api<{ items: { username: string; orgId: string | null; role: string }[] }>(county, 'get', '/api/users?q=demo-v')).items;
    for (const id of others) {
      const cadre = cadres.find((u) => u.orgId === id && u.role === 'villageCadre')!;
      const own = await session(cadre.username);
      await api(own, 'post', `/api/evaluation/rounds/${roundId}/orgs/${id}/submit`, { stage: 'self' });
      await own.close();
    }
  });

  it('an evaluator scores on a 360 px phone with a photo from the camera and submits', async () => {
    await advanceOnPage('massOrg');
    await evaluator.goto(`${baseUrl}/evaluation/rounds/${roundId}/orgs/${orgId}`);
    await evaluator.locator('[data-test=sheet-mode]', { hasText: '组织考评' }).waitFor();
    // one column, nothing wider than the phone
    expect(await evaluator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const card = evaluator.locator(`[data-test=indicator-${code}]`);
    await card.locator(`[data-test=add-${code}]`).tap();
    const form = evaluator.locator('[data-test=entry-form]');
    await form.locator('[data-test=entry-minus]').tap();
    await form.locator('[data-test=entry-amount] input').fill('2');
    await form.locator('[data-test=entry-reason]').fill(`现场查看：活动场所制度未上墙（e2e ${RUN}）`);
    await form.locator('[data-test=entry-way-look]').tap();
    await form.locator('[data-test=entry-evidence-camera-input]').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await photo(evaluator, '活动场所') });
    await form.locator('[data-test=entry-evidence-chosen] img').waitFor();
    await shot(evaluator, 'e3-phone-entry');
    await evaluator.locator('[data-test=entry-save]').tap();
    const expected = round2(Math.max(0, before.indicators.find((i) => i.id === indicatorId)!.orgPoints - 2));
    await card.locator('[data-test=org-points]', { hasText: String(expected) }).waitFor();
    const scored = await sheet(evaluator);
    const entry = scored.indicators.find((i) => i.id === indicatorId)!.entries.find((e) => e.stage === 'org' && !e.withdrawnAt)!;
    expect(entry.file?.mime).toBe('image/jpeg');
    expect(entry.file?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await evaluator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await card.scrollIntoViewIfNeeded();
    await settled(evaluator, 'e4-phone-sheet');
    await evaluator.locator('[data-test=submit-stage]').tap();
    await evaluator.locator('.el-message-box').getByRole('button', { name: '确认提交' }).tap();
    await evaluator.locator('[data-test=org-submitted]').filter({ hasNotText: '未提交' }).waitFor();
    expect((await sheet(evaluator)).target.orgSubmittedAt).not.toBeNull();
    for (const id of others) await api(evaluator, 'post', `/api/evaluation/rounds/${roundId}/orgs/${id}/submit`, { stage: 'org' });
  });

  it('the township’s household survey (三级入户走访) gives the mass evaluation its input', async () => {
    // a draw from above the villages (only those count), every drawn household answering 3, 4 or 5 on each question
    // the demo's own township survey of this year already counts: the new answers come on top of it
    const base = (await sheet(county)).mass;
    const township = await session('demo-township');
    const townshipId = (await api<{ items: OrgView[] }>(township, 'get', '/api/orgs')).items.find((o) => o.code === 'SFX-QS')!.id;
    const draw = await api<SurveyDrawView>(township, 'post', '/api/surveys/draws', { orgId: townshipId, level: 'township', title: `青山乡入户测评（e2e ${RUN}）`, sampleSize: 24 });
    const mine: number[] = [];
    for (const [i, h] of draw.households.entries()) {
      const score = 3 + (i % 3);
      await api(township, 'post', `/api/surveys/draws/${draw.id}/responses`, { householdId: h.id, answers: Object.fromEntries(draw.questions.map((q) => [q.key, score])) });
      if (h.villageId === orgId) for (const _q of draw.questions) mine.push((score - 1) / 4);
    }
    await township.close();
    expect(mine.length).toBeGreaterThan(0);
    // the county refreshes the live figures on the round page (before the review freezes them)
    await county.goto(`${baseUrl}/evaluation/rounds/${roundId}`);
    await county.locator('[data-test=round-refresh]').click();
    await expect.poll(async () => (await sheet(county)).mass.surveyAnswers, { timeout: 30_000 }).toBe(base.surveyAnswers + mine.length);
    const s = await sheet(county);
    // S is the mean over the earlier answers and the new ones; with no independent rating the survey alone makes the score
    const sum = (base.surveyMean === null ? 0 : ((base.surveyMean - 1) / 4) * base.surveyAnswers) + mine.reduce((a, b) => a + b, 0);
    expect(s.mass.s).toBeCloseTo(sum / (base.surveyAnswers + mine.length), 3);
    if (s.mass.ratings === 0) expect(s.mass.score).toBeCloseTo(100 * s.mass.s!, 1);
    await village.goto(`${baseUrl}/evaluation/rounds/${roundId}/orgs/${orgId}`);
    await village.locator('[data-test=mass-score]', { hasText: String(round2(s.mass.score!)) }).waitFor();
  });

  it('the county freezes the data, reviews and publishes', async () => {
    await advanceOnPage('review');
    await advanceOnPage('published');
    await county.locator('[data-test=round-state]', { hasText: '公示中' }).waitFor();
    await settled(county, 'e5-round-published');
    await county.goto(`${baseUrl}/evaluation/rounds/${roundId}/orgs/${orgId}`);
    await county.locator('[data-test=sheet-grade]').waitFor();
    before = await sheet(county);
    expect(before.round.state).toBe('published');
    expect(before.target.grade).not.toBeNull();
    await settled(county, 'e5-published-sheet-county');
  });

  it('the village contests the indicator within the window', async () => {
    await village.goto(`${baseUrl}/evaluation/rounds/${roundId}/orgs/${orgId}`);
    await village.locator('[data-test=sheet-mode]', { hasText: '申诉' }).waitFor();
    await village.locator(`[data-test=contest-${code}]`).click();
    const form = village.locator('[data-test=contest-form]');
    await form.locator('[data-test=contest-reason]').fill(`制度已于 11 月上墙，附照片（e2e ${RUN}）`);
    await form.locator('[data-test=contest-evidence-file-input]').setInputFiles({ name: '制度上墙.jpg', mimeType: 'image/jpeg', buffer: await photo(village, '制度上墙') });
    await form.locator('[data-test=contest-evidence-chosen]').waitFor();
    await village.locator('[data-test=contest-save]').click();
    await village.locator(`[data-test=indicator-${code}]`).getByText('待复核').waitFor();
    await settled(village, 'e6-contest-filed');
  });

  it('a county reviewer who did not score it changes the points; the final score and grade are recomputed', async () => {
    const contest = (await api<ContestList>(county, 'get', `/api/evaluation/contests?roundId=${roundId}`)).items.find((c) => c.indicatorId === indicatorId)!;
    expect(contest.state).toBe('pending');
    await county.goto(`${baseUrl}/evaluation/contests?roundId=${roundId}`);
    await county.locator(`[data-test=decide-${contest.id}]`).click();
    const form = county.locator('[data-test=decide-form]');
    await form.locator('[data-test=decide-changed]').click();
    await form.locator('[data-test=decide-points] input').fill(String(maxPoints));
    await form.locator('[data-test=decide-reason]').fill(`核实照片，制度已上墙，恢复满分（e2e ${RUN}）`);
    await county.locator('[data-test=decide-save]').click();
    await county.locator(`[data-test=contest-table]`).getByText('已改分').waitFor();
    await settled(county, 'e7-contest-decided');

    const after = await sheet(county);
    const ind = after.indicators.find((i) => i.id === indicatorId)!;
    expect(ind.contestedPoints).toBe(maxPoints);
    const raised = maxPoints - contest.pointsBefore;
    expect(raised).toBeGreaterThan(0);
    expect(after.target.orgScore).toBeCloseTo(round2(before.target.orgScore! + raised), 2);
    // final = (w_self × self + w_mass × mass + w_org × org) / 100 with the round's weights
    const w = after.round.weights;
    expect(after.target.finalScore).toBeCloseTo(round2((w.self * after.target.selfScore! + w.mass * after.target.massScore! + w.org * after.target.orgScore!) / 100), 1);
    expect(after.target.finalScore!).toBeGreaterThan(before.target.finalScore!);
    // the grade follows the new final by the round's thresholds (one target: no quota to apply below advanced)
    const f = after.target.finalScore!;
    const th = after.round.thresholds;
    const expected = after.target.veto ? 'lagging' : f >= th.advanced ? 'advanced' : f >= th.good ? 'good' : f >= th.average ? 'average' : 'lagging';
    if (expected !== 'advanced') expect(after.target.grade).toBe(expected);
    await village.goto(`${baseUrl}/evaluation/rounds/${roundId}/orgs/${orgId}`);
    await village.locator('[data-test=score-final]', { hasText: String(after.target.finalScore) }).waitFor();
    await village.locator(`[data-test=indicator-${code}]`).getByText('已改分').waitFor();
    await settled(village, 'e8-final-changed');
  });
});
