// 办件台账 (.xlsx): the list's filters and scope, every page of it, one audit entry for the export.
import {
  CASE_CATEGORY_LABELS, CASE_CHANNEL_LABELS, CASE_MODE_LABELS, CASE_STATE_LABELS, FIELD_REPORT_KIND_LABELS, type CaseSummary, type Label, type ListCasesQuery,
} from '@jiceng/contract';
import type { Readable } from 'node:stream';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { assertExportPurpose } from '../../platform/access/masking.js';
import { streamSheet, type StyledColumn } from '../imports/xlsx.js';
import { listCasesBatches } from './cases.list.js';

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

/**
 * The ledger as a stream: counted once (the purpose rule and the audit entry see the whole size before a byte is
 * sent), then read 1,000 rows a statement and written as it is read (streamSheet) — issue 16: the county's 4,874
 * cases took 7.4 s built in memory; see bench/README.md "Results: issue 16 (ledger export)".
 */
export async function exportCases(db: Db, actor: Actor, { purpose, ...q }: Omit<ListCasesQuery, 'limit' | 'cursor'> & { purpose?: string }): Promise<Readable> {
  const { total, batches } = await listCasesBatches(db, actor, q, EXPORT_BATCH);
  // the rows name residents: a bulk export states its purpose
  await assertExportPurpose(db, actor.countyId, total, purpose);
  await db.transaction((tx) => appendAudit(tx, byActor(actor, { action: 'export.cases', entity: 'export', orgPath: actor.scope[0] ?? null, detail: { filters: q, rows: total, ...(purpose?.trim() ? { purpose: purpose.trim() } : {}) } })));
  return streamSheet('办件台账', COLUMNS, rowsOf(batches));
}

const EXPORT_BATCH = 1000;

async function* rowsOf(batches: AsyncIterable<CaseSummary[]>): AsyncGenerator<(string | number | null)[][]> {
  for await (const page of batches) {
    yield page.map((c) => [
      c.number, time(c.receivedAt), c.itemName ?? '', c.title, zh(CASE_CATEGORY_LABELS, c.category), zh(CASE_CHANNEL_LABELS, c.channel),
      zh(FIELD_REPORT_KIND_LABELS, c.fieldReportKind), c.orgName, c.ownerName, c.requesterName ?? '', c.firstResponderName ?? '',
      zh(CASE_STATE_LABELS, c.state), time(c.dueAt), c.late ? '是' : '否', zh(CASE_MODE_LABELS, c.mode), time(c.repliedAt), c.trips, c.forwards,
      c.rating ?? '',
    ]);
  }
}
