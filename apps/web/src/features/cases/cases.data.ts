import {
  ACCOUNTABILITY_STATUS_LABELS, CASE_CATEGORIES, CASE_CATEGORY_LABELS, CASE_CHANNELS, CASE_CHANNEL_LABELS, CASE_EVENT_LABELS,
  CASE_MODES, CASE_MODE_LABELS, CASE_STATES, CASE_STATE_LABELS, CASE_TABS, CASE_TAB_QUERY, FIELD_REPORT_KINDS, FIELD_REPORT_KIND_LABELS, FILE_LIMITS,
  type AccountabilityStatus, type CaseTab, type CaseActionName, type CaseChannel, type CaseEventKind, type CaseMode, type CaseState,
} from '@jiceng/contract/constants';
import type { AccountabilityView, CaseDetail, CaseEventView, CaseStats, CaseSummary, FileUpload, OrgView } from '@jiceng/contract';
import type { Query } from '../../api/http';
import { currentLocale, label, t } from '../../i18n';
import { formatTime } from '../../ui/format';
import { labelOptions } from '../../ui/options';
import type { Column } from '../../ui/table';

// ---- labels and options ----
/** the list comma and brackets of the current language */
const comma = () => (currentLocale.value === 'en' ? ', ' : '，');
const paren = (s: string) => (currentLocale.value === 'en' ? ` (${s})` : `（${s}）`);
export const stateLabel = (s: CaseState) => label(CASE_STATE_LABELS[s]);
export const channelLabel = (c: CaseSummary['channel']) => label(CASE_CHANNEL_LABELS[c]);
export const categoryLabel = (c: CaseSummary['category']) => label(CASE_CATEGORY_LABELS[c]);
export const eventLabel = (k: CaseEventKind) => label(CASE_EVENT_LABELS[k]);
export const modeLabel = (m: CaseSummary['mode']) => (m ? label(CASE_MODE_LABELS[m]) : '—');
export const accStatusLabel = (s: AccountabilityStatus) => label(ACCOUNTABILITY_STATUS_LABELS[s]);

export const stateOptions = () => labelOptions(CASE_STATES, CASE_STATE_LABELS);
export const channelOptions = () => labelOptions(CASE_CHANNELS, CASE_CHANNEL_LABELS);
export const categoryOptions = () => labelOptions(CASE_CATEGORIES, CASE_CATEGORY_LABELS);
export const fieldReportOptions = () => labelOptions(FIELD_REPORT_KINDS, FIELD_REPORT_KIND_LABELS);
export const modeOptions = () => labelOptions(CASE_MODES, CASE_MODE_LABELS);
/** 受理时即办: only 直接办理 or 明确答复 (a promise is not an answer on the spot). */
export const directModeOptions = () => modeOptions().filter((o) => o.value !== 'promised');

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info';
export const STATE_TAG: Record<CaseState, TagType> = {
  received: 'warning', inProgress: 'primary', waitingOnResident: 'info', replied: 'success', rated: 'success', closed: 'info',
};
/** 承办中 in blue: the theme's primary is party red, which here means overdue. */
export const stateTagStyle = (s: CaseState) =>
  s === 'inProgress' ? { '--el-tag-bg-color': '#ecf5ff', '--el-tag-border-color': '#d9ecff', '--el-tag-text-color': '#409eff' } : undefined;
export const ACC_STATUS_TAG: Record<AccountabilityStatus, TagType> = { pending: 'warning', upheld: 'danger', dismissed: 'info' };

/** red past the deadline, orange within the reminder window (case.dueSoonHours) */
export const dueClass = (c: Pick<CaseSummary, 'overdue' | 'dueSoon'>) => (c.overdue ? 'due-overdue' : c.dueSoon ? 'due-soon' : '');

export const promisedText = (days: number | null) => (days === null ? '—' : days === 0 ? t('cases.immediate') : t('cases.days', { n: days }));

// ---- list ----
export { CASE_TABS, type CaseTab };
/** What each tab asks the API (the contract's, which GET /api/cases/tabs counts); the filters row adds to it. */
export const TAB_QUERY: Record<CaseTab, Query> = CASE_TAB_QUERY;

export interface CaseFilter {
  state: string;
  category: string;
  channel: string;
  orgId: string;
  dates: [string, string] | null;
  q: string;
  /** one grid (the grid map's link) */
  gridId?: string;
  /** held now by one county department (the dashboard's per-unit chart) */
  holderDepartmentId?: string;
}
export const emptyFilter = (): CaseFilter => ({ state: '', category: '', channel: '', orgId: '', dates: null, q: '' });

/** A link's query (the home dashboard's figures): the tab it names and the filters, so the list opens on them */
export function fromRouteQuery(q: Record<string, unknown>): { tab: CaseTab; filter: CaseFilter } | null {
  const s = (k: string) => (typeof q[k] === 'string' ? (q[k] as string) : '');
  if (!Object.keys(q).length) return null;
  const yes = (k: string) => s(k) === '1' || s(k) === 'true';
  const tab: CaseTab = yes('overdue') ? 'overdue' : yes('dueSoon') ? 'dueSoon' : s('state') === 'waitingOnResident' ? 'waiting'
    : s('queue') === 'mine' && s('state') === 'open' ? 'mine' : 'all';
  const dates: [string, string] | null = s('from') && s('to') ? [s('from'), s('to')] : null;
  return { tab, filter: { ...emptyFilter(), state: tab === 'all' ? s('state') : '', category: s('category'), channel: s('channel'), orgId: s('orgId'), dates, gridId: s('gridId'), holderDepartmentId: s('holderDepartmentId') } };
}

/** The list (and export) query: the tab's own conditions, then the filters; the state filter only on 全部. */
export function listQuery(tab: CaseTab, f: CaseFilter): Query {
  return {
    ...TAB_QUERY[tab],
    ...(tab === 'all' && f.state ? { state: f.state } : {}),
    category: f.category, channel: f.channel, orgId: f.orgId, gridId: f.gridId || undefined, holderDepartmentId: f.holderDepartmentId || undefined, from: f.dates?.[0], to: f.dates?.[1], q: f.q.trim(),
  };
}

/** The plain columns; 编号/标题, 受理单位/当前承办 (short names, the full one on hover), 状态 and 时限 are drawn by the page. */
export const caseColumns = (): Column<CaseSummary>[] => [
  { prop: 'category', label: t('cases.category'), minWidth: 90, formatter: (c) => categoryLabel(c.category) },
  { prop: 'channel', label: t('cases.channel'), minWidth: 96, formatter: (c) => channelLabel(c.channel) },
];
/** 青山村书记 张德明 → 张德明: the person, for a list whose unit columns already say where (the full name on hover) */
export const personName = (displayName: string | null) => (displayName ? displayName.split(/\s+/).pop() || displayName : '—');

// ---- detail ----
export interface Fact {
  label: string;
  value: string;
  /** e.g. red deadline */
  className?: string;
}
export function caseFacts(c: CaseDetail): Fact[] {
  const channel = channelLabel(c.channel) + (c.fieldReportKind ? ` · ${label(FIELD_REPORT_KIND_LABELS[c.fieldReportKind])}` : '');
  const facts: Fact[] = [
    { label: t('cases.item'), value: c.itemName ? c.itemName + paren(promisedText(c.promisedDays)) : '—' },
    { label: t('cases.category'), value: categoryLabel(c.category) },
    { label: t('cases.channel'), value: channel },
    { label: t('cases.org'), value: c.orgName },
    { label: t('cases.owner'), value: c.ownerName },
    { label: t('cases.firstResponder'), value: c.firstResponderName ?? '—' },
    { label: t('cases.receivedAt'), value: formatTime(c.receivedAt) },
    { label: t('cases.promise.promisedAt'), value: promiseDay(c.promisedAt), className: c.promiseBroken ? 'due-overdue' : '' },
    {
      label: t('cases.promise.holderDue'),
      value: formatTime(c.dueAt) + (c.pausedSince ? paren(t('cases.pausedSince', { at: formatTime(c.pausedSince) })) : ''),
      className: dueClass(c),
    },
    { label: t('cases.requester'), value: [c.requesterName, c.requesterPhone].filter(Boolean).join(' ') || '—' },
    { label: t('cases.household'), value: c.householdAddress ?? '—' },
    { label: t('cases.grid'), value: c.gridName ?? '—' },
    { label: t('cases.address'), value: c.address ?? '—' },
    { label: t('cases.trips'), value: String(c.trips) },
    { label: t('cases.forwards'), value: String(c.forwards) },
    { label: t('cases.mode'), value: modeLabel(c.mode) },
    { label: t('cases.repliedAt'), value: formatTime(c.repliedAt) },
    { label: t('cases.rating'), value: c.rating === null ? '—' : `${'★'.repeat(c.rating)}${'☆'.repeat(5 - c.rating)} ${c.ratingComment ?? ''}`.trim() },
    { label: t('cases.closedAt'), value: formatTime(c.closedAt) },
  ];
  return facts;
}

/** Buttons in the order a handler meets them; `file` lives in the files section. */
export const ACTION_ORDER: readonly CaseActionName[] = ['accept', 'reply', 'forward', 'wait', 'resume', 'note', 'trip', 'rate', 'close'];
/** The URL segment of each action (notes and trips add a record; the rest change the case). */
export const ACTION_PATH: Record<CaseActionName, string> = {
  accept: 'accept', forward: 'forward', wait: 'wait', resume: 'resume', reply: 'reply', rate: 'rate', close: 'close',
  note: 'notes', trip: 'trips', file: 'files',
};
export const EVENT_COLOR: Partial<Record<CaseEventKind, string>> = {
  received: '#909399', accepted: '#409eff', forwarded: '#e6a23c', waiting: '#909399', replied: '#67c23a', rated: '#67c23a',
  closed: '#67c23a', overdue: '#c8161d', escalated: '#c8161d', dueSoon: '#e6a23c', whistled: '#c8161d', deadlineMoved: '#e6a23c',
};

/** The readable part of an event's `detail`, by kind (the server records ids and numbers too). */
/** a promised date as a day (the promise is to the end of a working day) */
const promiseDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

export function eventDetail(e: CaseEventView): string {
  const d = e.detail ?? {};
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
  const at = (k: string) => (str(k) ? formatTime(str(k)) : '');
  switch (e.kind) {
    case 'received': {
      const channel = CASE_CHANNEL_LABELS[str('channel') as CaseChannel];
      return [channel ? label(channel) : '', str('owner')].filter(Boolean).join(' → ');
    }
    // where it went, the new holder's own deadline, and the promise to the resident it carries unchanged
    case 'forwarded':
      return [
        str('to') && t('cases.detail.forwardedTo', { to: str('to') }), at('dueAt') && `${t('cases.promise.holderDue')} ${at('dueAt')}`,
        str('promisedAt') && `${t('cases.promise.promisedAt')} ${promiseDay(str('promisedAt'))}`,
      ].filter(Boolean).join(comma());
    case 'accepted':
      return [
        CASE_MODE_LABELS[str('mode') as CaseMode] ? label(CASE_MODE_LABELS[str('mode') as CaseMode]) : '',
        str('mode') === 'promised' && str('promisedAt') ? `${t('cases.promise.promisedAt')} ${promiseDay(str('promisedAt'))}` : '',
      ].filter(Boolean).join(comma());
    case 'resumed':
      return [
        at('dueAt') && t('cases.detail.newDue', { at: at('dueAt') }),
        str('promisedAt') && str('promisedAt') !== str('promisedFrom') ? `${t('cases.promise.promisedAt')} ${promiseDay(str('promisedAt'))}` : '',
        d.trip === true ? eventLabel('trip') : '',
      ].filter(Boolean).join(comma());
    case 'replied':
      return CASE_MODE_LABELS[str('mode') as CaseMode] ? label(CASE_MODE_LABELS[str('mode') as CaseMode]) : '';
    case 'rated':
      return typeof d.score === 'number' ? t('cases.stars', { n: d.score }) : '';
    case 'trip':
      return typeof d.trips === 'number' ? `${t('cases.trips')} ${d.trips}` : '';
    case 'escalated':
      return str('to') ? t('cases.detail.escalatedTo', { to: str('to') }) : '';
    case 'dueSoon':
    case 'overdue':
      return at('dueAt') ? `${t('cases.dueAt')} ${at('dueAt')}` : '';
    case 'file':
      return typeof d.size === 'number' ? fileSize(d.size) : '';
    case 'deadlineMoved':
      return str('from') && str('to') ? `${str('from')} → ${str('to')}` : '';
    default:
      return '';
  }
}

// ---- files ----
/** JPEG re-encode of phone photos above this size, so uploads stay well under FILE_LIMITS.maxBytes. */
const COMPRESS_ABOVE = 1.5 * 1024 * 1024;
const MAX_SIDE = 2000;

export type FileProblem = 'type' | 'size';
export function fileProblem(f: File): FileProblem | null {
  if (!(FILE_LIMITS.mimes as readonly string[]).includes(f.type)) return 'type';
  // images are shrunk below; a PDF must fit as it is
  if (f.type === 'application/pdf' && f.size > FILE_LIMITS.maxBytes) return 'size';
  return null;
}

async function shrink(file: File): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/jpeg', 0.82));
}

function base64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(blob);
  });
}

/** A picked file as the API takes it: large photos re-encoded as JPEG (longest side 2000 px). */
export async function toUpload(file: File): Promise<FileUpload & { size: number }> {
  let blob: Blob = file;
  let name = file.name;
  let mime = file.type as FileUpload['mime'];
  if (mime !== 'application/pdf' && file.size > COMPRESS_ABOVE) {
    blob = await shrink(file);
    mime = 'image/jpeg';
    name = name.replace(/\.[^.]+$/, '') + '.jpg';
  }
  if (blob.size > FILE_LIMITS.maxBytes) throw new Error('size');
  return { name: name.slice(0, 200), mime, data: await base64(blob), size: blob.size };
}

export const fileSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

// ---- intake ----
/** Today on the Shanghai calendar (deadlines are counted from it). */
export const todayShanghai = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The units that may register a case: a village (community) as a whole, or a township hall.
 * Branches and party groups below a village are not units of their own.
 */
export function intakeUnits(orgs: readonly OrgView[]): Set<string> {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const ids = new Set<string>();
  for (const o of orgs) {
    if (o.archived) continue;
    const parentTier = byId.get(o.parentId ?? '')?.tier;
    if ((o.tier === 'village' || o.tier === 'township') && parentTier !== o.tier) ids.add(o.id);
  }
  return ids;
}

/** The unit an account registers at by default: its own org's village/township unit; none for the county. */
export function defaultUnit(orgId: string | null | undefined, orgs: readonly OrgView[]): string | undefined {
  const units = intakeUnits(orgs);
  let org = orgs.find((o) => o.id === orgId);
  while (org && !units.has(org.id)) org = orgs.find((o) => o.id === org!.parentId);
  return org?.id;
}

/** Channels that mean the resident came in person: one trip already. */
export const defaultTrips = (channel: string) => (channel === 'walkIn' ? 1 : 0);

// ---- statistics ----
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const dec = (v: number | null, digits = 2) => (v === null ? '—' : v.toFixed(digits));
export type StatsRow = CaseStats['rows'][number];
/** 办件统计's columns, narrow enough to fit beside the unit column at 1366 px (the headers wrap); the table scrolls below that. */
export const statsColumns = (): Column<StatsRow>[] => [
  { prop: 'received', label: t('cases.stats.received'), minWidth: 52, formatter: (r) => (r.basis === 'held' ? '—' : String(r.received)) },
  { prop: 'held', label: t('cases.stats.held'), minWidth: 52 },
  { prop: 'answered', label: t('cases.stats.answered'), minWidth: 52 },
  { prop: 'onTime', label: t('cases.stats.onTime'), minWidth: 52 },
  { prop: 'onTimeRate', label: t('cases.stats.onTimeRate'), minWidth: 62, formatter: (r) => pct(r.onTimeRate) },
  { prop: 'open', label: t('cases.stats.open'), minWidth: 52 },
  { prop: 'overdueOpen', label: t('cases.stats.overdueOpen'), minWidth: 52 },
  { prop: 'rights', label: t('cases.stats.rights'), minWidth: 52 },
  { prop: 'fieldReports', label: t('cases.stats.fieldReports'), minWidth: 52 },
  { prop: 'forwarded', label: t('cases.stats.forwarded'), minWidth: 52, formatter: (r) => (r.basis === 'held' ? '—' : String(r.forwarded)) },
  { prop: 'avgTrips', label: t('cases.stats.avgTrips'), minWidth: 54, formatter: (r) => dec(r.avgTrips) },
  { prop: 'oneTripRate', label: t('cases.stats.oneTripRate'), minWidth: 62, formatter: (r) => pct(r.oneTripRate) },
  { prop: 'rated', label: t('cases.stats.rated'), minWidth: 52 },
  { prop: 'avgRating', label: t('cases.stats.avgRating'), minWidth: 54, formatter: (r) => dec(r.avgRating) },
];
/** 办理方式, one column per mode under one header */
export const statsModeColumns = (): Column<StatsRow>[] =>
  CASE_MODES.map((m) => ({ prop: `byMode.${m}`, label: label(CASE_MODE_LABELS[m]), minWidth: 54, formatter: (r: StatsRow) => String(r.byMode[m] ?? 0) }));
export const byModeText = (byMode: Record<string, number>) =>
  CASE_MODES.filter((m) => byMode[m]).map((m) => `${label(CASE_MODE_LABELS[m])} ${byMode[m]}`).join(comma()) || '—';

export const yearStart = () => `${todayShanghai().slice(0, 4)}-01-01`;

/**
 * The place a party organisation stands for, for lists and axis labels (the full name on hover and in the detail):
 * 中共青山村总支部委员会 → 青山村, 中共青山乡委员会 → 青山乡, 中共东风街道工作委员会 → 东风街道; a department
 * (县民政局) or a branch's own name (城关镇机关党支部) stays as it is, as does a `（本级）` suffix.
 */
export function shortOrgName(name: string): string {
  const own = name.endsWith('（本级）') ? '（本级）' : '';
  const base = own ? name.slice(0, -own.length) : name;
  if (!base.startsWith('中共')) return name;
  const short = base.slice(2).replace(/(工作委员会|总支部委员会|支部委员会|委员会|党委|党总支|党支部)$/, '');
  return short ? short + own : name;
}

/** The bar chart of the stats page: per unit received / answered / on time / overdue open (ECharts option). */

export function statsChartOption(rows: StatsRow[], narrow = false) {
  const series = (['received', 'answered', 'onTime', 'overdueOpen'] as const).map((k) => ({
    name: t(`cases.stats.${k}`), type: 'bar' as const, data: rows.map((r) => r[k]), barMaxWidth: 18,
  }));
  return {
    color: ['#5470c6', '#91cc75', '#3ba272', '#c8161d'],
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category' as const, data: rows.map((r) => shortOrgName(r.name)), axisLabel: { interval: 0, rotate: narrow || rows.length > 8 ? 40 : 0 } },
    yAxis: { type: 'value' as const, minInterval: 1 },
    series,
  };
}

// ---- accountability ----
export const accKindLabel = (kind: string) => {
  const kinds = { overdue: t('cases.acc.kinds.overdue'), complaint: t('cases.acc.kinds.complaint'), late: t('cases.acc.kinds.late') } as Record<string, string>;
  return kinds[kind] ?? kind;
};
/** 承办单位 and the people are drawn by the page (short unit name, the full one on hover; the holder apart from the first responder). */
export const accColumns = (): Column<AccountabilityView>[] => [
  { prop: 'kind', label: t('cases.acc.kind'), minWidth: 96, formatter: (a) => accKindLabel(a.kind) },
  { prop: 'dueAt', label: t('cases.acc.dueAt'), minWidth: 136, formatter: (a) => formatTime(a.dueAt) },
];
/** the person who held the case at the unit, or a word that nobody there had taken it up */
export const accHolder = (a: AccountabilityView) => a.responsibleName ?? t('cases.acc.nobodyTookUp');
