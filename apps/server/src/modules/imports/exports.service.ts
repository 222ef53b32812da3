// Excel exports of the list pages: the list services page by page, so filters, scope and masking are
// exactly the list's (an unmasked export is audited by the list service, page by page). One audit entry
// per export says who took which rows out.
import {
  BODY_KIND_LABELS, GENDER_LABELS, MEMBER_STATUS_LABELS, PAIRING_KIND_LABELS, PARTNER_KIND_LABELS, POSITION_KIND_LABELS, RELATION_LABELS, VISIT_TAG_LABELS,
  type HouseholdView, type Label, type ListGridsQuery, type ListHouseholdsQuery, type ListMembersQuery, type MemberView,
} from '@jiceng/contract';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { assertExportPurpose } from '../../platform/access/masking.js';
import { listMembers } from '../members/members.service.js';
import { listHouseholds, residentsOfHouseholds } from '../grids/households.service.js';
import { gridsByCode, listGrids } from '../grids/grids.service.js';
import { orgsByCode } from '../orgs/orgs.service.js';
import { IMPORT_COLUMNS, RECORD_ID_COLUMN, RESIDENT_ID_COLUMN } from './imports.columns.js';
import { listBodies, listPairings } from '../bodies/bodies.service.js';
import { writeSheet, type StyledColumn } from './xlsx.js';

/** rows fetched per list call */
const EXPORT_PAGE = 2000;

export type Unpaged<T> = Omit<T, 'page' | 'pageSize'>;
export interface Exported {
  file: Buffer;
  /** ASCII fallback and the Chinese download name */
  fallback: string;
  name: string;
}

const zh = (labels: Record<string, Label>, code: string | null | undefined) => (code ? (labels[code]?.['zh-CN'] ?? code) : '');
const yesNo = (b: boolean) => (b ? '是' : '否');

async function allPages<T>(fetch: (page: number) => Promise<{ items: T[]; total?: number }>, checkTotal?: (total: number) => Promise<void>): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await fetch(page);
    // checked on the first page, before any further (possibly unmasked, audited) page is read
    if (page === 1 && checkTotal) await checkTotal(total ?? items.length);
    out.push(...items);
    if (items.length < EXPORT_PAGE) return out;
  }
}

async function audit(db: Db, actor: Actor, what: string, filters: object, rows: number, purpose?: string) {
  await db.transaction((tx) => appendAudit(tx, byActor(actor, {
    action: `export.${what}`, entity: 'export', orgPath: actor.scope[0] ?? null, detail: { filters, rows, ...(purpose?.trim() ? { purpose: purpose.trim() } : {}) },
  })));
}

// Members, households and grids are exported in the import template's columns (codes where the import needs
// codes, the record's 系统编号) followed by read-only columns for people (names, counts): an export edited in Excel
// goes back through the import in update mode unchanged except for what was edited.

const columnsOf = (kind: 'members' | 'households' | 'grids', readOnly: StyledColumn[]): StyledColumn[] => [
  ...(RECORD_ID_COLUMN[kind] ? [RECORD_ID_COLUMN[kind]] : []),
  ...IMPORT_COLUMNS[kind].filter((c) => c.key !== 'headName'),
  ...(kind === 'households' ? [RESIDENT_ID_COLUMN] : []),
  ...readOnly,
].map((c) => ({ header: c.header, width: c.width, text: 'text' in c ? c.text : undefined }));

/** A masked export says so above its header, and how a re-import treats the masked cells. */
const maskNote = (clear: boolean) => (clear ? [] : [[
  '注意：本表中的身份证号、敏感信息已脱敏（含 * 或 ***）。按“更新已有记录”模式重新导入时，脱敏的单元格保留系统中原有的内容；新增人员请填写完整身份证号。',
]]);

async function codeMaps(db: Db, countyId: string) {
  const orgs = await orgsByCode(db, countyId);
  const grids = await gridsByCode(db, countyId);
  return {
    org: new Map([...orgs].map(([code, o]) => [o.id, code])),
    grid: new Map([...grids].map(([code, g]) => [g.id, code])),
  };
}

const MEMBER_READ_ONLY: StyledColumn[] = [{ header: '所属党组织', width: 30 }, { header: '网格', width: 16 }, { header: '现任职务', width: 24 }, { header: '已归档', width: 8 }];

export async function exportMembers(db: Db, actor: Actor, { purpose, ...q }: Unpaged<ListMembersQuery> & { purpose?: string }): Promise<Exported> {
  const items = await allPages((page) => listMembers(db, actor, { ...q, page, pageSize: EXPORT_PAGE }), (n) => assertExportPurpose(db, actor.countyId, n, purpose));
  const codes = await codeMaps(db, actor.countyId);
  const row = (m: MemberView) => [
    m.id, m.name, zh(GENDER_LABELS, m.gender), m.idNumber ?? '', m.birthDate ?? '', m.phone ?? '', codes.org.get(m.orgId) ?? '',
    m.gridId ? (codes.grid.get(m.gridId) ?? '') : '', zh(MEMBER_STATUS_LABELS, m.status), m.activistOn ?? '', m.admittedOn ?? '', m.fullOn ?? '',
    yesNo(m.floating), m.floatingTo ?? '',
    m.orgName ?? '', m.gridName ?? '', m.positions.filter((p) => p.current).map((p) => zh(POSITION_KIND_LABELS, p.kind)).join('、'), yesNo(m.archived),
  ];
  const clear = q.unmask === true;
  const file = await writeSheet('党员名册', columnsOf('members', MEMBER_READ_ONLY), items.map(row), { preamble: maskNote(clear) });
  await audit(db, actor, 'members', q, items.length, purpose);
  return { file, fallback: 'members.xlsx', name: '党员名册.xlsx' };
}

const HOUSEHOLD_READ_ONLY: StyledColumn[] = [{ header: '所属村(社区)', width: 26 }, { header: '网格', width: 16 }, { header: '家庭人数', width: 10 }, { header: '已归档', width: 8 }];

/** One row per family member; the household's own fields on its first row (edit them there). */
export async function exportHouseholds(db: Db, actor: Actor, { purpose, ...q }: Unpaged<ListHouseholdsQuery> & { purpose?: string }): Promise<Exported> {
  const items = await allPages((page) => listHouseholds(db, actor, { ...q, page, pageSize: EXPORT_PAGE }), (n) => assertExportPurpose(db, actor.countyId, n, purpose));
  const clear = q.unmask === true;
  const members = await residentsOfHouseholds(db, actor.countyId, items.map((h) => h.id), clear);
  const codes = await codeMaps(db, actor.countyId);
  const rows = items.flatMap((h: HouseholdView, n) => (members.get(h.id) ?? []).map((r, i) => [
    h.id, String(n + 1),
    ...(i === 0
      ? [codes.org.get(h.orgId) ?? '', h.gridId ? (codes.grid.get(h.gridId) ?? '') : '', h.address, h.phone ?? '', h.visitTags.map((t) => zh(VISIT_TAG_LABELS, t)).join('、'), h.note ?? '']
      : ['', '', '', '', '', '']),
    r.name, zh(RELATION_LABELS, r.relation), zh(GENDER_LABELS, r.gender), r.birthDate ?? '', r.idNumber ?? '', r.phone ?? '',
    r.disability ?? '', r.health ?? '', r.poverty ?? '', r.id,
    h.orgName ?? '', h.gridName ?? '', h.residentCount, yesNo(h.archived),
  ]));
  const file = await writeSheet('户籍台账', columnsOf('households', HOUSEHOLD_READ_ONLY), rows, { preamble: maskNote(clear) });
  await audit(db, actor, 'households', q, items.length, purpose);
  return { file, fallback: 'households.xlsx', name: '户籍台账.xlsx' };
}

const GRID_READ_ONLY: StyledColumn[] = [
  { header: '所属村(社区)', width: 26 }, { header: '党小组', width: 24 }, { header: '户数', width: 8 }, { header: '户数规模', width: 14 },
  { header: '党员中心户', width: 24 }, { header: '已归档', width: 8 },
];

export async function exportGrids(db: Db, actor: Actor, q: ListGridsQuery): Promise<Exported> {
  const { items, range } = await listGrids(db, actor, q);
  const codes = await codeMaps(db, actor.countyId);
  const size = { ok: '正常', tooFew: `少于 ${range.min} 户`, tooMany: `多于 ${range.max} 户` } as const;
  const file = await writeSheet('网格', columnsOf('grids', GRID_READ_ONLY), items.map((g) => [
    codes.org.get(g.orgId) ?? '', g.name, g.code, g.partyGroupId ? (codes.org.get(g.partyGroupId) ?? '') : '',
    g.orgName ?? '', g.partyGroupName ?? '', g.householdCount, size[g.sizeFlag], g.centralHouseholds.map((c) => c.name).join('、'), yesNo(g.archived),
  ]));
  await audit(db, actor, 'grids', q, items.length);
  return { file, fallback: 'grids.xlsx', name: '网格台账.xlsx' };
}

const BODY_COLUMNS: StyledColumn[] = [
  { header: '所属村(社区)', width: 26 }, { header: '类别', width: 16 }, { header: '名称', width: 30 }, { header: '负责人', width: 10 },
  { header: '负责人电话', width: 14, text: true }, { header: '成员数', width: 8 }, { header: '备注', width: 24 },
];

export async function exportBodies(db: Db, actor: Actor, q: Parameters<typeof listBodies>[2]): Promise<Exported> {
  const items = await listBodies(db, actor, q);
  const file = await writeSheet('131n组织', BODY_COLUMNS, items.map((b) => [
    b.orgName ?? '', zh(BODY_KIND_LABELS, b.kind), b.name, b.leaderName ?? '', b.leaderPhone ?? '', b.memberCount ?? '', b.note ?? '',
  ]));
  await audit(db, actor, 'bodies', q, items.length);
  return { file, fallback: 'bodies.xlsx', name: '131n组织.xlsx' };
}

const PAIRING_COLUMNS: StyledColumn[] = [
  { header: '村(社区)', width: 26 }, { header: '结对类型', width: 12 }, { header: '结对单位类别', width: 12 }, { header: '结对单位', width: 28 },
  { header: '内容', width: 30 }, { header: '开始日期', width: 12 }, { header: '结束日期', width: 12 }, { header: '进行中', width: 8 },
];

export async function exportPairings(db: Db, actor: Actor, q: Parameters<typeof listPairings>[2]): Promise<Exported> {
  const items = await listPairings(db, actor, q);
  const file = await writeSheet('结对共建', PAIRING_COLUMNS, items.map((p) => [
    p.orgName ?? '', zh(PAIRING_KIND_LABELS, p.kind), zh(PARTNER_KIND_LABELS, p.partnerKind), p.partnerName, p.purpose ?? '',
    p.startedOn, p.endedOn ?? '', yesNo(p.current),
  ]));
  await audit(db, actor, 'pairings', q, items.length);
  return { file, fallback: 'pairings.xlsx', name: '结对共建.xlsx' };
}
