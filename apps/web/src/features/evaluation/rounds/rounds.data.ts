// 考评 desk pages (issue 11, part D): API paths, the lifecycle steps, curves in words, record links. Every number of
// a rule (weights, thresholds, quota, windows) comes from the server's answers or policy, never from here.
import { METRIC_INFO, type Metric, type RoundState } from '@jiceng/contract/constants';
import type { IndicatorCurve, IndicatorInput, IndicatorView, TemplateView } from '@jiceng/contract';
import { t } from '../../../i18n';

export const roundsApi = {
  templates: '/api/evaluation/templates',
  template: (id: string) => `/api/evaluation/templates/${id}`,
  copyTemplate: (id: string) => `/api/evaluation/templates/${id}/copy`,
  rounds: '/api/evaluation/rounds',
  round: (id: string) => `/api/evaluation/rounds/${id}`,
  advance: (id: string) => `/api/evaluation/rounds/${id}/advance`,
  targets: (id: string) => `/api/evaluation/rounds/${id}/targets`,
  compute: (id: string) => `/api/evaluation/rounds/${id}/compute`,
  preview: (id: string) => `/api/evaluation/rounds/${id}/recompute/preview`,
  recompute: (id: string) => `/api/evaluation/rounds/${id}/recompute`,
  export: (id: string) => `/api/evaluation/rounds/${id}/export.xlsx`,
  explain: (id: string, orgId: string, indicatorId: string) => `/api/evaluation/rounds/${id}/orgs/${orgId}/indicators/${indicatorId}/explain`,
  massExplain: (id: string, orgId: string) => `/api/evaluation/rounds/${id}/orgs/${orgId}/mass/explain`,
  entryFile: (id: string, orgId: string, entryId: string) => `/api/evaluation/rounds/${id}/orgs/${orgId}/entries/${entryId}/file`,
  contestFile: (id: string) => `/api/evaluation/contests/${id}/file`,
  policy: '/api/policy',
  users: '/api/users',
};

export const roundLinks = {
  rounds: '/evaluation',
  round: (id: string) => `/evaluation/rounds/${id}`,
  sheet: (id: string, orgId: string) => `/evaluation/rounds/${id}/orgs/${orgId}`,
  explain: (id: string, orgId: string, indicatorId: string) => `/evaluation/rounds/${id}/orgs/${orgId}/explain/${indicatorId}`,
  contests: (id: string) => `/evaluation/contests?roundId=${id}`,
  rectification: (id: string) => `/rectification?roundId=${id}`,
  changes: (id: string) => `/evaluation/changes?roundId=${id}`,
};

/** The one step each state may take (the server refuses any other), and what the button says. */
export const NEXT_STATE: Partial<Record<RoundState, RoundState>> = {
  draft: 'self', self: 'massOrg', massOrg: 'review', review: 'published', published: 'final',
};

/** The computed inputs may be refreshed live before the review; after the snapshot only the explicit recompute. */
export const canRefresh = (s: RoundState) => s === 'self' || s === 'massOrg';
export const canRecompute = (s: RoundState) => s === 'review' || s === 'published';

/** A metric's value in its unit: a share as a percentage, a mean rating with two decimals, a count as it is. */
export function unitValue(metric: Metric | null, x: number | null): string {
  if (x === null) return '—';
  const unit = metric ? METRIC_INFO[metric].unit : 'count';
  if (unit === 'share') return `${Math.round(x * 1000) / 10}%`;
  if (unit === 'rating') return (Math.round(x * 100) / 100).toFixed(2);
  return String(Math.round(x * 100) / 100);
}

/** A curve in words, in the user's language (the explanation page has the server's own wording of the rule). */
export function curveText(curve: IndicatorCurve | null, maxPoints: number, metric: Metric | null): string {
  if (!curve) return '';
  const f = (x: number) => unitValue(metric, x);
  const base = curve.kind === 'linear'
    ? t(curve.zeroAt <= curve.fullAt ? 'evaluation.rounds.curve.linearUp' : 'evaluation.rounds.curve.linearDown', { zero: f(curve.zeroAt), full: f(curve.fullAt), max: maxPoints })
    : t('evaluation.rounds.curve.steps', {
      steps: curve.steps.map((s) => t('evaluation.rounds.curve.step', { from: f(s.from), points: Math.round(maxPoints * s.share * 100) / 100 })).join(t('evaluation.rounds.curve.sep')),
    });
  return curve.emptyPoints === undefined ? base : `${base}${t('evaluation.rounds.curve.empty', { points: curve.emptyPoints })}`;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
export const sumPoints = (items: readonly { maxPoints: number }[]) => round2(items.reduce((s, i) => s + (Number(i.maxPoints) || 0), 0));

/** An indicator row as the editor holds it: every field present, the curve split into its two kinds. */
export interface IndicatorRow {
  code: string; group: IndicatorInput['group']; name: string; criteria: string; maxPoints: number; method: IndicatorInput['method'];
  metric: Metric | ''; curveKind: 'linear' | 'steps' | ''; zeroAt: number; fullAt: number; steps: { from: number; share: number }[];
  emptyPoints: number | null; basePoints: number | null;
}

export function toRow(i: IndicatorView | null): IndicatorRow {
  const c = i?.curve ?? null;
  return {
    code: i?.code ?? '', group: i?.group ?? 'leadership', name: i?.name ?? '', criteria: i?.criteria ?? '', maxPoints: i?.maxPoints ?? 0,
    method: i?.method ?? 'evidence', metric: i?.metric ?? '', curveKind: c?.kind ?? (i?.method === 'computed' ? 'linear' : ''),
    zeroAt: c?.kind === 'linear' ? c.zeroAt : 0, fullAt: c?.kind === 'linear' ? c.fullAt : 1,
    steps: c?.kind === 'steps' ? c.steps.map((s) => ({ ...s })) : [{ from: 0, share: 0.5 }, { from: 0.9, share: 1 }],
    emptyPoints: c?.emptyPoints ?? null, basePoints: i?.basePoints ?? null,
  };
}

/** The editor's row as the API takes it: only the fields its method uses. */
export function toInput(r: IndicatorRow): IndicatorInput {
  const out: IndicatorInput = { code: r.code.trim(), group: r.group, name: r.name.trim(), maxPoints: Number(r.maxPoints), method: r.method };
  if (r.criteria.trim()) out.criteria = r.criteria.trim();
  if (r.method === 'computed') {
    if (r.metric) out.metric = r.metric;
    const empty = r.emptyPoints === null ? {} : { emptyPoints: r.emptyPoints };
    if (r.curveKind === 'linear') out.curve = { kind: 'linear', zeroAt: Number(r.zeroAt), fullAt: Number(r.fullAt), ...empty };
    else if (r.curveKind === 'steps') out.curve = { kind: 'steps', steps: [...r.steps].sort((a, b) => a.from - b.from), ...empty };
  }
  if (r.method === 'evidence' && r.basePoints !== null) out.basePoints = r.basePoints;
  return out;
}

export const templateLabel = (tpl: Pick<TemplateView, 'name' | 'version'>) => `${tpl.name} · v${tpl.version}`;

/** Where a record of an explanation opens, when it has a page of its own. */
export function recordLink(entity: string, id: string): string | null {
  switch (entity) {
    case 'case': return `/cases/${id}`;
    case 'household': return `/households/${id}`;
    case 'member': return `/members/${id}`;
    case 'whistle': return `/whistles/${id}`;
    case 'grid': return `/grids/${id}`;
    case 'activity': return '/activities';
    case 'visit': return '/visits';
    case 'volunteerRecord': return '/volunteer';
    case 'duty': return '/three-ones';
    case 'trainingCourse': return '/training';
    case 'body': return '/bodies';
    case 'surveyDraw': case 'survey': return '/surveys';
    default: return null;
  }
}
