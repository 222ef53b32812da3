import { LIMITS, SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS, SERVICE_TIERS, SERVICE_TIER_LABELS } from '@jiceng/contract/constants';
import type { DepartmentView, ServiceItemView } from '@jiceng/contract';
import type { FieldDef } from '../../ui/form';
import type { Column } from '../../ui/table';
import { label, t } from '../../i18n';
import { labelOptions } from '../../ui/options';
import { shallowRef } from 'vue';
import { http } from '../../api/http';

/** "N 个工作日", or 即办 for 0. */
export const promisedText = (days: number): string => (days === 0 ? t('catalog.immediate') : t('catalog.days', { n: days }));

export const categoryLabel = (i: Pick<ServiceItemView, 'category'>) => label(SERVICE_CATEGORY_LABELS[i.category]);
export const tierLabel = (i: Pick<ServiceItemView, 'tier'>) => label(SERVICE_TIER_LABELS[i.tier]);

/** 承办部门 for county items, else 承办岗位 (or both when both are set). */
export const whereText = (i: ServiceItemView): string => [i.departmentName, i.handler].filter(Boolean).join(' · ') || '—';

export const catalogColumns = (): Column<ServiceItemView>[] => [
  { prop: 'code', label: t('catalog.code'), minWidth: 110 },
  { prop: 'name', label: t('catalog.name'), minWidth: 200 },
  { prop: 'category', label: t('catalog.category'), minWidth: 110, formatter: categoryLabel },
  { prop: 'tier', label: t('catalog.tier'), minWidth: 140, formatter: tierLabel },
  { prop: 'departmentName', label: t('catalog.handledBy'), minWidth: 150, formatter: whereText },
  { prop: 'promisedDays', label: t('catalog.promisedDays'), minWidth: 110, formatter: (i) => promisedText(i.promisedDays) },
];

export const categoryOptions = () => labelOptions(SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS);
export const tierOptions = () => labelOptions(SERVICE_TIERS, SERVICE_TIER_LABELS);

export const catalogFields = (tier: string | undefined, departments: DepartmentView[]): FieldDef[] => [
  { prop: 'code', label: t('catalog.code'), kind: 'text', required: true, maxlength: LIMITS.codeMax, hint: 'A–Z 0–9 - _', placeholder: 'MZ-001' },
  { prop: 'name', label: t('catalog.name'), kind: 'text', required: true, maxlength: LIMITS.nameMax, placeholder: '最低生活保障申请' },
  { prop: 'aliases', label: t('catalog.aliases'), kind: 'textarea', hint: t('catalog.aliasesHint') },
  { prop: 'category', label: t('catalog.category'), kind: 'select', required: true, options: categoryOptions() },
  { prop: 'tier', label: t('catalog.tier'), kind: 'select', required: true, options: tierOptions() },
  {
    prop: 'departmentId', label: t('catalog.department'), kind: 'select', required: tier === 'county', filterable: true,
    options: departments.filter((d) => !d.archived).map((d) => ({ value: d.id, label: d.name })),
    hint: tier === 'county' ? t('catalog.departmentHint') : undefined,
  },
  { prop: 'handler', label: t('catalog.handler'), kind: 'text', maxlength: 50, placeholder: '民政专干' },
  { prop: 'contactPhone', label: t('catalog.phone'), kind: 'text', maxlength: LIMITS.phoneMax },
  { prop: 'promisedDays', label: t('catalog.promisedDays'), kind: 'text', required: true, maxlength: 3, hint: t('catalog.promisedHint') },
  { prop: 'conditions', label: t('catalog.conditions'), kind: 'textarea', maxlength: 2000 },
  { prop: 'materials', label: t('catalog.materials'), kind: 'textarea', hint: t('catalog.linesHint') },
  { prop: 'steps', label: t('catalog.steps'), kind: 'textarea', hint: t('catalog.linesHint') },
  { prop: 'basis', label: t('catalog.basis'), kind: 'textarea', maxlength: 500 },
  { prop: 'published', label: t('catalog.published'), kind: 'switch' },
];

/** One item a line; blank lines dropped. */
export const toLines = (v: unknown): string[] =>
  String(v ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The server names array errors by index (`materials.2`); show them under the textarea.
 * Other keys pass through.
 */
export function mapItemErrors(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    const m = /^(materials|steps|aliases)\.(\d+)/.exec(k);
    if (m) out[m[1]!] ??= t('catalog.lineError', { n: Number(m[2]) + 1, message: v });
    else out[k] = v;
  }
  return out;
}

/** Items grouped by category, in the contract's category order. */
export function groupByCategory(items: ServiceItemView[]): { category: ServiceItemView['category']; label: string; items: ServiceItemView[] }[] {
  return SERVICE_CATEGORIES.map((c) => ({ category: c, label: label(SERVICE_CATEGORY_LABELS[c]), items: items.filter((i) => i.category === c) })).filter((g) => g.items.length);
}

/**
 * The desk's item picker searches like the guide: the server's catalog search (names, aliases such as 低保,
 * conditions, materials; characters, pinyin, initials; best first). `hits` is null while nothing is typed.
 * Use as an el-select :filter-method; a slow answer to an older query is dropped.
 */
export function useItemSearch() {
  const hits = shallowRef<ServiceItemView[] | null>(null);
  let seq = 0;
  async function search(query: string) {
    const n = ++seq;
    const q = query.trim().slice(0, 50);
    if (!q) {
      hits.value = null;
      return;
    }
    try {
      const found = (await http.get<{ items: ServiceItemView[] }>('/api/catalog', { q }, { quiet: true })).items;
      if (n === seq) hits.value = found;
    } catch {
      if (n === seq) hits.value = null;
    }
  }
  return { hits, search };
}
