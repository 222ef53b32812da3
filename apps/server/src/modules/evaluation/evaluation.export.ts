// Excel export of a round (issue 11 "Excel export of the ranking and of every stage"): 排名, 自评, 群众测评, 组织考评,
// each with its header row frozen and a closing row of totals or means. The rows are the caller's visible targets;
// the indicator points are the rules' own (compute.scoreTargets), exactly what the sheet shows.
import type ExcelJS from 'exceljs';
import { exceljs as excel } from '../../platform/lazy/lazy.js';
import { sql } from 'drizzle-orm';
import { GRADE_LABELS, ORG_SECTOR_LABELS, type Grade, type TargetRow } from '@jiceng/contract';
import { rowsOf, type Db } from '../../db/client.js';
import type { Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { roundTargets, scoreTargets, templateIndicators, type IndicatorRow } from './evaluation.compute.js';
import { ROUND_ENTITY, targetRows, visibleRoundRow } from './evaluation.rounds.service.js';
import { round2 } from './evaluation.rules.js';

type Cell = string | number | null;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

function addSheet(wb: ExcelJS.Workbook, name: string, header: string[], rows: Cell[][], closing: Cell[], widths?: number[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = header.map((h, i) => ({ width: widths?.[i] ?? Math.max(10, Math.min(40, h.length * 2 + 4)) }));
  const head = ws.addRow(header);
  head.eachCell((c) => { c.font = { bold: true }; c.fill = HEADER_FILL; c.alignment = { wrapText: true, vertical: 'middle' }; });
  for (const r of rows) ws.addRow(r);
  const last = ws.addRow(closing);
  last.font = { bold: true };
}

const mean = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? round2(v.reduce((s, x) => s + x, 0) / v.length) : null;
};
const sum = (xs: (number | null)[]) => round2(xs.reduce<number>((s, x) => s + (x ?? 0), 0));
const gradeText = (t: TargetRow) => t.grade ? GRADE_LABELS[t.grade]['zh-CN'] : t.proposedGrade ? `${GRADE_LABELS[t.proposedGrade as Grade]['zh-CN']}（拟定）` : (t.ungradable ?? '');

export async function exportRound(db: Db, actor: Actor, roundId: string): Promise<{ name: string; data: Buffer }> {
  const c = actor.countyId;
  const round = await visibleRoundRow(db, actor, roundId);
  const rows = await targetRows(db, actor, round, { sort: 'rank' });
  const targets = await roundTargets(db, c, round.id, rows.map((r) => r.orgId));
  const byOrg = new Map(targets.map((t) => [t.orgId, t]));
  const scored = new Map((await scoreTargets(db, c, round, targets)).map((s) => [s.orgId, s]));
  const indicators = await templateIndicators(db, c, [...new Set(targets.map((t) => t.templateId))]);
  // indicator columns: the codes of all the round's templates (codes are stable across sectors' templates)
  const columns: IndicatorRow[] = [];
  for (const inds of indicators.values()) for (const i of inds) if (!columns.some((x) => x.code === i.code)) columns.push(i);
  columns.sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
  const pointsOf = (orgId: string, stage: 'self' | 'org') => {
    const t = byOrg.get(orgId);
    const s = scored.get(orgId);
    const inds = t ? indicators.get(t.templateId) ?? [] : [];
    return columns.map((col) => {
      const ind = inds.find((i) => i.code === col.code);
      const p = ind ? s?.points.get(ind.id) : undefined;
      if (!ind || !p) return null;
      if (ind.method === 'veto') return stage === 'org' ? (p.vetoed ? '否决' : '') : null;
      return stage === 'self' ? p.self : (p.contested ?? p.org);
    });
  };
  const masses = new Map(rowsOf<{ org_id: string; mass_detail: Record<string, unknown> | null }>(await db.execute(sql`
    select org_id, mass_detail from evaluation_targets where county_id = ${c}::uuid and round_id = ${round.id}::uuid`)).map((r) => [r.org_id, r.mass_detail ?? {}] as const));

  const wb = new (excel().Workbook)();
  wb.creator = 'jiceng';
  const sector = (t: TargetRow) => ORG_SECTOR_LABELS[t.sector]['zh-CN'];
  addSheet(wb, '排名',
    ['排名', '组织', '乡镇(街道)', '领域', '自评', '群众测评', '组织考评', '总分', '等次', '一票否决'],
    rows.map((t) => [t.rank, t.orgName, t.townshipName, sector(t), t.selfScore, t.massScore, t.orgScore, t.finalScore, gradeText(t), t.veto ? '是' : '']),
    [null, `平均（${rows.length} 个组织）`, null, null, mean(rows.map((t) => t.selfScore)), mean(rows.map((t) => t.massScore)), mean(rows.map((t) => t.orgScore)),
      mean(rows.map((t) => t.finalScore)), null, `${rows.filter((t) => t.veto).length} 个`],
    [6, 34, 16, 10, 10, 10, 10, 10, 14, 10]);
  const indHeader = columns.map((i) => `${i.code} ${i.name}（${i.method === 'veto' ? '否决' : `${i.maxPoints} 分`}）`);
  const selfRows = rows.map((t) => [t.orgName, t.townshipName, ...pointsOf(t.orgId, 'self'), scored.get(t.orgId)?.self ?? null, t.selfSubmittedAt ? '已提交' : '未提交']);
  const colMeans = (rs: Cell[][], from: number, n: number) => Array.from({ length: n }, (_, k) => mean(rs.map((r) => (typeof r[from + k] === 'number' ? r[from + k] as number : null))));
  addSheet(wb, '自评', ['组织', '乡镇(街道)', ...indHeader, '自评得分', '状态'], selfRows,
    ['平均', null, ...colMeans(selfRows, 2, columns.length), mean(rows.map((t) => scored.get(t.orgId)?.self ?? null)), `${rows.filter((t) => t.selfSubmittedAt).length} 个已提交`],
    [34, 16, ...columns.map(() => 14), 10, 10]);
  const massRows = rows.map((t) => {
    const d = masses.get(t.orgId) ?? {};
    const n = (x: unknown) => (x == null ? null : Number(x));
    return [t.orgName, t.townshipName, n(d.surveyAnswers) ?? 0, n(d.surveyMean), n(d.s), n(d.ratings) ?? 0, n(d.ratingMean), n(d.c), n(d.ratingsExcluded) ?? 0, t.massScore, t.ungradable];
  });
  addSheet(wb, '群众测评',
    ['组织', '乡镇(街道)', '问卷答复数', '问卷均分(1–5)', 'S', '独立评价数', '评价均分(1–5)', 'C', '未计入的评价数（本组织范围内记录）', '群众测评得分', '说明'],
    massRows,
    ['合计 / 平均', null, sum(massRows.map((r) => r[2] as number)), mean(massRows.map((r) => r[3] as number | null)), mean(massRows.map((r) => r[4] as number | null)),
      sum(massRows.map((r) => r[5] as number)), mean(massRows.map((r) => r[6] as number | null)), mean(massRows.map((r) => r[7] as number | null)),
      sum(massRows.map((r) => r[8] as number)), mean(rows.map((t) => t.massScore)), `S 占 ${round.massSurveyPercent}%`],
    [34, 16, 10, 12, 8, 10, 12, 8, 18, 12, 30]);
  const orgRows = rows.map((t) => [t.orgName, t.townshipName, ...pointsOf(t.orgId, 'org'), t.veto ? '是' : '', scored.get(t.orgId)?.org ?? null, t.orgSubmittedAt ? '已提交' : '未提交']);
  addSheet(wb, '组织考评', ['组织', '乡镇(街道)', ...indHeader, '一票否决', '组织考评得分', '状态'], orgRows,
    ['平均', null, ...colMeans(orgRows, 2, columns.length), `${rows.filter((t) => t.veto).length} 个`, mean(rows.map((t) => scored.get(t.orgId)?.org ?? null)), `${rows.filter((t) => t.orgSubmittedAt).length} 个已提交`],
    [34, 16, ...columns.map(() => 14), 10, 12, 10]);

  const data = Buffer.from(await wb.xlsx.writeBuffer());
  await db.transaction((tx) => appendAudit(tx, byActor(actor, {
    action: 'export.evaluation', entity: ROUND_ENTITY, entityId: round.id, orgPath: round.orgPath, detail: { rows: rows.length, year: round.year },
  })));
  return { name: `${round.title}.xlsx`, data };
}

