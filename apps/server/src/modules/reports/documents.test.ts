// The Word reports, read back with a .docx reader (mammoth) and compared with the JSON APIs of the same scope.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import yauzl from 'yauzl';
import type { Grade, OrgList, RoundList, TargetList, WorkStatistics } from '@jiceng/contract';
import { GRADE_LABELS, GRADES } from '@jiceng/contract/constants';
import { createTestApp, call, login, DEMO_PASSWORD, type Session, type TestContext } from '../../../test/harness.js';
import { seedDemo } from '../demo/demo.seed.js';


async function download(t: TestContext, s: Session, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), disposition: String(res.headers['content-disposition'] ?? ''), data: res.rawPayload };
}

async function zipNames(data: Buffer): Promise<string[]> {
  const zip = await yauzl.fromBufferPromise(data, { lazyEntries: true });
  const names: string[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      names.push(e.fileName);
      zip.readEntry();
    });
    zip.once('end', resolve);
    zip.once('error', reject);
    zip.readEntry();
  });
  zip.close();
  return names;
}

/** the report as HTML and as text, through mammoth */
async function read(data: Buffer) {
  const html = (await mammoth.convertToHtml({ buffer: data })).value;
  const text = (await mammoth.extractRawText({ buffer: data })).value;
  return { html, text };
}

/** the rows of the table whose header row starts with `first` (cells as text) */
function tableRows(html: string, first: string): string[][] {
  const tables = html.match(/<table>[\s\S]*?<\/table>/g) ?? [];
  const cells = (tr: string) => [...tr.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
  for (const tb of tables) {
    const rows = [...tb.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => cells(m[1]!));
    if (rows[0]?.[0] === first) return rows;
  }
  throw new Error(`no table starting with ${first}`);
}

const label = (g: Grade) => GRADE_LABELS[g]['zh-CN'];

describe('evaluation report (Word)', () => {
  let t: TestContext;
  let county: Session;
  let township: Session;
  let rounds: RoundList['items'];
  const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

  beforeAll(async () => {
    t = await createTestApp({}, { demo: false });
    await seedDemo(t.database.db, DEMO_PASSWORD, { people: true });
    county = await login(t.app, 'demo-county');
    township = await login(t.app, 'demo-township');
    rounds = ((await call(t.app, county, 'GET', '/api/evaluation/rounds')).body as RoundList).items;
  }, 180_000);
  afterAll(() => t.close());

  it('last year’s round: a .docx whose headings, grade table and top ten are the round page’s figures', async () => {
    const round = rounds.find((r) => r.year === year - 1)!;
    const file = await download(t, county, `/api/reports/evaluation/${round.id}.docx`);
    expect(file.status).toBe(200);
    expect(file.type).toContain('wordprocessingml');
    expect(decodeURIComponent(file.disposition)).toContain(`${year - 1}年度基层服务型党组织建设考评工作报告.docx`);
    const names = await zipNames(file.data);
    expect(names).toContain('[Content_Types].xml');
    expect(names.filter((n) => /^word\/media\/.+\.png$/.test(n)).length).toBeGreaterThanOrEqual(2);
    if (process.env.REPORT_OUT) fs.writeFileSync(process.env.REPORT_OUT, file.data);

    const { html, text } = await read(file.data);
    expect(text.replace(/\s+/g, '')).toContain(`${year - 1}年度基层服务型党组织建设考评工作报告`);
    const headings = [...html.matchAll(/<h1>([\s\S]*?)<\/h1>/g)].map((m) => m[1]!);
    expect(headings.map((h) => h.slice(0, 2))).toEqual(['一、', '二、', '三、', '四、']);
    expect(text).not.toContain('征求意见稿');
    expect(text).toContain('听、看、查、走、访');
    expect(text).toContain(`${round.weights.self}%、${round.weights.mass}%、${round.weights.org}%`);

    const targets = ((await call(t.app, county, 'GET', `/api/evaluation/rounds/${round.id}/targets?sort=rank`)).body as TargetList).items;
    const counts = Object.fromEntries(GRADES.map((g) => [g, targets.filter((x) => x.grade === g).length])) as Record<Grade, number>;
    // 表1: per township and the totals row
    const byTownship = tableRows(html, '乡镇（街道）');
    expect(byTownship[0]).toEqual(['乡镇（街道）', '参评数', ...GRADES.map(label)]);
    expect(byTownship.at(-1)).toEqual(['合计', String(targets.length), ...GRADES.map((g) => String(counts[g]))]);
    for (const row of byTownship.slice(1, -1)) {
      const mine = targets.filter((x) => (x.townshipName ?? '县直') === row[0]);
      expect(row.slice(1)).toEqual([String(mine.length), ...GRADES.map((g) => String(mine.filter((x) => x.grade === g).length))]);
    }
    // the overall sentence
    for (const g of GRADES) expect(text).toContain(`“${label(g)}”${counts[g]}个`);
    // 表3: the top ones in rank order with their final scores and grades
    const ranked = targets.filter((x) => x.finalScore !== null);
    const n = Math.min(10, Math.floor(ranked.length / 2));
    const top = tableRows(html, '序号').slice(1, n + 1);
    expect(top.map((r) => [r[1], r[3], r[4]])).toEqual(ranked.slice(0, n).map((x) => [x.orgName, x.finalScore!.toFixed(2), label(x.grade!)]));
    expect(top.every((r) => r[5] && r[5] !== '—')).toBe(true);
  });

  it('a township gets the report of its own subtree only', async () => {
    const round = rounds.find((r) => r.year === year - 1)!;
    const file = await download(t, township, `/api/reports/evaluation/${round.id}.docx`);
    expect(file.status).toBe(200);
    const { text } = await read(file.data);
    const mine = ((await call(t.app, township, 'GET', `/api/evaluation/rounds/${round.id}/targets`)).body as TargetList).items;
    const all = ((await call(t.app, county, 'GET', `/api/evaluation/rounds/${round.id}/targets`)).body as TargetList).items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(all.length);
    expect(text).toContain(`所属${mine.length}个基层党组织`);
    expect(text).toContain('县委组织部：');
    const others = all.filter((x) => !mine.some((m) => m.orgId === x.orgId));
    for (const o of others) expect(text).not.toContain(o.orgName);
  });

  it('this year’s round, not yet published: marked as a draft with the proposed grades', async () => {
    const round = rounds.find((r) => r.year === year)!;
    const file = await download(t, county, `/api/reports/evaluation/${round.id}.docx`);
    expect(file.status).toBe(200);
    const { text } = await read(file.data);
    expect(text).toContain('征求意见稿');
  });

  it('refuses an unknown round, an org outside the caller’s area and a malformed id', async () => {
    const round = rounds.find((r) => r.year === year - 1)!;
    expect((await download(t, county, '/api/reports/evaluation/00000000-0000-7000-8000-000000000000.docx')).status).toBe(404);
    const orgs = ((await call(t.app, county, 'GET', '/api/orgs')).body as OrgList).items;
    const otherTownship = orgs.find((o) => o.tier === 'township' && o.code !== 'SFX-QS')!;
    expect((await download(t, township, `/api/reports/evaluation/${round.id}.docx?orgId=${otherTownship.id}`)).status).toBe(404);
    expect((await download(t, county, `/api/reports/evaluation/${round.id}.docx?orgId=not-an-id`)).status).toBe(400);
    const member = await login(t.app, 'demo-grid');
    expect((await download(t, member, `/api/reports/evaluation/${round.id}.docx`)).status).toBe(403);
  });

  it('the periodic work report: its sentences and table are GET /api/statistics of the same scope and period', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const qs = `period=year&date=${today}`;
    const file = await download(t, county, `/api/reports/work.docx?${qs}`);
    expect(file.status).toBe(200);
    if (process.env.WORK_REPORT_OUT) fs.writeFileSync(process.env.WORK_REPORT_OUT, file.data);
    const s = (await call(t.app, county, 'GET', `/api/statistics?${qs}`)).body as WorkStatistics;
    const { html, text } = await read(file.data);
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain(`${s.period.label}基层服务型党组织服务工作情况报告`);
    expect(text).toContain(`共受理群众办理事项${s.total.received}件（上期${s.previousTotal.received}件`);
    expect(text).toContain(`其中代办服务${s.total.proxy}件，受理维权事项${s.total.rights}件`);
    expect(text).toContain(`开展入户走访${s.total.visits}次`);
    const rows = tableRows(html, '单位');
    expect(rows.slice(1, -2).map((r) => [r[0], r[1], r[2], r[3]])).toEqual(s.rows.map((r) => [r.name, String(r.received), String(r.proxy), String(r.rights)]));
    expect(rows.at(-2)!.slice(0, 4)).toEqual(['合计', String(s.total.received), String(s.total.proxy), String(s.total.rights)]);
    // a township's report names no other township
    const mine = await download(t, township, `/api/reports/work.docx?period=quarter&date=${today}`);
    expect(mine.status).toBe(200);
    const other = ((await call(t.app, county, 'GET', '/api/orgs')).body as OrgList).items.filter((o) => o.tier === 'township' && o.code !== 'SFX-QS');
    const mineText = (await read(mine.data)).text;
    for (const o of other) expect(mineText).not.toContain(o.name);
    expect((await download(t, county, '/api/reports/work.docx?period=custom&from=2026-05-01&to=2026-04-01')).status).toBe(400);
  });
});
