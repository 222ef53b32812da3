// 《XXXX年度基层服务型党组织建设考评工作报告》 (issue 12, F21): the Word report of one evaluation round for a subtree,
// written like seed 篇一 — how the evaluation was organised, its method, the results (grades by township and by
// sector, the change against last year, the top and bottom ten with their weakest indicators), rectification.
// Every figure comes from the evaluation module's own services (the round view, the review table, the
// rectification plans): the numbers in the report are the numbers on the round page.
import type { Grade, OrgSector, TargetRow } from '@jiceng/contract';
import { GRADE_LABELS, GRADES, ORG_SECTOR_LABELS } from '@jiceng/contract/constants';
import type { DbOrTx } from '../../db/client.js';
import { assertVisible, type Actor } from '../../platform/access/access.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { barOption, pieOption, renderChart } from '../../platform/charts/charts.js';
import { notFound } from '../../platform/http/errors.js';
import { policyValue } from '../../platform/policy/policy.service.js';
import { orgById } from '../orgs/orgs.service.js';
import { loadRoundRow } from '../evaluation/evaluation.compute.js';
import { getRound, targetRows } from '../evaluation/evaluation.rounds.service.js';
import { listRectifications, targetIndicatorPoints, weakestProblems } from '../evaluation/evaluation.rectification.service.js';
import {
  addressee, caption, centred, draftMark, heading, leadPara, note, packDocument, para, picture, signature, subheading, table, title, type Block,
} from './documents.docx.js';

const CHART = { width: 600, height: 320 };
const TOP = 10;
const label = (g: Grade | null) => (g ? GRADE_LABELS[g]['zh-CN'] : '未定级');
const num = (x: number | null) => (x === null ? '—' : x.toFixed(2));
const day = (x: string | null) => (x ? `${Number(x.slice(5, 7))}月${Number(x.slice(8, 10))}日` : '未定');

/** what a row counts as: the published grade, else (before publication) the proposed one */
const gradeOf = (t: TargetRow) => t.grade ?? t.proposedGrade;

export interface EvaluationReportFigures {
  roundId: string;
  year: number;
  scope: { id: string; name: string };
  published: boolean;
  targets: number;
  grades: Record<Grade, number>;
  ungraded: number;
  byTownship: { name: string; counts: Record<Grade, number>; total: number }[];
  bySector: { sector: OrgSector; counts: Record<Grade, number>; total: number }[];
  change: { up: number; down: number; same: number; none: number };
  top: { orgName: string; townshipName: string | null; finalScore: number | null; grade: Grade | null; weakest: string[] }[];
  bottom: { orgName: string; townshipName: string | null; finalScore: number | null; grade: Grade | null; weakest: string[] }[];
  rectifications: { orgName: string; state: string; dueOn: string; lastRecheck: string | null; problems: string[] }[];
}

const zeroCounts = (): Record<Grade, number> => ({ advanced: 0, good: 0, average: 0, lagging: 0 });

/** The round, the scope (an org of the caller's area; default its own scope root) and the figures of the report. */
export async function evaluationReportFigures(db: DbOrTx, actor: Actor, roundId: string, orgId?: string) {
  const view = await getRound(db, actor, roundId);
  const row = (await loadRoundRow(db, actor.countyId, roundId))!;
  const scopeId = orgId ?? actor.orgId ?? view.orgId;
  const scope = await orgById(db, actor.countyId, scopeId);
  if (!scope) throw notFound();
  assertVisible(actor, { countyId: actor.countyId, path: scope.path });
  const inScope = (t: TargetRow) => t.orgPath === scope.path || t.orgPath.startsWith(`${scope.path}.`);
  const rows = (await targetRows(db, actor, row, { sort: 'rank' })).filter(inScope);
  const published = view.state === 'published' || view.state === 'final';

  const grades = zeroCounts();
  let ungraded = 0;
  const townships = new Map<string, { counts: Record<Grade, number>; total: number }>();
  const sectors = new Map<OrgSector, { counts: Record<Grade, number>; total: number }>();
  const change = { up: 0, down: 0, same: 0, none: 0 };
  for (const t of rows) {
    const g = gradeOf(t);
    const tw = townships.get(t.townshipName ?? '县直') ?? { counts: zeroCounts(), total: 0 };
    const se = sectors.get(t.sector) ?? { counts: zeroCounts(), total: 0 };
    tw.total++;
    se.total++;
    if (g) {
      grades[g]++;
      tw.counts[g]++;
      se.counts[g]++;
    } else ungraded++;
    townships.set(t.townshipName ?? '县直', tw);
    sectors.set(t.sector, se);
    if (t.gradeChange === null) change.none++;
    else if (t.gradeChange > 0) change.up++;
    else if (t.gradeChange < 0) change.down++;
    else change.same++;
  }

  // the top and the bottom ten by final score (vetoed orgs rank last); fewer orgs: each half
  const scored = rows.filter((t) => t.finalScore !== null).sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || b.finalScore! - a.finalScore!);
  const n = Math.min(TOP, Math.floor(scored.length / 2));
  const weakestCount = await policyValue(db, actor.countyId, 'evaluation.weakestIndicators');
  const withWeakest = async (t: TargetRow) => {
    const { indicators, vetoes } = await targetIndicatorPoints(db, actor.countyId, roundId, t.orgId, t.templateId);
    return {
      orgName: t.orgName, townshipName: t.townshipName, finalScore: t.finalScore, grade: gradeOf(t),
      weakest: [...vetoes.map((v) => `${v.indicatorName}（一票否决）`), ...weakestProblems(indicators, weakestCount).map((p) => p.text)],
    };
  };
  const top = [];
  for (const t of scored.slice(0, n)) top.push(await withWeakest(t));
  const bottom = [];
  for (const t of scored.slice(scored.length - n).reverse()) bottom.push(await withWeakest(t));

  const ids = new Set(rows.map((t) => t.orgId));
  const plans = (await listRectifications(db, actor, { roundId })).items.filter((p) => ids.has(p.orgId));
  const figures: EvaluationReportFigures = {
    roundId, year: view.year, scope: { id: scope.id, name: scope.name }, published, targets: rows.length, grades, ungraded,
    byTownship: [...townships].map(([name, v]) => ({ name, ...v })),
    bySector: [...sectors].map(([sector, v]) => ({ sector, ...v })),
    change, top, bottom,
    rectifications: plans.map((p) => ({
      orgName: p.orgName, state: p.state === 'closed' ? '已销号' : p.overdue ? '逾期未完成' : '整改中', dueOn: p.dueOn,
      lastRecheck: p.lastRecheck === null ? null : p.lastRecheck === 'passed' ? '复查通过' : '复查未通过',
      problems: p.problems.map((x) => x.text),
    })),
  };
  return { view, scope, rows, figures };
}

const share = (part: number, whole: number) => (whole === 0 ? '0%' : `${((part / whole) * 100).toFixed(1)}%`);

/** The issuing org: a county's 委组织部 (中共示范县委员会 → 中共示范县委组织部), else the org itself. */
const issuerOf = (scopeName: string, isCounty: boolean) => (isCounty ? scopeName.replace(/委员会$/, '委组织部') : scopeName);

export async function evaluationReport(db: DbOrTx, actor: Actor, roundId: string, orgId?: string): Promise<{ name: string; data: Buffer; figures: EvaluationReportFigures }> {
  const { view, scope, figures } = await evaluationReportFigures(db, actor, roundId, orgId);
  const isCounty = scope.tier === 'county' && !scope.parentId;
  const issuer = issuerOf(scope.name, isCounty);
  const docTitle = `${view.year}年度基层服务型党组织建设考评工作报告`;
  const today = shanghaiToday();
  const g = figures.grades;
  const body: Block[] = [];
  if (!figures.published) body.push(draftMark('征求意见稿（考评结果尚未发布，等次为拟定等次）'));
  body.push(centred(issuer), ...title([`${view.year}年度基层服务型党组织建设`, '考评工作报告']), addressee(isCounty ? `${scope.name}：` : '县委组织部：'));
  body.push(para(`根据县委关于开展基层服务型党组织建设考评工作的部署，${issuer}紧紧围绕基层服务型党组织建设目标，重点结合服务能力和服务水平提升，对${scope.name}所属${figures.targets}个基层党组织开展了${view.year}年度考评（${view.title}）。现将考评工作报告如下：`));

  let h = 0;
  body.push(heading(++h, '强化组织领导，落实工作责任'));
  const evaluators = view.evaluators.map((e) => e.name).join('、') || '（未指定）';
  body.push(para(`本次考评由${view.orgName}统一组织。自评阶段为${day(view.selfStartsOn)}至${day(view.selfEndsOn)}，组织考评阶段为${day(view.orgStartsOn)}至${day(view.orgEndsOn)}；考评组成员：${evaluators}。`));
  body.push(para(`参加考评的基层党组织共${figures.targets}个，其中已提交自评${view.progress.selfSubmitted}个、完成组织考评${view.progress.orgSubmitted}个。${view.publishedAt ? `考评结果于${day(view.publishedAt.slice(0, 10))}发布${view.publisherName ? `（发布人：${view.publisherName}）` : ''}。` : '考评结果尚未发布。'}`));

  body.push(heading(++h, '坚持标准方法，确保考评质量'));
  body.push(para(`考评采取党组织自评、群众评议和组织考评相结合的方式，三项得分分别按${view.weights.self}%、${view.weights.mass}%、${view.weights.org}%计入综合得分。群众评议中，入户问卷占${view.massSurveyPercent}%，办件群众独立评价占${100 - view.massSurveyPercent}%。`));
  body.push(para('组织考评采取“听、看、查、走、访”的方式：听取党组织书记汇报，查看阵地和服务台账，查阅档案痕迹材料，走访服务对象，按照档案痕迹材料和系统记录进行加分和扣分，每一项计分均可追溯到具体记录。'));
  body.push(para(`综合得分${view.thresholds.advanced}分以上为“先进”，${view.thresholds.good}分以上为“好”，${view.thresholds.average}分以上为“一般”，其余为“后进”；出现一票否决事项的，直接定为“后进”。`));

  body.push(heading(++h, '考评结果'));
  body.push(subheading(1, '总体情况'));
  body.push(para(`${figures.targets}个基层党组织中，${GRADES.map((k) => `“${label(k)}”${g[k]}个（${share(g[k], figures.targets)}）`).join('，')}${figures.ungraded ? `，未能定级${figures.ungraded}个` : ''}。`));
  const pie = renderChart(pieOption(`${view.year}年度考评等次分布`, GRADES.map((k) => ({ name: label(k), value: g[k] }))), CHART);
  body.push(picture(pie.png, CHART, '考评等次分布'));

  body.push(subheading(2, '分乡镇情况'));
  body.push(caption(`表1  ${view.year}年度各乡镇（街道）考评等次统计`));
  const sum = (f: (c: Record<Grade, number>) => number, list: { counts: Record<Grade, number> }[]) => list.reduce((s, x) => s + f(x.counts), 0);
  body.push(table(['乡镇（街道）', '参评数', ...GRADES.map(label)], [
    ...figures.byTownship.map((t) => [t.name, t.total, ...GRADES.map((k) => t.counts[k])]),
    ['合计', figures.targets, ...GRADES.map((k) => sum((c) => c[k], figures.byTownship))],
  ], { widths: [3, 1.2, 1, 1, 1, 1], numeric: [1, 2, 3, 4, 5], totals: true }));
  if (figures.byTownship.length > 1) {
    const bar = renderChart(barOption('各乡镇（街道）考评等次', figures.byTownship.map((t) => t.name.replace(/^中共|委员会$/g, '')), GRADES.map((k) => ({ name: label(k), data: figures.byTownship.map((t) => t.counts[k]) }))), CHART);
    body.push(picture(bar.png, CHART, '各乡镇考评等次'));
  }

  body.push(subheading(3, '分领域情况'));
  body.push(caption(`表2  ${view.year}年度各领域考评等次统计`));
  body.push(table(['领域', '参评数', ...GRADES.map(label)], [
    ...figures.bySector.map((s) => [ORG_SECTOR_LABELS[s.sector]['zh-CN'], s.total, ...GRADES.map((k) => s.counts[k])]),
    ['合计', figures.targets, ...GRADES.map((k) => sum((c) => c[k], figures.bySector))],
  ], { widths: [3, 1.2, 1, 1, 1, 1], numeric: [1, 2, 3, 4, 5], totals: true }));

  body.push(subheading(4, '与上年度对比'));
  const c = figures.change;
  body.push(para(c.none === figures.targets
    ? '上年度无已发布的考评结果，本年度为首次考评，不作对比。'
    : `与上年度相比，晋位${c.up}个、降位${c.down}个、保持${c.same}个${c.none ? `，上年度未参评${c.none}个` : ''}。`));

  body.push(subheading(5, '排名前列和靠后的党组织'));
  const rankRows = (list: EvaluationReportFigures['top']) => list.map((t, i) => [i + 1, t.orgName, t.townshipName ?? '—', num(t.finalScore), label(t.grade), t.weakest.join('；') || '—']);
  const widths = [0.6, 3, 2, 1.1, 0.9, 4.4];
  if (figures.top.length) {
    body.push(caption(`表3  综合得分前${figures.top.length}名`));
    body.push(table(['序号', '党组织', '乡镇', '综合得分', '等次', '相对薄弱的指标'], rankRows(figures.top), { widths, numeric: [0, 3], small: true }));
    body.push(caption(`表4  综合得分后${figures.bottom.length}名`));
    body.push(table(['序号', '党组织', '乡镇', '综合得分', '等次', '相对薄弱的指标'], rankRows(figures.bottom), { widths, numeric: [0, 3], small: true }));
    body.push(note('说明：相对薄弱的指标按组织考评得分占该项满分的比例由低到高列出。'));
  } else body.push(para('本范围内尚无综合得分。'));

  body.push(heading(h + 1, '抓好整改提高，推动晋位升级'));
  const lagging = figures.grades.lagging;
  if (figures.rectifications.length) {
    body.push(para(`对定为“后进”的${lagging}个党组织，按软弱涣散基层党组织整顿要求制定整改方案，明确问题、措施、责任人和完成时限。目前共有整改方案${figures.rectifications.length}个，其中已销号${figures.rectifications.filter((r) => r.state === '已销号').length}个。`));
    body.push(caption('表5  整改方案及复查情况'));
    body.push(table(['党组织', '主要问题', '完成时限', '复查', '状态'], figures.rectifications.map((r) => [r.orgName, r.problems.join('；') || '—', r.dueOn, r.lastRecheck ?? '未复查', r.state]), { widths: [2.6, 5, 1.6, 1.3, 1.3], small: true }));
  } else body.push(para(lagging ? `定为“后进”的${lagging}个党组织的整改方案尚未制定。` : '本年度无定为“后进”的党组织。'));
  body.push(leadPara('一是', '将考评结果与基层党组织分类定级、晋位升级工作和软弱涣散党组织整顿工作相衔接，“先进”的抓巩固提升，“后进”的作为软弱涣散党组织进行整顿转化。'));
  body.push(leadPara('二是', '将考评结果作为年度党建工作考核和评先评优的重要依据，确保考评工作落到实处。'));
  body.push(...signature(issuer, today));

  const data = await packDocument({ title: docTitle, subject: `${scope.name} ${view.title}`, creator: 'jiceng 基层' }, body);
  return { name: `${scope.name}${docTitle}.docx`, data, figures };
}
