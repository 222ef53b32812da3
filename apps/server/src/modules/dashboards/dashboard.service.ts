// The home dashboard (F21, issue 12 part 3): what needs doing and how the caller's area stands, per role. Every
// figure is read through the service of the list it links to (cases, whistles, overdue visits, compliance…), so
// the dashboard's number is the list's number; no rule is re-derived here.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Dashboard, DashboardCard, DashboardChart, DashboardLink, DashboardList, ListCasesQuery } from '@jiceng/contract';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/access/access.js';
import { can } from '../../platform/access/access.js';
import { departments, orgs } from '../orgs/orgs.tables.js';
import { countCasesByHolderDepartment, countCasesEach } from '../cases/cases.list.js';
import { caseStatsByMonth } from '../cases/cases.stats.js';
import { countWhistles, listWhistles } from '../whistles/whistles.service.js';
import { countOverdueVisitsByChild, overdueVisits } from '../fieldwork/fieldwork.service.js';
import * as compliance from '../duties/compliance.service.js';
import { threeOnes } from '../duties/secretaries.service.js';
import { currentRound, listRounds } from '../evaluation/evaluation.rounds.service.js';
import { GRADES, ROUND_STATE_LABELS } from '@jiceng/contract';

/** the day in China (Asia/Shanghai, no DST) */
const dayOf = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const link = (to: string, query: Record<string, string> = {}): DashboardLink => ({ to, query });
const card = (key: string, value: number, l: DashboardLink | null, extra: Partial<DashboardCard> = {}): DashboardCard => ({
  key, value, unit: 'count', detail: null, tone: 'normal', link: l, ...extra,
});
const pct = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 10 : 0);
const LIST_ROWS = 8;

/** the cases list's query as the web route's query string (booleans as 1); the queries are the cases page's tabs
 * (mine = queue mine + open, overdue, dueSoon, all = queue all) plus its filters, so the page opens on them */
function caseQuery(q: Partial<ListCasesQuery>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined) out[k] = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  return out;
}
/** cards that count the cases list under their filters, in one statement; each value equals its list's total */
async function casesCards(db: Db, actor: Actor, specs: { key: string; q: Partial<ListCasesQuery>; tone?: DashboardCard['tone'] }[]): Promise<DashboardCard[]> {
  const counts = await countCasesEach(db, actor, specs.map((c) => c.q as ListCasesQuery));
  return specs.map((c, i) => card(c.key, counts[i]!, link('/cases', caseQuery(c.q)), { tone: counts[i]! > 0 ? (c.tone ?? 'normal') : 'normal' }));
}

/** the last 12 months (this one included): received and on-time rate, by 办件统计's rules */
async function monthlyChart(db: Db, actor: Actor, now: number): Promise<DashboardChart> {
  const today = dayOf(now);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const months: { label: string; from: string; to: string }[] = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    const from = d.toISOString().slice(0, 10);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
    months.push({ label: from.slice(0, 7), from, to: i === 0 ? today : last });
  }
  // 办件统计's figures per month in one grouped statement (its rules, its numbers)
  const byMonth = await caseStatsByMonth(db, actor, { from: months[0]!.from, to: today });
  const stats = months.map((mo) => ({ total: { received: byMonth.get(mo.label)?.received ?? 0, onTimeRate: byMonth.get(mo.label)?.onTimeRate ?? null } }));
  return {
    key: 'casesByMonth', subtitle: null,
    categories: months.map((mo) => mo.label),
    series: [
      { key: 'received', kind: 'bar', unit: 'count', values: stats.map((s) => s.total.received), links: months.map((mo) => link('/cases', { queue: 'all', from: mo.from, to: mo.to })) },
      { key: 'onTimeRate', kind: 'line', unit: 'percent', values: stats.map((s) => (s.total.onTimeRate === null ? null : Math.round(s.total.onTimeRate * 1000) / 10)), links: months.map(() => null) },
    ],
    link: link('/cases/stats'),
  };
}

async function childOrgs(db: Db, actor: Actor): Promise<{ id: string; name: string }[]> {
  if (!actor.orgId) return [];
  return db.select({ id: orgs.id, name: orgs.name }).from(orgs)
    .where(and(eq(orgs.countyId, actor.countyId), eq(orgs.parentId, actor.orgId), isNull(orgs.archivedAt))).orderBy(asc(orgs.code));
}

/**
 * overdue and due-soon open cases per child org (township / village) and, for the county, per county department
 * holding open cases now: the list's own counts, in one statement each
 */
async function byUnitChart(db: Db, actor: Actor, children: { id: string; name: string }[]): Promise<DashboardChart> {
  const parent = actor.orgId;
  const [overdueBy, soonBy] = parent && children.length
    ? await countCasesEach(db, actor, [{ overdue: true } as ListCasesQuery, { dueSoon: true } as ListCasesQuery], parent)
    : [new Map<string, number>(), new Map<string, number>()];
  const units = children.map((c) => ({
    name: c.name, overdue: overdueBy?.get(c.id) ?? 0, soon: soonBy?.get(c.id) ?? 0,
    overdueLink: link('/cases', caseQuery({ overdue: true, orgId: c.id })), soonLink: link('/cases', caseQuery({ dueSoon: true, orgId: c.id })),
  }));
  if (actor.role === 'countyAdmin') {
    const depts = await db.select({ id: departments.id, name: departments.name }).from(departments)
      .where(and(eq(departments.countyId, actor.countyId), isNull(departments.archivedAt))).orderBy(asc(departments.code));
    const [overdueOf, soonOf, openOf] = depts.length
      ? await countCasesByHolderDepartment(db, actor, [{ overdue: true }, { dueSoon: true }, { state: 'open' }] as ListCasesQuery[])
      : [];
    depts.forEach((d) => {
      const overdue = overdueOf?.get(d.id) ?? 0;
      const soon = soonOf?.get(d.id) ?? 0;
      if (!openOf?.get(d.id)) return; // holds no open case
      units.push({
        name: d.name, overdue, soon,
        overdueLink: link('/cases', caseQuery({ overdue: true, holderDepartmentId: d.id })), soonLink: link('/cases', caseQuery({ dueSoon: true, holderDepartmentId: d.id })),
      });
    });
  }
  return {
    key: 'casesByUnit', subtitle: null,
    categories: units.map((u) => u.name),
    series: [
      { key: 'overdue', kind: 'bar', unit: 'count', values: units.map((u) => u.overdue), links: units.map((u) => u.overdueLink) },
      { key: 'dueSoon', kind: 'bar', unit: 'count', values: units.map((u) => u.soon), links: units.map((u) => u.soonLink) },
    ],
    link: link('/cases', caseQuery({ overdue: true })),
  };
}

function visitsByUnitChart(children: { id: string; name: string }[], byChild: Map<string, number>): DashboardChart {
  return {
    key: 'visitsOverdueByUnit', subtitle: null,
    categories: children.map((c) => c.name),
    series: [{ key: 'visitsOverdue', kind: 'bar', unit: 'count', values: children.map((ch) => byChild.get(ch.id) ?? 0), links: children.map((c) => link('/visits/overdue', { orgId: c.id })) }],
    link: link('/visits/overdue'),
  };
}

/** volunteer compliance (the compliance page's totals) and the members behind on the hours rule or on course to
 * fall short (its 未达标清单), from one computation of the rule */
async function volunteerCards(db: Db, actor: Actor): Promise<DashboardCard[]> {
  const { counts: v, behind } = await compliance.ruleStanding(db, actor, 'volunteerHours');
  return [
    card('volunteerCompliance', pct(v.met, v.total), link('/compliance'), { unit: 'percent', detail: `${v.met} / ${v.total}`, tone: 'normal' }),
    behindCard(behind),
  ];
}

const behindCard = (n: number): DashboardCard => card('volunteerBehind', n, link('/compliance', { rule: 'volunteerHours' }), { tone: n > 0 ? 'warn' : 'normal' });

/** 三个一: secretaries with all three done this year (the 三个一 page's totals) */
async function threeOnesCard(db: Db, actor: Actor): Promise<DashboardCard> {
  const v = await threeOnes(db, actor, {});
  return card('threeOnes', pct(v.totals.allDone, v.totals.secretaries), link('/three-ones'), { unit: 'percent', detail: `${v.totals.allDone} / ${v.totals.secretaries}` });
}

/** the current evaluation round (the latest one not in draft): its progress and its grade distribution */
async function evaluationCharts(db: Db, actor: Actor): Promise<DashboardChart[]> {
  const round = await currentRound(db, actor);
  if (!round) return [];
  const to = link(`/evaluation/rounds/${round.id}`);
  // the round's title is Chinese data; its stage follows it in Chinese (the page's language is the UI's, not the data's)
  const subtitle = `${round.title} · ${ROUND_STATE_LABELS[round.state]['zh-CN']}`;
  const p = round.progress;
  return [
    {
      key: 'evaluationProgress', subtitle,
      categories: ['targets', 'selfSubmitted', 'orgSubmitted', 'contestsPending'],
      series: [{ key: 'orgs', kind: 'bar', unit: 'count', values: [p.targets, p.selfSubmitted, p.orgSubmitted, p.contestsPending], links: [to, to, to, to] }],
      link: to,
    },
    {
      key: 'evaluationGrades', subtitle,
      categories: [...GRADES],
      series: [{ key: 'orgs', kind: 'pie', unit: 'count', values: GRADES.map((g) => p.grades[g] ?? 0), links: GRADES.map(() => to) }],
      link: to,
    },
  ];
}

async function mustVisitList(db: Db, actor: Actor, key: string): Promise<DashboardList> {
  const o = await overdueVisits(db, actor, {});
  return {
    key, total: o.total,
    rows: o.items.slice(0, LIST_ROWS).map((h) => ({
      label: `${h.headName} · ${h.address}`,
      note: h.daysOverdue === null ? null : String(h.daysOverdue),
      link: link(`/households/${h.householdId}`),
    })),
    link: link('/visits/overdue'),
  };
}

async function areaDashboard(db: Db, actor: Actor, now: number, timings?: Timings): Promise<Omit<Dashboard, 'kind' | 'scopeName' | 'asOf'>> {
  const time = timer(timings);
  const children = await childOrgs(db, actor);
  // the sections read different tables and nothing of each other: all asked at once (on PostgreSQL each takes a
  // connection of the pool; PGlite runs them one after the other), then laid out in this order
  const none = Promise.resolve(null);
  const cases = can(actor, 'case.read');
  const [caseCards, byMonth, byUnit, whistlesOpen, visits, volunteer, threeOnes, evaluation] = await Promise.all([
    cases ? time('cases.cards', () => casesCards(db, actor, [
      { key: 'casesOpen', q: { queue: 'all', state: 'open' } },
      { key: 'casesOverdue', q: { overdue: true }, tone: 'danger' },
      { key: 'casesDueSoon', q: { dueSoon: true }, tone: 'warn' },
    ])) : none,
    cases ? time('cases.byMonth', () => monthlyChart(db, actor, now)) : none,
    cases && children.length ? time('cases.byUnit', () => byUnitChart(db, actor, children)) : none,
    can(actor, 'whistle.read') ? time('whistles', () => countWhistles(db, actor, { state: 'open' })) : none,
    // the list's count per child in one grouped statement; the counts add up to the list's total
    can(actor, 'fieldwork.read')
      ? time('visits.overdue', async () => (actor.orgId ? countOverdueVisitsByChild(db, actor, actor.orgId) : { total: (await overdueVisits(db, actor, {})).total, byChild: new Map<string, number>() }))
      : none,
    can(actor, 'duty.read') ? time('duties.volunteer', () => volunteerCards(db, actor)) : none,
    can(actor, 'duty.read') ? time('duties.threeOnes', () => threeOnesCard(db, actor)) : none,
    can(actor, 'evaluation.read') ? time('evaluation.round', () => evaluationCharts(db, actor)) : none,
  ]);
  const cards: DashboardCard[] = [...(caseCards ?? [])];
  const charts: DashboardChart[] = [...(byMonth ? [byMonth] : []), ...(byUnit ? [byUnit] : [])];
  if (whistlesOpen !== null) cards.push(card('whistlesOpen', whistlesOpen, link('/whistles', { state: 'open' }), { tone: whistlesOpen > 0 ? 'warn' : 'normal' }));
  if (visits) {
    cards.push(card('visitsOverdue', visits.total, link('/visits/overdue'), { tone: visits.total > 0 ? 'danger' : 'normal' }));
    if (children.length) charts.push(visitsByUnitChart(children, visits.byChild));
  }
  if (volunteer) cards.push(...volunteer);
  if (threeOnes) cards.push(threeOnes);
  if (evaluation) charts.push(...evaluation);
  return { cards, charts, lists: [] };
}

async function villageDashboard(db: Db, actor: Actor): Promise<Omit<Dashboard, 'kind' | 'scopeName' | 'asOf'>> {
  const cards: DashboardCard[] = [];
  const lists: DashboardList[] = [];
  if (can(actor, 'case.read')) {
    cards.push(...(await casesCards(db, actor, [
      { key: 'myQueue', q: { queue: 'mine', state: 'open' } },
      { key: 'myOverdue', q: { overdue: true }, tone: 'danger' },
      { key: 'casesDueSoon', q: { dueSoon: true }, tone: 'warn' },
    ])));
  }
  if (can(actor, 'fieldwork.read')) {
    const l = await mustVisitList(db, actor, 'myMustVisits');
    cards.push(card('visitsOverdue', l.total, l.link, { tone: l.total > 0 ? 'danger' : 'normal' }));
    lists.push(l);
  }
  if (can(actor, 'duty.read')) cards.push(behindCard((await compliance.ruleStanding(db, actor, 'volunteerHours')).behind));
  return { cards, charts: [], lists };
}

async function gridDashboard(db: Db, actor: Actor, now: number): Promise<Omit<Dashboard, 'kind' | 'scopeName' | 'asOf'>> {
  const cards: DashboardCard[] = [];
  const lists: DashboardList[] = [];
  if (can(actor, 'fieldwork.read')) {
    const l = await mustVisitList(db, actor, 'todayMustVisits');
    cards.push(card('todayMustVisits', l.total, l.link, { tone: l.total > 0 ? 'danger' : 'normal' }));
    lists.push(l);
  }
  if (can(actor, 'case.read')) {
    const today = dayOf(now);
    cards.push(...(await casesCards(db, actor, [
      { key: 'myReportsMonth', q: { queue: 'all', channel: 'gridReport', from: `${today.slice(0, 8)}01`, to: today } },
      { key: 'myQueue', q: { queue: 'mine', state: 'open' } },
    ])));
  }
  return { cards, charts: [], lists };
}

async function departmentDashboard(db: Db, actor: Actor, now: number): Promise<Omit<Dashboard, 'kind' | 'scopeName' | 'asOf'>> {
  const cards: DashboardCard[] = [];
  const lists: DashboardList[] = [];
  if (can(actor, 'case.read')) {
    cards.push(...(await casesCards(db, actor, [
      { key: 'myQueue', q: { queue: 'mine', state: 'open' } },
      { key: 'myOverdue', q: { overdue: true }, tone: 'danger' },
    ])));
  }
  if (can(actor, 'whistle.read')) {
    const open = (await listWhistles(db, actor, { state: 'open' })).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    const late = open.filter((w) => Date.parse(w.dueAt) < now).length;
    cards.push(card('whistlesOpen', open.length, link('/whistles', { state: 'open' }), { tone: late > 0 ? 'danger' : 'normal', detail: late > 0 ? String(late) : null }));
    lists.push({
      key: 'reportDeadlines', total: open.length,
      rows: open.slice(0, LIST_ROWS).map((w) => ({ label: `${w.number} ${w.title}`, note: w.dueAt, link: link(`/whistles/${w.id}`) })),
      link: link('/whistles', { state: 'open' }),
    });
  }
  return { cards, charts: [], lists };
}

/** an evaluator: the rounds they may score now, with how far the org scoring has come */
async function evaluatorDashboard(db: Db, actor: Actor): Promise<Omit<Dashboard, 'kind' | 'scopeName' | 'asOf'>> {
  if (!can(actor, 'evaluation.read')) return { cards: [], charts: [], lists: [] };
  const rounds = (await listRounds(db, actor, {})).items.filter((r) => r.can.score);
  return {
    cards: [card('roundsToScore', rounds.length, link('/evaluation'), { tone: rounds.length > 0 ? 'warn' : 'normal' })],
    charts: [],
    lists: [{
      key: 'roundsToScore', total: rounds.length,
      rows: rounds.slice(0, LIST_ROWS).map((r) => ({ label: r.title, note: `${r.progress.orgSubmitted} / ${r.progress.targets}`, link: link(`/evaluation/rounds/${r.id}`) })),
      link: link('/evaluation'),
    }],
  };
}

/** a member: their own volunteer hours this year against the requirement */
async function memberDashboard(db: Db, actor: Actor): Promise<Omit<Dashboard, 'kind' | 'scopeName' | 'asOf'>> {
  if (!actor.memberId) return { cards: [], charts: [], lists: [] };
  const d = await compliance.getMyDuties(db, actor, {});
  return {
    cards: [
      card('myHours', d.current.hours, null, { unit: 'hours', detail: d.current.due > 0 ? `${d.current.done} / ${d.current.due}` : null, tone: d.current.shortBy > 0 ? 'warn' : 'good' }),
    ],
    charts: [], lists: [],
  };
}

/**
 * where the time of a dashboard goes, per section in ms (the bench's breakdown; nothing records it otherwise).
 * Timed, the sections run one after another in the order asked, so that each figure is that section's own cost
 * and not its wait behind the others; untimed, they run at once.
 */
export type Timings = Record<string, number>;
const timer = (timings: Timings | undefined) => {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(key: string, f: () => Promise<T>): Promise<T> => {
    if (!timings) return f();
    const run = queue.then(async () => {
      const t0 = performance.now();
      try {
        return await f();
      } finally {
        timings[key] = (timings[key] ?? 0) + performance.now() - t0;
      }
    });
    queue = run.catch(() => undefined);
    return run;
  };
};

export async function dashboard(db: Db, actor: Actor, now = Date.now(), timings?: Timings): Promise<Dashboard> {
  const [own] = actor.orgId
    ? await db.select({ name: orgs.name }).from(orgs).where(and(eq(orgs.countyId, actor.countyId), eq(orgs.id, actor.orgId)))
    : [];
  const scopeName = own?.name ?? actor.displayName;
  const head = { scopeName, asOf: new Date(now).toISOString() };
  switch (actor.role) {
    case 'countyAdmin':
    case 'townshipAdmin':
      return { kind: 'area', ...head, ...(await areaDashboard(db, actor, now, timings)) };
    case 'villageCadre':
      return { kind: 'village', ...head, ...(await villageDashboard(db, actor)) };
    case 'gridWorker':
      return { kind: 'grid', ...head, ...(await gridDashboard(db, actor, now)) };
    case 'departmentHandler':
      return { kind: 'department', ...head, ...(await departmentDashboard(db, actor, now)) };
    case 'evaluator':
      return { kind: 'evaluator', ...head, ...(await evaluatorDashboard(db, actor)) };
    case 'member':
      return { kind: 'member', ...head, ...(await memberDashboard(db, actor)) };
    default:
      return { kind: 'minimal', ...head, cards: [], charts: [], lists: [] };
  }
}
