// Demo evaluation (issue 11): the standard templates; last year's round over the villages and communities,
// finished (self and org entries with reasons and evidence, a veto, frozen computed values and mass inputs,
// published and final grades with a spread, one contest decided, a rectification for each lagging org — one
// closed after a passed re-check); and this year's round in progress (massOrg: most villages self-submitted, some
// evaluator entries, nothing published), so the review table shows last year's grade beside this year's figures.
//
// Last year's computed values and mass inputs are a FROZEN SNAPSHOT of realistic figures generated here, not
// counted from the demo's records: the demo's visits, surveys and activities do not cover last year, and a
// finished round keeps its snapshot whatever the records say later (recomputing is an explicit action). Each org
// has a fixed quality (QUALITY below) the figures scatter around, so the grades come out the same on every run.
// This year's round gets its live computed values from the records (recomputeScores), when they can be counted.
//
// Scores and grades are the rules' own (scoreSheet, massScore, finalScore, gradeRound), never typed in.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { POLICY_DEFINITIONS, type Grade, type IndicatorCurve, type Metric, type OrgSector } from '@jiceng/contract';
import { METRIC_INFO } from '@jiceng/contract/constants';
import { rowsOf, type DbOrTx, type Tx } from '../../db/client.js';
import type { SeedOrg } from '../demo/demo.people.js';
import { Rng } from '../demo/demo.random.js';
import { files } from '../../platform/files/files.tables.js';
import { policyValue } from '../../platform/policy/policy.service.js';
import { countyCalendar } from '../../platform/calendar/calendar.service.js';
import { addWorkdays, endOfShanghaiDay } from '../../platform/calendar/working-days.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import {
  curvePoints, finalScore, gradeRound, massScore, normalized, round2, scoreSheet, type SheetEntryInput, type SheetIndicatorInput,
} from './evaluation.rules.js';
import { createStandardTemplates } from './evaluation.standard.js';
import { recomputeScores } from './evaluation.compute.js';
import { weakestProblems } from './evaluation.rectification.service.js';
import {
  evaluationContests, evaluationEntries, evaluationMetricValues, evaluationRounds, evaluationTargets, rectificationNotes, rectifications,
} from './evaluation.tables.js';

const SEED = 20150130; // 篇一's report is dated 2015年1月30日

/** Round columns with the policy defaults where the caller gives none (tests and the demo). */
export function roundValues(countyId: string, r: {
  id?: string; year: number; title: string; state: (typeof evaluationRounds.$inferInsert)['state']; orgId: string; orgPath: string;
  templates: { sector: string; templateId: string }[]; createdBy: string; evaluatorIds?: string[];
} & Partial<typeof evaluationRounds.$inferInsert>): typeof evaluationRounds.$inferInsert {
  const d = (k: keyof typeof POLICY_DEFINITIONS) => POLICY_DEFINITIONS[k].default;
  return {
    countyId, id: r.id ?? uuidv7(), tiers: ['village'], evaluatorIds: [],
    weightSelf: d('evaluation.weightSelf'), weightMass: d('evaluation.weightMass'), weightOrg: d('evaluation.weightOrg'),
    massSurveyPercent: d('evaluation.massSurveyPercent'), advancedQuotaPercent: d('evaluation.advancedQuotaPercent'),
    gradeAdvancedFrom: d('evaluation.gradeAdvancedFrom'), gradeGoodFrom: d('evaluation.gradeGoodFrom'), gradeAverageFrom: d('evaluation.gradeAverageFrom'),
    ...r,
  };
}

export interface EvaluationSeedInput { countyId: string; orgs: Map<string, SeedOrg>; now: Date }
export interface EvaluationCounts { templates: number; rounds: number; targets: number; entries: number; contests: number; rectifications: number }

/**
 * How well each village and community works (0–1): the figures of last year scatter around it. Picked so the
 * grades spread like 篇一's county (a few 先进, most 好 or 一般, two 后进: 白果村 by its score, 双河村 by a veto)
 * and 青山村 — demo-village's — sits just below 好 and contests one indicator.
 */
const QUALITY: Record<string, number> = {
  'SFX-CG-DM': 0.93, 'SFX-CG-XJ': 0.85, 'SFX-CG-HQ': 0.96, 'SFX-CG-LS': 0.73,
  'SFX-QS-QS': 0.85, 'SFX-QS-SM': 0.7, 'SFX-QS-BG': 0.5, 'SFX-QS-CY': 0.86,
  'SFX-HK-HK': 0.9, 'SFX-HK-SH': 0.84, 'SFX-HK-XQ': 0.71, 'SFX-HK-YY': 0.76,
  'SFX-DF-DF': 0.95, 'SFX-DF-HP': 0.88, 'SFX-DF-XF': 0.84, 'SFX-DF-JS': 0.72,
};
const VETO_ORG = 'SFX-HK-SH';
const CONTEST_ORG = 'SFX-QS-QS';
/** a veto recorded and withdrawn last year; a veto recorded this year by the evaluators (visited) */
const WITHDRAWN_VETO_ORG = 'SFX-HK-XQ';
const VETO_ORG_THIS_YEAR = 'SFX-QS-SM';
/** this year's round: the orgs that have not submitted their self-evaluation yet, and those the evaluators already visited */
const NOT_SELF_SUBMITTED = new Set(['SFX-HK-XQ', 'SFX-CG-LS', 'SFX-DF-JS']);
const VISITED = new Set(['SFX-QS-QS', 'SFX-QS-BG', 'SFX-QS-SM', 'SFX-CG-DM', 'SFX-DF-DF']);

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const dayShift = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** 10:00 on a Shanghai day, plus `minutes` */
const at = (day: string, minutes = 0) => new Date(Date.parse(`${day}T02:00:00Z`) + minutes * 60_000);

/** A figure of `metric` around quality q: numerator, denominator, value (as the metrics engine would store it). */
function metricFigure(rng: Rng, metric: Metric, curve: IndicatorCurve, q: number): { numerator: number; denominator: number; value: number } {
  const unit = METRIC_INFO[metric].unit;
  if (unit === 'rating') {
    const n = rng.int(25, 90);
    const mean = clamp(3 + 2 * q + (rng.next() - 0.6) * 0.5, 1, 5);
    const sum = Math.round(mean * n);
    return { numerator: sum, denominator: n, value: round4(sum / n) };
  }
  if (unit === 'count') {
    if (metric === 'accountabilityUpheld') {
      const n = q >= 0.85 ? 0 : q >= 0.72 ? rng.int(0, 1) : rng.int(1, 3);
      return { numerator: n, denominator: n, value: n };
    }
    const full = curve.kind === 'linear' ? Math.max(curve.zeroAt, curve.fullAt) : 12;
    const n = Math.max(0, Math.round(full * clamp(q + (rng.next() - 0.5) * 0.2, 0, 1.2)));
    return { numerator: n, denominator: n, value: n };
  }
  const denominator = metric === 'threeOnesCompletion' ? 3 : metric === 'secretaryTrained' ? 1 : metric === 'bodiesComplete' ? 4
    : metric === 'gridsWithPartyGroup' ? rng.int(3, 8) : rng.int(30, 160);
  const share = clamp(q + (rng.next() - 0.55) * 0.16, 0, 1);
  const numerator = metric === 'secretaryTrained' ? (q >= 0.6 ? 1 : 0) : Math.round(share * denominator);
  return { numerator, denominator, value: round4(numerator / denominator) };
}
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

const SELF_REASONS = ['本年度台账齐全，活动有记录有照片', '按要求完成，档案材料已整理归档', '群众反映较好，有走访记录佐证', '制度上墙，公开内容齐全'];
const PLUS_REASONS = ['现场查看：档案痕迹材料齐全规范，加分', '走访群众：反映服务及时、态度好，加分', '查台账：记录完整、有照片和签字，加分', '听汇报并查看现场：做法有特色，可推广，加分'];
const MINUS_REASONS = ['查台账：部分月份记录缺失，扣分', '现场查看：公示栏内容未更新，扣分', '走访群众：反映办事需多次跑腿，扣分', '查档案：会议记录不完整、缺少签到，扣分', '现场查看：场所一室多用不够，利用率低，扣分'];
const WAYS = ['listen', 'look', 'check', 'walk', 'visit'] as const;

/** A one-page PDF standing in for a scanned record (the evidence file of an entry). */
function evidencePdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, '');
  const stream = `BT /F1 12 Tf 40 780 Td (${text}) Tj ET`;
  return Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n4 0 obj<</Length ${stream.length}>>stream\n${stream}\nendstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`, 'latin1');
}

interface IndRow { id: string; code: string; name: string; position: number; method: 'computed' | 'evidence' | 'veto'; max_points: number; base_points: number | null; metric: Metric | null; curve: IndicatorCurve | null }

export async function seedEvaluationDemo(tx: Tx, input: EvaluationSeedInput): Promise<EvaluationCounts> {
  const { countyId, orgs } = input;
  const rng = new Rng(SEED);
  const today = shanghaiToday(input.now.getTime());
  const year = Number(today.slice(0, 4));
  const last = year - 1;
  const calendar = await countyCalendar(tx, countyId);
  const county = [...orgs.values()].find((o) => o.parentKey === null)!;
  const accounts = rowsOf<{ id: string; username: string; display_name: string; role: string; org_id: string | null }>(await tx.execute(sql`
    select id, username, display_name, role, org_id from users where county_id = ${countyId}::uuid`));
  const user = (username: string) => accounts.find((a) => a.username === username)!;
  const countyUser = user('demo-county');
  const evaluator = user('demo-evaluator');
  /** the account that acts for an org: its own cadre, else its township's */
  const actingFor = (o: SeedOrg) => accounts.find((a) => a.org_id === o.id && a.role === 'villageCadre')
    ?? accounts.find((a) => a.org_id === orgs.get(o.parentKey!)!.id && a.role === 'townshipAdmin') ?? countyUser;

  // ---- templates ----
  const templateIds = await createStandardTemplates(tx, countyId, countyUser.id, at(`${last}-12-10`));
  await tx.execute(sql`update evaluation_templates set locked_at = ${at(`${last}-12-20`)} where county_id = ${countyId}::uuid and sector in ('rural', 'community')`);
  const indicators = new Map<string, IndRow[]>();
  for (const [sector, id] of templateIds) {
    indicators.set(sector, rowsOf<IndRow>(await tx.execute(sql`
      select id, code, name, position, method, max_points::float8 as max_points, base_points::float8 as base_points, metric, curve
        from evaluation_indicators where county_id = ${countyId}::uuid and template_id = ${id}::uuid order by position`)));
  }
  const templates = (['rural', 'community'] as OrgSector[]).map((sector) => ({ sector, templateId: templateIds.get(sector)! }));

  // the villages and communities: the village-tier orgs right below a township
  const targets = [...orgs.values()]
    .filter((o) => o.tier === 'village' && orgs.get(o.parentKey ?? '')?.tier === 'township' && (o.sector === 'rural' || o.sector === 'community'))
    .sort((a, b) => a.key.localeCompare(b.key));
  const secretaries = new Map(rowsOf<{ org_id: string; id: string; name: string }>(await tx.execute(sql`
    select distinct on (p.org_id) p.org_id, m.id, m.name from member_positions p
      join members m on m.county_id = ${countyId}::uuid and m.id = p.member_id
     where p.county_id = ${countyId}::uuid and p.kind = 'secretary' and p.ended_on is null
     order by p.org_id, p.started_on desc, p.id`)).map((r) => [r.org_id, r]));

  const weights = {
    self: await policyValue(tx, countyId, 'evaluation.weightSelf'), mass: await policyValue(tx, countyId, 'evaluation.weightMass'), org: await policyValue(tx, countyId, 'evaluation.weightOrg'),
  };
  const thresholds = {
    advanced: await policyValue(tx, countyId, 'evaluation.gradeAdvancedFrom'), good: await policyValue(tx, countyId, 'evaluation.gradeGoodFrom'),
    average: await policyValue(tx, countyId, 'evaluation.gradeAverageFrom'),
  };
  const surveyPercent = await policyValue(tx, countyId, 'evaluation.massSurveyPercent');
  const quota = await policyValue(tx, countyId, 'evaluation.advancedQuotaPercent');
  const policyRound = {
    weightSelf: weights.self, weightMass: weights.mass, weightOrg: weights.org, massSurveyPercent: surveyPercent, advancedQuotaPercent: quota,
    gradeAdvancedFrom: thresholds.advanced, gradeGoodFrom: thresholds.good, gradeAverageFrom: thresholds.average,
  };

  // last year's round is held in January of this year (篇一: 动员会 1月16日, report 1月30日)
  const selfStarts = `${year}-01-05`, selfEnds = `${year}-01-16`, orgStarts = `${year}-01-19`, orgEnds = `${year}-01-30`;
  const publishedDay = `${year}-02-03`;
  const contestUntil = addWorkdays(publishedDay, await policyValue(tx, countyId, 'evaluation.contestWorkingDays'), calendar);
  const finalDay = addWorkdays(contestUntil, 2, calendar);
  const lastId = uuidv7();
  const lastRound = roundValues(countyId, {
    id: lastId, year: last, title: `${last}年度基层服务型党组织建设考评`, state: 'final', orgId: county.id, orgPath: county.path, templates,
    selfStartsOn: selfStarts, selfEndsOn: selfEnds, orgStartsOn: orgStarts, orgEndsOn: orgEnds, ...policyRound, evaluatorIds: [evaluator.id],
    snapshotAt: at(orgEnds, 480), publishedAt: at(publishedDay), publishedBy: countyUser.id, publisherName: countyUser.display_name, contestUntil,
    finalizedAt: at(finalDay), finalizedBy: countyUser.id, createdBy: countyUser.id, createdAt: at(`${last}-12-22`), updatedAt: at(finalDay),
  });

  const targetRows: (typeof evaluationTargets.$inferInsert)[] = [];
  const entryRows: (typeof evaluationEntries.$inferInsert)[] = [];
  const metricRows: (typeof evaluationMetricValues.$inferInsert)[] = [];
  const fileRows: (typeof files.$inferInsert)[] = [];
  const contestRows: (typeof evaluationContests.$inferInsert)[] = [];
  const evidence = (entryId: string, title: string, createdBy: string, createdAt: Date) => {
    const data = evidencePdf(title);
    const id = uuidv7();
    fileRows.push({ countyId, id, entity: 'evaluationEntry', entityId: entryId, name: `${title}.pdf`, mime: 'application/pdf', size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'), data, createdBy, createdAt });
    return id;
  };
  const entry = (e: Omit<typeof evaluationEntries.$inferInsert, 'countyId' | 'id'>, fileTitle: string | null) => {
    const id = uuidv7();
    entryRows.push({ countyId, id, ...e, fileId: fileTitle ? evidence(id, fileTitle, e.createdBy, e.createdAt!) : null });
    return id;
  };

  // ---- last year: figures, entries, scores ----
  interface Scored { org: SeedOrg; inds: IndRow[]; sheetInds: SheetIndicatorInput[]; computed: Map<string, number>; entries: SheetEntryInput[]; mass: ReturnType<typeof massScore>; massDetail: Record<string, unknown> }
  const scored: Scored[] = [];
  for (const o of targets) {
    const q = QUALITY[o.key] ?? 0.8;
    const inds = indicators.get(o.sector)!;
    const acting = actingFor(o);
    const computed = new Map<string, number>();
    const entries: SheetEntryInput[] = [];
    for (const ind of inds) {
      if (ind.method === 'computed') {
        const f = metricFigure(rng, ind.metric!, ind.curve!, q);
        const points = curvePoints(ind.curve!, ind.max_points, f.denominator === 0 && METRIC_INFO[ind.metric!].unit !== 'count' ? null : f.value);
        computed.set(ind.id, points);
        metricRows.push({ countyId, roundId: lastId, orgId: o.id, indicatorId: ind.id, metric: ind.metric!, value: f.value, numerator: f.numerator, denominator: f.denominator, points, computedAt: at(orgEnds, 480) });
      } else if (ind.method === 'evidence') {
        const base = ind.base_points ?? ind.max_points;
        // self: most orgs claim the full points for what they have on file
        if (rng.chance(0.75)) {
          const delta = round2(ind.max_points - base);
          entry({ roundId: lastId, orgId: o.id, indicatorId: ind.id, stage: 'self', kind: 'adjust', delta, reason: `自评：${rng.pick(SELF_REASONS)}`,
            createdBy: acting.id, createdByName: acting.display_name, createdAt: at(dayShift(selfStarts, rng.int(1, 9)), rng.int(0, 400)) }, `${o.name} ${ind.code} self`);
          entries.push({ indicatorId: ind.id, stage: 'self', kind: 'adjust', delta, withdrawn: false });
        }
        // org: the evaluators add or deduct on the archived evidence around the org's quality
        const target = clamp(ind.max_points * clamp(q + (rng.next() - 0.5) * 0.2, 0, 1), 0, ind.max_points);
        const delta = round2(Math.round((target - base) * 2) / 2);
        if (delta !== 0) {
          entry({ roundId: lastId, orgId: o.id, indicatorId: ind.id, stage: 'org', kind: 'adjust', delta, reason: rng.pick(delta > 0 ? PLUS_REASONS : MINUS_REASONS),
            way: rng.pick(WAYS), createdBy: evaluator.id, createdByName: evaluator.display_name, createdAt: at(dayShift(orgStarts, rng.int(0, 10)), rng.int(0, 400)) }, `${o.name} ${ind.code} org`);
          entries.push({ indicatorId: ind.id, stage: 'org', kind: 'adjust', delta, withdrawn: false });
        }
      } else if (o.key === VETO_ORG && ind.code === 'X1') {
        entry({ roundId: lastId, orgId: o.id, indicatorId: ind.id, stage: 'org', kind: 'veto', delta: null,
          reason: '8月因土地征收补偿问题发生30余人聚集上访的群体性事件，村党组织处置不力，经县信访局调查属实',
          way: 'check', createdBy: evaluator.id, createdByName: evaluator.display_name, createdAt: at(dayShift(orgStarts, 3), 120) }, `${o.name} veto`);
        entries.push({ indicatorId: ind.id, stage: 'org', kind: 'veto', delta: null, withdrawn: false });
      } else if (o.key === WITHDRAWN_VETO_ORG && ind.code === 'X2') {
        // recorded on a first look, withdrawn after checking: the ledger keeps it, the grade ignores it
        entry({ roundId: lastId, orgId: o.id, indicatorId: ind.id, stage: 'org', kind: 'veto', delta: null,
          reason: '走访台账中 12 户走访记录笔迹、日期雷同，疑似补记', way: 'check', createdBy: evaluator.id, createdByName: evaluator.display_name,
          createdAt: at(dayShift(orgStarts, 2), 60), withdrawnAt: at(dayShift(orgStarts, 5), 180), withdrawnBy: evaluator.id }, `${o.name} veto withdrawn`);
        entries.push({ indicatorId: ind.id, stage: 'org', kind: 'veto', delta: null, withdrawn: true });
      }
    }
    // mass: household survey answers (draws by the township and the county) and residents' independent ratings
    const surveyCount = rng.int(40, 90);
    const surveyMean = clamp(1 + 4 * clamp(q + (rng.next() - 0.5) * 0.12, 0, 1), 1, 5);
    const ratingCount = rng.int(20, 70);
    const ratingMean = clamp(1 + 4 * clamp(q + (rng.next() - 0.4) * 0.14, 0, 1), 1, 5);
    const m = { surveySum: surveyCount * normalized(surveyMean), surveyCount, ratingSum: ratingCount * normalized(ratingMean), ratingCount };
    const mass = massScore(m, surveyPercent);
    const massDetail = {
      surveyAnswers: surveyCount, surveyMean: round2(surveyMean), ratings: ratingCount, ratingMean: round2(ratingMean), ratingsExcluded: rng.int(0, 6),
      s: mass.s === null ? null : round4(mass.s), c: mass.c === null ? null : round4(mass.c), surveyShare: surveyPercent / 100, score: mass.score,
      surveySum: round4(m.surveySum), ratingSum: round4(m.ratingSum), frozen: true,
    };
    scored.push({ org: o, inds, sheetInds: inds.map((i) => ({ id: i.id, method: i.method, maxPoints: i.max_points, basePoints: i.base_points })), computed, entries, mass, massDetail });
  }

  // the contest: 青山村 contests the evidence indicator the evaluators deducted most; a county reviewer who did not
  // score it (demo-county; the evaluator scored) finds the records were on file and lifts the deduction
  const contestOf = scored.find((s) => s.org.key === CONTEST_ORG);
  const contestInput: { indicatorId: string; state: 'changed'; newPoints: number; decidedAt: number }[] = [];
  if (contestOf) {
    const deducted = contestOf.entries.filter((e) => e.stage === 'org' && e.kind === 'adjust' && (e.delta ?? 0) < 0).sort((a, b) => a.delta! - b.delta!)[0];
    if (deducted) {
      const ind = contestOf.inds.find((i) => i.id === deducted.indicatorId)!;
      const before = scoreSheet(contestOf.sheetInds, contestOf.computed, contestOf.entries, []).points.get(ind.id)!.org;
      const newPoints = round2(Math.min(ind.max_points, before - deducted.delta!));
      const filer = actingFor(contestOf.org);
      const filedAt = at(dayShift(publishedDay, 1), 90);
      const decidedAt = at(dayShift(publishedDay, 3), 200);
      contestRows.push({
        countyId, id: uuidv7(), roundId: lastId, orgId: contestOf.org.id, indicatorId: ind.id,
        reason: `对“${ind.name}”扣分有异议：相关台账已于考评前归档，考评组现场未调阅，现补充提交归档目录及照片`,
        pointsBefore: before, state: 'changed', filedBy: filer.id, filerName: filer.display_name, filedAt,
        decidedBy: countyUser.id, deciderName: countyUser.display_name, decidedAt, newPoints,
        decisionReason: '经调阅归档台账，相关材料考评前确已归档，撤销该项扣分',
      });
      contestInput.push({ indicatorId: ind.id, state: 'changed', newPoints, decidedAt: decidedAt.getTime() });
    }
  }

  const sheets = scored.map((s) => {
    const sheet = scoreSheet(s.sheetInds, s.computed, s.entries, s.org.key === CONTEST_ORG ? contestInput : []);
    const final = s.mass.score === null ? null : finalScore(sheet.self, s.mass.score, sheet.org, weights);
    return { s, sheet, final };
  });
  const grades = gradeRound(sheets.map(({ s, sheet, final }) => ({ orgId: s.org.id, orgCode: s.org.key, final, mass: s.mass.score, org: sheet.org, veto: sheet.veto })), thresholds, quota);
  const gradeOf = new Map(grades.map((g) => [g.orgId, g]));
  for (const { s, sheet, final } of sheets) {
    const g = gradeOf.get(s.org.id)!;
    const acting = actingFor(s.org);
    targetRows.push({
      countyId, roundId: lastId, orgId: s.org.id, orgPath: s.org.path, sector: s.org.sector, templateId: templateIds.get(s.org.sector as OrgSector)!,
      selfSubmittedAt: at(selfEnds, -rng.int(60, 3000)), selfSubmittedBy: acting.id, orgSubmittedAt: at(orgEnds, -rng.int(60, 3000)), orgSubmittedBy: evaluator.id,
      selfScore: sheet.self, massScore: s.mass.score, orgScore: sheet.org, finalScore: final, veto: sheet.veto, ungradable: null,
      proposedGrade: g.grade, grade: g.grade, rank: g.rank, massDetail: s.massDetail, computedAt: at(orgEnds, 480),
    });
  }

  // ---- this year: in progress ----
  const thisId = uuidv7();
  const tSelfStarts = dayShift(today, -24), tSelfEnds = dayShift(today, -10), tOrgStarts = dayShift(today, -9), tOrgEnds = dayShift(today, 12);
  const thisRound = roundValues(countyId, {
    id: thisId, year, title: `${year}年度基层服务型党组织建设考评`, state: 'massOrg', orgId: county.id, orgPath: county.path, templates,
    selfStartsOn: tSelfStarts, selfEndsOn: tSelfEnds, orgStartsOn: tOrgStarts, orgEndsOn: tOrgEnds, ...policyRound, evaluatorIds: [evaluator.id],
    createdBy: countyUser.id, createdAt: at(dayShift(today, -30)), updatedAt: at(tOrgStarts),
  });
  for (const o of targets) {
    const inds = indicators.get(o.sector)!;
    const acting = actingFor(o);
    const submitted = !NOT_SELF_SUBMITTED.has(o.key);
    // a year on: the lagging villages worked on their plans, a few others slipped
    const q = clamp((QUALITY[o.key] ?? 0.8) + (o.key === 'SFX-QS-BG' ? 0.22 : (rng.next() - 0.5) * 0.1), 0, 1);
    for (const ind of inds) {
      if (ind.method === 'veto' && o.key === VETO_ORG_THIS_YEAR && ind.code === 'X1') {
        entry({ roundId: thisId, orgId: o.id, indicatorId: ind.id, stage: 'org', kind: 'veto', delta: null,
          reason: '10月因山林权属纠纷发生两组村民聚集冲突事件，村党组织未及时化解上报，经乡综治办调查属实', way: 'visit',
          createdBy: evaluator.id, createdByName: evaluator.display_name, createdAt: at(tOrgStarts, 200) }, `${o.name} veto ${year}`);
      }
      if (ind.method !== 'evidence') continue;
      const base = ind.base_points ?? ind.max_points;
      if ((submitted || rng.chance(0.4)) && rng.chance(0.7)) {
        entry({ roundId: thisId, orgId: o.id, indicatorId: ind.id, stage: 'self', kind: 'adjust', delta: round2(ind.max_points - base), reason: `自评：${rng.pick(SELF_REASONS)}`,
          createdBy: acting.id, createdByName: acting.display_name, createdAt: at(dayShift(tSelfStarts, rng.int(0, 12)), rng.int(0, 400)) }, `${o.name} ${ind.code} self ${year}`);
      }
      if (VISITED.has(o.key) && rng.chance(0.6)) {
        const target = clamp(ind.max_points * clamp(q + (rng.next() - 0.5) * 0.2, 0, 1), 0, ind.max_points);
        const delta = round2(Math.round((target - base) * 2) / 2);
        if (delta !== 0) {
          entry({ roundId: thisId, orgId: o.id, indicatorId: ind.id, stage: 'org', kind: 'adjust', delta, reason: rng.pick(delta > 0 ? PLUS_REASONS : MINUS_REASONS),
            way: rng.pick(WAYS), createdBy: evaluator.id, createdByName: evaluator.display_name, createdAt: at(dayShift(tOrgStarts, rng.int(0, 8)), rng.int(0, 400)) }, `${o.name} ${ind.code} org ${year}`);
        }
      }
    }
    targetRows.push({
      countyId, roundId: thisId, orgId: o.id, orgPath: o.path, sector: o.sector, templateId: templateIds.get(o.sector as OrgSector)!,
      selfSubmittedAt: submitted ? at(dayShift(tSelfEnds, -rng.int(0, 5)), rng.int(0, 400)) : null, selfSubmittedBy: submitted ? acting.id : null,
    });
  }

  await tx.insert(evaluationRounds).values([lastRound, thisRound]);
  await tx.insert(evaluationTargets).values(targetRows);
  for (let i = 0; i < fileRows.length; i += 200) await tx.insert(files).values(fileRows.slice(i, i + 200));
  await tx.insert(evaluationEntries).values(entryRows);
  await tx.insert(evaluationMetricValues).values(metricRows);
  if (contestRows.length) await tx.insert(evaluationContests).values(contestRows);
  // this year's live figures, as the round's advance to massOrg computed them (evaluation.compute): counted from the
  // demo's records by the metrics engine (a failure here fails the seed: nothing is skipped silently)
  await recomputeScores(tx, countyId, thisId);

  // ---- rectifications of last year's lagging orgs ----
  const weakest = await policyValue(tx, countyId, 'evaluation.weakestIndicators');
  const days = await policyValue(tx, countyId, 'evaluation.rectificationWorkingDays');
  const rectRows: (typeof rectifications.$inferInsert)[] = [];
  const noteRows: (typeof rectificationNotes.$inferInsert)[] = [];
  const lagging = sheets.filter(({ s }) => gradeOf.get(s.org.id)!.grade === ('lagging' satisfies Grade));
  lagging.forEach(({ s, sheet }) => {
    const township = orgs.get(s.org.parentKey!)!;
    const planner = accounts.find((a) => a.org_id === township.id && a.role === 'townshipAdmin') ?? countyUser;
    const madeOn = addWorkdays(finalDay, 3, calendar);
    const vetoes = entryRows.filter((e) => e.roundId === lastId && e.orgId === s.org.id && e.kind === 'veto' && !e.withdrawnAt)
      .map((e) => ({ text: `${s.inds.find((x) => x.id === e.indicatorId)!.name}（一票否决）：${e.reason}`, indicatorId: e.indicatorId }));
    const problems = [...vetoes, ...weakestProblems(s.inds.map((x) => {
      const p = sheet.points.get(x.id)!;
      return { id: x.id, name: x.name, position: x.position, method: x.method, maxPoints: x.max_points, orgPoints: p.contested ?? p.org };
    }), weakest)];
    const id = uuidv7();
    const closes = s.org.key !== VETO_ORG; // the low-scoring village passed its re-check (销号); the vetoed one is still open, overdue
    const dueOn = addWorkdays(madeOn, days, calendar);
    const secretary = secretaries.get(s.org.id);
    rectRows.push({
      countyId, id, roundId: lastId, orgId: s.org.id, orgPath: s.org.path, problems,
      measures: [
        '乡镇党委班子成员包村指导，每月到村督导一次整顿进展',
        '调整充实村“两委”班子，召开专题组织生活会查摆问题、制定整改清单',
        '补齐走访、值班台账和便民服务制度，逐月公示办件情况',
        '对照整改清单逐项销号，整顿期满申请复查',
      ],
      responsibleName: secretary?.name ?? `${s.org.name}书记`, responsibleMemberId: secretary?.id ?? null,
      dueOn, state: closes ? 'closed' : 'open', closedAt: closes ? endOfShanghaiDay(dayShift(dueOn, -10)) : null,
      createdBy: planner.id, createdAt: at(madeOn), updatedAt: at(madeOn),
    });
    const note = (kind: 'progress' | 'recheck', result: 'passed' | 'notYet' | null, text: string, day: string, by: { id: string; display_name: string }) =>
      noteRows.push({ countyId, id: uuidv7(), rectificationId: id, kind, result, text, createdBy: by.id, createdByName: by.display_name, createdAt: at(day, 60) });
    const acting = actingFor(s.org);
    note('progress', null, '已召开专题组织生活会，查摆问题 6 条，形成整改清单并在村务公开栏公示', dayShift(madeOn, 14), acting);
    note('progress', null, '走访台账、值班台账已补齐，便民服务室制度重新上墙；新发展入党积极分子 2 名', dayShift(madeOn, 45), acting);
    if (closes) {
      note('recheck', 'notYet', '复查：台账已补齐，但群众走访反映办事仍需多次跑腿，继续整改一个月', dayShift(dueOn, -40), planner);
      note('recheck', 'passed', '复查通过：整改清单逐项完成，入户走访群众满意，同意销号', dayShift(dueOn, -10), planner);
    } else {
      note('recheck', 'notYet', '复查：群体性事件涉及的补偿问题尚未化解完毕，班子调整未到位，整顿继续', dayShift(dueOn, -5), planner);
    }
  });
  if (rectRows.length) await tx.insert(rectifications).values(rectRows);
  if (noteRows.length) await tx.insert(rectificationNotes).values(noteRows);

  return { templates: templateIds.size, rounds: 2, targets: targetRows.length, entries: entryRows.length, contests: contestRows.length, rectifications: rectRows.length };
}

/** The demo's rounds, for tests: by year, with their state and grade counts. */
export async function demoRounds(db: DbOrTx, countyId: string) {
  return rowsOf<{ year: number; state: string; targets: number; graded: Record<string, number> | null }>(await db.execute(sql`
    select r.year, r.state, (select count(*)::int from evaluation_targets t where t.county_id = ${countyId}::uuid and t.round_id = r.id) as targets,
           (select jsonb_object_agg(g.grade, g.n) from (select t.grade, count(*)::int n from evaluation_targets t
             where t.county_id = ${countyId}::uuid and t.round_id = r.id and t.grade is not null group by t.grade) g) as graded
      from evaluation_rounds r where r.county_id = ${countyId}::uuid order by r.year`));
}
