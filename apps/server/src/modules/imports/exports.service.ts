// Excel exports of the list pages: the list services page by page, so filters, scope and masking are
// exactly the list's (an unmasked export is audited by the list service, page by page). One audit entry
// per export says who took which rows out.
import {
  BODY_KIND_LABELS, GENDER_LABELS, MEMBER_STATUS_LABELS, PAIRING_KIND_LABELS, PARTNER_KIND_LABELS, POSITION_KIND_LABELS, VISIT_TAG_LABELS,
  type HouseholdView, type Label, type ListGridsQuery, type ListHouseholdsQuery, type ListMembersQuery, type MemberView,
} from '@jiceng/contract';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { listMembers } from '../members/members.service.js';
import { listHouseholds } from '../grids/households.service.js';
import { listGrids } from '../grids/grids.service.js';
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

async function allPages<T>(fetch: (page: number) => Promise<{ items: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const { items } = await fetch(page);
    out.push(...items);
    if (items.length < EXPORT_PAGE) return out;
  }
}

async function audit(db: Db, actor: Actor, what: string, filters: object, rows: number) {
  await db.transaction((tx) => appendAudit(tx, byActor(actor, {
    action: `export.${what}`, entity: 'export', orgPath: actor.scope[0] ?? null, detail: { filters, rows },
  })));
}

const MEMBER_COLUMNS: StyledColumn[] = [
  { header: '姓名', width: 10 }, { header: '性别', width: 6 }, { header: '身份证号', width: 22, text: true }, { header: '出生日期', width: 12 },
  { header: '联系电话', width: 14, text: true }, { header: '所属党组织', width: 30 }, { header: '网格', width: 16 }, { header: '党员状态', width: 12 },
  { header: '确定积极分子日期', width: 16 }, { header: '接收预备党员日期', width: 16 }, { header: '转正日期', width: 12 },
  { header: '是否流动党员', width: 12 }, { header: '流动去向', width: 20 }, { header: '现任职务', width: 24 }, { header: '已归档', width: 8 },
];

const memberRow = (m: MemberView) => [
  m.name, zh(GENDER_LABELS, m.gender), m.idNumber ?? '', m.birthDate ?? '', m.phone ?? '', m.orgName ?? '', m.gridName ?? '',
  zh(MEMBER_STATUS_LABELS, m.status), m.activistOn ?? '', m.admittedOn ?? '', m.fullOn ?? '', yesNo(m.floating), m.floatingTo ?? '',
  m.positions.filter((p) => p.current).map((p) => zh(POSITION_KIND_LABELS, p.kind)).join('、'), yesNo(m.archived),
];

export async function exportMembers(db: Db, actor: Actor, q: Unpaged<ListMembersQuery>): Promise<Exported> {
  const items = await allPages((page) => listMembers(db, actor, { ...q, page, pageSize: EXPORT_PAGE }));
  const file = await writeSheet('党员名册', MEMBER_COLUMNS, items.map(memberRow));
  await audit(db, actor, 'members', q, items.length);
  return { file, fallback: 'members.xlsx', name: '党员名册.xlsx' };
}

const HOUSEHOLD_COLUMNS: StyledColumn[] = [
  { header: '户主', width: 10 }, { header: '地址', width: 30 }, { header: '所属村(社区)', width: 26 }, { header: '网格', width: 16 },
  { header: '户联系电话', width: 14, text: true }, { header: '六访标签', width: 24 }, { header: '家庭人数', width: 10 },
  { header: '备注', width: 24 }, { header: '已归档', width: 8 },
];

const householdRow = (h: HouseholdView) => [
  h.headName, h.address, h.orgName ?? '', h.gridName ?? '', h.phone ?? '', h.visitTags.map((t) => zh(VISIT_TAG_LABELS, t)).join('、'),
  h.residentCount, h.note ?? '', yesNo(h.archived),
];

export async function exportHouseholds(db: Db, actor: Actor, q: Unpaged<ListHouseholdsQuery>): Promise<Exported> {
  const items = await allPages((page) => listHouseholds(db, actor, { ...q, page, pageSize: EXPORT_PAGE }));
  const file = await writeSheet('户籍台账', HOUSEHOLD_COLUMNS, items.map(householdRow));
  await audit(db, actor, 'households', q, items.length);
  return { file, fallback: 'households.xlsx', name: '户籍台账.xlsx' };
}

const GRID_COLUMNS: StyledColumn[] = [
  { header: '网格名称', width: 20 }, { header: '网格编码', width: 16, text: true }, { header: '所属村(社区)', width: 26 },
  { header: '党小组', width: 24 }, { header: '户数', width: 8 }, { header: '户数规模', width: 14 }, { header: '党员中心户', width: 24 },
  { header: '已归档', width: 8 },
];

export async function exportGrids(db: Db, actor: Actor, q: ListGridsQuery): Promise<Exported> {
  const { items, range } = await listGrids(db, actor, q);
  const size = { ok: '正常', tooFew: `少于 ${range.min} 户`, tooMany: `多于 ${range.max} 户` } as const;
  const file = await writeSheet('网格', GRID_COLUMNS, items.map((g) => [
    g.name, g.code, g.orgName ?? '', g.partyGroupName ?? '', g.householdCount, size[g.sizeFlag],
    g.centralHouseholds.map((c) => c.name).join('、'), yesNo(g.archived),
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
