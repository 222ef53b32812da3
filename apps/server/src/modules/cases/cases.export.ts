// 办件台账 (.xlsx): the list's filters and scope, every page of it, one audit entry for the export.
import {
  CASE_CATEGORY_LABELS, CASE_CHANNEL_LABELS, CASE_MODE_LABELS, CASE_STATE_LABELS, FIELD_REPORT_KIND_LABELS, type Label, type ListCasesQuery,
} from '@jiceng/contract';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { assertExportPurpose } from '../../platform/access/masking.js';
import { writeSheet, type StyledColumn } from '../imports/xlsx.js';
import { listCases } from './cases.list.js';

const zh = (labels: Record<string, Label>, code: string | null | undefined) => (code ? (labels[code]?.['zh-CN'] ?? code) : '');
const time = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

const COLUMNS: StyledColumn[] = [
  { header: '办件编号', width: 14, text: true }, { header: '受理时间', width: 17 },
  { header: '事项', width: 24 }, { header: '标题', width: 30 }, { header: '类别', width: 12 }, { header: '渠道', width: 14 },
  { header: '六报类别', width: 14 }, { header: '受理单位', width: 20 }, { header: '当前承办', width: 20 }, { header: '群众姓名', width: 10 },
  { header: '首问负责人', width: 10 }, { header: '状态', width: 10 }, { header: '办结时限', width: 17 }, { header: '是否超期', width: 8 },
  { header: '办理方式', width: 10 }, { header: '回复时间', width: 17 }, { header: '跑腿次数', width: 8 }, { header: '转办次数', width: 8 },
  { header: '满意度', width: 8 },
];

export async function exportCases(db: Db, actor: Actor, { purpose, ...q }: Omit<ListCasesQuery, 'limit' | 'cursor'> & { purpose?: string }): Promise<Buffer> {
  const rows: (string | number | null)[][] = [];
  let cursor: string | undefined;
  do {
    const page = await listCases(db, actor, { ...q, limit: 200, cursor });
    // the rows name residents: a bulk export states its purpose (checked on the first page)
    if (cursor === undefined) await assertExportPurpose(db, actor.countyId, page.total, purpose);
    for (const c of page.items) {
      rows.push([
        c.number, time(c.receivedAt), c.itemName ?? '', c.title, zh(CASE_CATEGORY_LABELS, c.category), zh(CASE_CHANNEL_LABELS, c.channel),
        zh(FIELD_REPORT_KIND_LABELS, c.fieldReportKind), c.orgName, c.ownerName, c.requesterName ?? '', c.firstResponderName ?? '',
        zh(CASE_STATE_LABELS, c.state), time(c.dueAt), c.late ? '是' : '否', zh(CASE_MODE_LABELS, c.mode), time(c.repliedAt), c.trips, c.forwards,
        c.rating ?? '',
      ]);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  await db.transaction((tx) => appendAudit(tx, byActor(actor, { action: 'export.cases', entity: 'export', orgPath: actor.scope[0] ?? null, detail: { filters: q, rows: rows.length, ...(purpose?.trim() ? { purpose: purpose.trim() } : {}) } })));
  return writeSheet('办件台账', COLUMNS, rows);
}
