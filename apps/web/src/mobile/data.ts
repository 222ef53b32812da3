// What the phone pages show and keep: my grids and households (cached for offline), labels of the contract.
import { ref } from 'vue';
import { FIELD_REPORT_KINDS, FIELD_REPORT_KIND_LABELS, FOUR_KNOWS, FOUR_KNOWS_LABELS, VISIT_TAG_LABELS } from '@jiceng/contract/constants';
import type { GridList, HouseholdPage, HouseholdView, MeView } from '@jiceng/contract';
import { cachedGet } from './outbox';

export const me = ref<MeView | null>(null);
export const grids = ref<GridList['items']>([]);
export const households = ref<HouseholdView[]>([]);
export const dataAt = ref<number | null>(null);
export const offlineData = ref(false);

export const reportKinds = FIELD_REPORT_KINDS.map((k) => ({ value: k, label: FIELD_REPORT_KIND_LABELS[k]['zh-CN'] }));
export const fourKnows = FOUR_KNOWS.map((k) => ({ key: k, label: FOUR_KNOWS_LABELS[k]['zh-CN'] }));
export const tagLabel = (t: keyof typeof VISIT_TAG_LABELS) => VISIT_TAG_LABELS[t]['zh-CN'];

export async function loadMine(): Promise<void> {
  const [m, g] = await Promise.all([cachedGet<MeView>('/api/me'), cachedGet<GridList>('/api/grids')]);
  me.value = m.value;
  grids.value = g.value?.items ?? [];
  const lists = await Promise.all(grids.value.slice(0, 5).map((x) => cachedGet<HouseholdPage>(`/api/households?gridId=${x.id}&pageSize=500`)));
  households.value = lists.flatMap((l) => l.value?.items ?? []);
  offlineData.value = m.offline || g.offline;
  dataAt.value = g.at;
}

export const fmtTime = (ms: number | string | null | undefined) => {
  if (ms === null || ms === undefined) return '';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}月${d.getDate()}日 ${p(d.getHours())}:${p(d.getMinutes())}`;
};
