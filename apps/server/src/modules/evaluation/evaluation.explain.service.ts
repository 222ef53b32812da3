// The explanation of every number of a sheet (issue 11: "every score explainable"): for one org and indicator, the
// rule in words with the round's numbers, the computed value, the very records the metric counted (their total is
// the metric's denominator), the live recount when the snapshot is frozen and the data changed since, the points
// per stage, the entries with their evidence, the contests, and the audit trail of this org and indicator. For the
// mass stage: every survey response and rating considered, counted or not and why.
import { sql } from 'drizzle-orm';
import {
  EVALUATION_LIMITS, METRIC_INFO,
  type ExplainQuery, type IndicatorCurve, type IndicatorExplanation, type MassExplanation,
} from '@jiceng/contract';
import { rowsOf, type DbOrTx } from '../../db/client.js';
import type { Actor } from '../../platform/access/access.js';
import { notFound } from '../../platform/http/errors.js';
import { metricRecords, metricRule } from './evaluation.metrics.js';
import { massRecords } from './evaluation.mass.js';
import {
  TARGET_ENTITY, computedOf, contestViews, entryViews, indicatorView, loadTarget, massDetailOf, metricTargetOf, sheetData, targetEntityId,
  type IndicatorDb, type RoundRow,
} from './evaluation.sheet.service.js';

const pageOf = (q: ExplainQuery) => ({ offset: q.offset ?? 0, limit: q.limit ?? EVALUATION_LIMITS.explainPageMax });

function curveWords(curve: IndicatorCurve | null, maxPoints: number, unit: 'share' | 'rating' | 'count'): string {
  if (!curve) return '';
  const fmt = (x: number) => (unit === 'share' ? `${Math.round(x * 10000) / 100}%` : unit === 'rating' ? `${x} 星` : `${x}`);
  const empty = `无可计数记录时得 ${curve.emptyPoints ?? maxPoints} 分`;
  if (curve.kind === 'linear') {
    return `计分：${fmt(curve.zeroAt)} 及${curve.zeroAt < curve.fullAt ? '以下' : '以上'}得 0 分，${fmt(curve.fullAt)} 及${curve.zeroAt < curve.fullAt ? '以上' : '以下'}得满分 ${maxPoints} 分，其间按比例计分；${empty}。`;
  }
  const steps = curve.steps.map((s) => `不低于 ${fmt(s.from)} 得 ${Math.round(maxPoints * s.share * 100) / 100} 分`).join('，');
  return `计分（分段）：${steps}，低于 ${fmt(curve.steps[0]!.from)} 得 0 分；${empty}。`;
}

/** The rule of one indicator in words, with the numbers of this round and this indicator. */
export function indicatorRule(ind: IndicatorDb, round: RoundRow): string {
  if (ind.method === 'computed' && ind.metric) {
    return `${metricRule(ind.metric)} ${curveWords(ind.curve, ind.maxPoints, METRIC_INFO[ind.metric].unit)}` +
      `（${round.year} 年度，本组织及下属组织的记录；${round.snapshotAt ? '审核开始时已冻结' : '实时计算，审核开始时冻结'}；出处：${METRIC_INFO[ind.metric].source}）`;
  }
  if (ind.method === 'evidence') {
    const base = ind.basePoints ?? ind.maxPoints;
    return `档案痕迹材料评分：基础分 ${base} 分（满分 ${ind.maxPoints} 分），自评与组织考评各自在基础分上按档案材料加分或扣分，` +
      `每笔加减分须写明理由并附材料（上传文件，保存 SHA-256；或关联本组织的记录），结果限定在 0 到 ${ind.maxPoints} 分之间；` +
      `组织考评得分计入总分的 ${round.weightOrg}%，自评得分计入 ${round.weightSelf}%。申诉改分后以复核分为准。`;
  }
  return `一票否决：组织考评中记录否决事项（须附材料）即定为“后进”，不论得分多少（篇一 三 分类定级）；该项不计分。申诉复核改判后否决撤销。`;
}

export async function explainIndicator(db: DbOrTx, actor: Actor, roundId: string, orgId: string, indicatorId: string, q: ExplainQuery): Promise<IndicatorExplanation> {
  const loaded = await loadTarget(db, actor, roundId, orgId);
  const { round, target } = loaded;
  const d = await sheetData(db, actor, loaded);
  const ind = d.indicators.find((i) => i.id === indicatorId);
  if (!ind) throw notFound();
  const computed = ind.method === 'computed' ? computedOf(round, d.values.get(ind.id)) : null;
  let records: IndicatorExplanation['records'] = [];
  let total = 0;
  let liveDenominator: number | null = null;
  if (ind.method === 'computed' && ind.metric) {
    const r = await metricRecords(db, actor.countyId, round.year, metricTargetOf(target), ind.metric, pageOf(q));
    records = r.records;
    total = r.total;
    // the records are a live count: when the snapshot is frozen and the data moved on, say so
    if (computed?.frozen && computed.denominator !== r.total) liveDenominator = r.total;
  }
  const p = d.points.points.get(ind.id)!;
  const history = rowsOf<{ at: string | Date; actor_name: string | null; action: string; detail: Record<string, unknown> | null }>(await db.execute(sql`
    select at, actor_name, action, detail from audit_log
     where county_id = ${actor.countyId}::uuid and entity = ${TARGET_ENTITY} and entity_id = ${targetEntityId(roundId, orgId)}
       and detail->>'indicatorId' = ${ind.id}
     order by seq`));
  return {
    indicator: indicatorView(ind),
    orgId: target.orgId, orgName: target.orgName, year: round.year,
    rule: indicatorRule(ind, round),
    computed,
    records, total, liveDenominator,
    selfPoints: p.self, orgPoints: p.org, contestedPoints: p.contested,
    entries: await entryViews(db, actor.countyId, target.orgPath, d.entries.filter((e) => e.indicatorId === ind.id)),
    contests: await contestViews(db, actor.countyId, d.contests.filter((c) => c.indicatorId === ind.id)),
    history: history.map((h) => ({ at: new Date(h.at).toISOString(), actorName: h.actor_name, action: h.action, detail: h.detail })),
  };
}

export async function explainMass(db: DbOrTx, actor: Actor, roundId: string, orgId: string, q: ExplainQuery): Promise<MassExplanation> {
  const { round, target } = await loadTarget(db, actor, roundId, orgId);
  const r = await massRecords(db, actor.countyId, round.year, metricTargetOf(target), pageOf(q));
  const w = round.massSurveyPercent;
  const rule = `群众测评 = 100 ×（${w / 100} × S + ${(100 - w) / 100} × C）。S：${round.year} 年度由乡镇（街道）及以上组织抽取、在本组织范围内入户问卷的全部答案的（答案 − 1）÷ 4 的平均值；` +
    `C：本组织及下属组织 ${round.year} 年度办件的独立评价（群众本人评价，或由本组织范围以外的账号回访记录）的（星级 − 1）÷ 4 的平均值；` +
    `本组织范围内账号记录的评价、本组织自己抽取的问卷不计入。只有一项来源时按该项计算；两项都没有的不能定级。群众测评计入总分的 ${round.weightMass}%（篇五(14) 加大群众评价权重）。`;
  return { orgId: target.orgId, orgName: target.orgName, year: round.year, mass: massDetailOf(target, round), rule, records: r.records, total: r.total };
}
