// 考评 sheet, contests, rectification, grade changes (issue 11, part E): API paths, labels and small helpers the
// pages share. Numbers of rules (weights, windows, points) come from the server's answers, never from here.
import { FILE_LIMITS, GRADE_RANK, METRIC_INFO, type Grade, type Metric } from '@jiceng/contract/constants';
import type { AddEntryInput, FileUpload, RoundView } from '@jiceng/contract';
import { shrinkPhoto } from '../../portal/portal.data';

export const api = {
  rounds: '/api/evaluation/rounds',
  round: (id: string) => `/api/evaluation/rounds/${id}`,
  targets: (id: string) => `/api/evaluation/rounds/${id}/targets`,
  changes: (id: string) => `/api/evaluation/rounds/${id}/changes`,
  sheet: (id: string, orgId: string) => `/api/evaluation/rounds/${id}/orgs/${orgId}`,
  entries: (id: string, orgId: string) => `/api/evaluation/rounds/${id}/orgs/${orgId}/entries`,
  entry: (id: string, orgId: string, entryId: string) => `/api/evaluation/rounds/${id}/orgs/${orgId}/entries/${entryId}`,
  entryFile: (id: string, orgId: string, entryId: string) => `/api/evaluation/rounds/${id}/orgs/${orgId}/entries/${entryId}/file`,
  submit: (id: string, orgId: string) => `/api/evaluation/rounds/${id}/orgs/${orgId}/submit`,
  fileContest: (id: string, orgId: string) => `/api/evaluation/rounds/${id}/orgs/${orgId}/contests`,
  contests: '/api/evaluation/contests',
  contestFile: (id: string) => `/api/evaluation/contests/${id}/file`,
  decide: (id: string) => `/api/evaluation/contests/${id}/decide`,
  history: '/api/evaluation/history',
  rectifications: '/api/rectifications',
  rectification: (id: string) => `/api/rectifications/${id}`,
  rectificationDraft: '/api/rectifications/draft',
  rectificationNotes: (id: string) => `/api/rectifications/${id}/notes`,
  noteFile: (id: string, noteId: string, fileId: string) => `/api/rectifications/${id}/notes/${noteId}/files/${fileId}`,
};

/** the desk pages of engineer D this part links to */
export const links = {
  round: (id: string) => `/evaluation/rounds/${id}`,
  sheet: (id: string, orgId: string) => `/evaluation/rounds/${id}/orgs/${orgId}`,
  explain: (id: string, orgId: string, indicatorId: string | 'mass') => `/evaluation/rounds/${id}/orgs/${orgId}/explain/${indicatorId}`,
};

/** 听 看 查 走 访 (篇一 二: 考评方式采取“听、看、查、走、访”) */
export type Way = NonNullable<AddEntryInput['way']>;
export const WAYS: readonly Way[] = ['listen', 'look', 'check', 'walk', 'visit'];
export type LinkedEntity = NonNullable<AddEntryInput['linkedEntity']>;
export const LINKED_ENTITIES: readonly LinkedEntity[] = ['case', 'visit', 'activity', 'volunteerRecord', 'duty', 'trainingCourse', 'whistle', 'body', 'surveyDraw'];

/** points as the sheet shows them: two decimals at most */
export const pts = (n: number | null | undefined) => (n === null || n === undefined ? '—' : String(Math.round(n * 100) / 100));
export const signed = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n > 0 ? '+' : n < 0 ? '−' : ''}${pts(Math.abs(n))}`);

/** a metric's value in its unit: a share as a percentage, a mean rating with two decimals, a count as it is */
export function metricValue(metric: Metric | null, value: number | null): string {
  if (value === null) return '—';
  const unit = metric ? METRIC_INFO[metric].unit : 'count';
  if (unit === 'share') return `${Math.round(value * 1000) / 10}%`;
  if (unit === 'rating') return (Math.round(value * 100) / 100).toFixed(2);
  return String(Math.round(value * 100) / 100);
}

/** +1 moved up, −1 moved down (晋位升级), by GRADE_RANK */
export const gradeChange = (grade: Grade | null, previous: Grade | null) => (grade && previous ? GRADE_RANK[grade] - GRADE_RANK[previous] : null);
export const changeArrow = (change: number | null) => (change === null ? '' : change > 0 ? '↑' : change < 0 ? '↓' : '→');
/** grade tags: green for advanced (solid) and good, grey for average, solid red for lagging (the party red is the primary) */
export const gradeTagType = (g: Grade | null): 'success' | 'info' | 'danger' => (g === 'advanced' || g === 'good' ? 'success' : g === 'lagging' ? 'danger' : 'info');
export const gradeEffect = (g: Grade | null): 'dark' | 'light' => (g === 'advanced' || g === 'lagging' ? 'dark' : 'light');

/** Today on the Asia/Shanghai calendar (due dates and contest windows are days there). */
export const todayShanghai = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Rounds whose published grades exist: the contest inbox, the rectification board and grade changes start there. */
export const isPublished = (r: RoundView) => r.state === 'published' || r.state === 'final';

function base64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read'));
    r.readAsDataURL(blob);
  });
}

export interface Evidence {
  upload: FileUpload;
  /** object URL of the shrunk photo (null for a PDF); revoke when dropped */
  preview: string | null;
  size: number;
}
export type EvidenceProblem = 'type' | 'size' | 'read';

/**
 * A picked photo or PDF as the API takes it. Photos are redrawn like the portal's (≤ 1600 px JPEG, EXIF dropped):
 * an evaluator's camera photo is 4–8 MB and the village's network slow. A PDF goes as it is if it fits.
 */
export async function toEvidence(file: File): Promise<Evidence | EvidenceProblem> {
  if (file.type === 'application/pdf') {
    if (file.size > FILE_LIMITS.maxBytes) return 'size';
    return { upload: { name: file.name.slice(-200), mime: 'application/pdf', data: await base64(file) }, preview: null, size: file.size };
  }
  if (!file.type.startsWith('image/')) return 'type';
  try {
    const p = await shrinkPhoto(file);
    return { upload: p.upload, preview: p.preview, size: Math.floor((p.upload.data.length * 3) / 4) };
  } catch (err) {
    return err instanceof Error && err.message === 'tooBig' ? 'size' : 'read';
  }
}
