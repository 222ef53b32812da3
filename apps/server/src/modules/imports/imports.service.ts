// Excel imports (F5): all-or-nothing. The register is read as the user made it (any sheet, title rows, merged
// cells, synonyms of the headers, CSV), every check runs on every row against maps loaded once, and only a file
// without a single problem is written — in one transaction with one audit entry. `mode=update` updates the
// records an edited export names and creates the rest; `dryRun` answers the preview and writes nothing. An
// unrecognised column stops the import until the uploader confirms it may be left out.
import type { FieldProblem } from '../../platform/http/errors.js';
import { uuidv7 } from 'uuidv7';
import {
  CreateGridInput, CreateHouseholdInput, CreateMemberInput, CreateOrgInput, VISIT_TAGS, formatMessage, maskIdNumber, maskName,
  type ImportErrorBody, type ImportKind, type ImportMode, type ImportPreview, type Locale, type VisitTag,
} from '@jiceng/contract';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { inScope, type Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { keyedHash } from '../../platform/crypto/crypto.js';
import { AppError } from '../../platform/http/errors.js';
import { orgsByCode, prepareOrg, type OrgRef } from '../orgs/orgs.service.js';
import { gridsByCode, prepareGrid, updateGridRows } from '../grids/grids.service.js';
import {
  householdsForImport, prepareHousehold, takenResidentIdHashes, updateHouseholdRows,
  type HouseholdImportUpdate, type PreparedHousehold, type StoredHousehold,
} from '../grids/households.service.js';
import type { Lookups } from '../grids/grids.lookups.js';
import {
  MEMBER_IMPORT_FIELDS, memberIdNumber, membersForImport, prepareMember, takenMemberIdHashes, updateMemberRows,
  type MemberLookups,
} from '../members/members.service.js';
import { IMPORT_COLUMNS, IMPORT_RULES, IMPORT_TITLES } from './imports.columns.js';
import { ANALYZE_AFTER_ROWS, analyze } from '../../db/statistics.js';

/** the tables an import of each kind writes (analysed after a large one) */
const IMPORT_TABLES: Record<ImportKind, string[]> = { orgs: ['orgs'], members: ['members', 'member_positions'], grids: ['grids'], households: ['households', 'residents'] };
import { openUpload, readUploadSheets, type UploadSource } from './reader.js';
import { bulkInsert, mergePendingGin, trigramDeferral } from './bulk.js';
import { orgs as orgsTable } from '../orgs/orgs.tables.js';
import { grids as gridsTable, households as householdsTable, residents as residentsTable } from '../grids/grids.tables.js';
import { members as membersTable } from '../members/members.tables.js';
import { keepReport } from './reports.js';
import { compact, HEADER_SCAN_ROWS, Sheet, type SheetRow } from './sheet.js';
import { writeSheet } from './xlsx.js';

/** Data rows per file (one county's households fit; bigger sets go in several files). */
export const IMPORT_MAX_ROWS = 200_000;
/** Problems and corrections listed in the JSON answer; the report workbook names every problem. */
export const IMPORT_MAX_LISTED = 1000;

export interface UploadedFile {
  name: string;
  data: Buffer;
}

export interface ImportOptions {
  mode: ImportMode;
  dryRun: boolean;
  ignoreColumns: string[];
}

export type ImportOutcome =
  | { ok: true; imported: number; created: number; updated: number; unchanged: number; preview: ImportPreview }
  | { ok: false; status: 200 | 422; preview: ImportPreview; body?: ImportErrorBody };

interface Checked {
  /** what the answer counts: households for `households`, rows otherwise */
  create: number;
  update: number;
  unchanged: number;
  write(tx: Tx): Promise<void>;
}

type Check = (db: Db, actor: Actor, s: Sheet, mode: ImportMode) => Promise<Checked>;

/** Stands in for an id whose code did not resolve, so the other fields still get checked. */
const unresolved = () => uuidv7();

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

// ——— the four kinds ———

const checkOrgs: Check = async (db, actor, s, mode) => {
  const existing = await orgsByCode(db, actor.countyId);
  const byId = new Map([...existing.values()].map((o) => [o.id, o]));
  const fileCodes = new Map<string, number>(); // code → first row defining it
  for (const r of s.rows) {
    const code = s.code(r, 'code');
    if (code && !fileCodes.has(code)) fileCodes.set(code, r.row);
  }
  const lookups = { org: async (id: string) => byId.get(id) ?? null };
  const rows: (typeof orgsTable.$inferInsert)[] = [];
  let unchanged = 0;
  const defined = new Map<string, OrgRef>(); // codes prepared in this file, so far
  const locate = (r: SheetRow) => (path: string[]) => ({ row: r.row, key: path[0] === 'parentId' ? 'parentCode' : path[0]! });

  for (const r of s.rows) {
    const parentCode = s.code(r, 'parentCode');
    let parentId: string | undefined;
    let refsOk = true;
    if (parentCode) {
      const parent = defined.get(parentCode) ?? existing.get(parentCode);
      if (parent) parentId = parent.id;
      else {
        refsOk = false;
        parentId = unresolved();
        const later = fileCodes.get(parentCode);
        if (later !== undefined && later > r.row) s.addCode(r.row, 'parentCode', 'import.parentLater', { row: later });
        else if (later === undefined) s.addCode(r.row, 'parentCode', 'import.unknownCode', { code: parentCode });
      }
    }
    const code = s.code(r, 'code');
    const input = compact({
      parentId, name: s.text(r, 'name'), code: code || undefined,
      tier: s.choice(r, 'tier'), level: s.choice(r, 'level'), sector: s.choice(r, 'sector'),
    });
    if (code) {
      const first = fileCodes.get(code)!;
      const old = existing.get(code);
      if (first < r.row) s.addCode(r.row, 'code', 'import.duplicateRow', { row: first });
      else if (old && mode === 'create') s.addCode(r.row, 'code', 'org.duplicateCode', { code });
      else if (old) {
        // update mode: an org of the file that exists already is left as it is; moving or renaming is done on the org page
        if (!inScope(actor, old.path)) s.addCode(r.row, 'code', 'auth.outOfScope');
        else if (input.tier && input.tier !== old.tier) s.addCode(r.row, 'tier', 'import.cannotChange', { column: s.headerOf('tier'), current: old.tier });
        else if (input.level && input.level !== old.level) s.addCode(r.row, 'level', 'import.cannotChange', { column: s.headerOf('level'), current: old.level });
        else unchanged++;
        defined.set(code, old);
        continue;
      }
    }
    const parsed = CreateOrgInput.safeParse(input);
    if (!parsed.success) s.addIssues(parsed.error.issues, input, locate(r));
    if (!parsed.success || !refsOk) continue;
    const { row, problems } = await prepareOrg(actor, parsed.data, lookups);
    addProblems(s, problems, locate(r));
    if (row) {
      rows.push(row);
      const ref: OrgRef = { id: row.id, path: row.path, tier: parsed.data.tier, level: parsed.data.level, archived: false };
      byId.set(row.id, ref);
      if (fileCodes.get(parsed.data.code) === r.row) defined.set(parsed.data.code, ref);
    }
  }
  return { create: rows.length, update: 0, unchanged, write: (tx) => bulkInsert(tx, orgsTable, rows) };
};

const checkGrids: Check = async (db, actor, s, mode) => {
  const orgs = await orgsByCode(db, actor.countyId);
  const existing = await gridsByCode(db, actor.countyId);
  const byId = new Map([...orgs.values()].map((o) => [o.id, o]));
  const lookups = { org: async (id: string) => byId.get(id) ?? null };
  const seen = new Map<string, number>();
  const rows: (typeof gridsTable.$inferInsert)[] = [];
  const updates: Parameters<typeof updateGridRows>[2] = [];
  let unchanged = 0;
  const KEYS: Record<string, string> = { orgId: 'orgCode', partyGroupId: 'partyGroupCode' };
  for (const r of s.rows) {
    const locate = (path: string[]) => ({ row: r.row, key: KEYS[path[0]!] ?? path[0]! });
    let refsOk = true;
    const ref = (key: string) => {
      const c = s.code(r, key);
      if (!c) return undefined;
      const o = orgs.get(c);
      if (o) return o.id;
      refsOk = false;
      s.addCode(r.row, key, 'import.unknownCode', { code: c });
      return unresolved();
    };
    const orgId = ref('orgCode');
    const partyGroupId = ref('partyGroupCode');
    const code = s.code(r, 'code');
    const old = code ? existing.get(code) : undefined;
    if (code) {
      const prev = seen.get(code);
      if (prev !== undefined) s.addCode(r.row, 'code', 'import.duplicateRow', { row: prev });
      else if (old && mode === 'create') s.addCode(r.row, 'code', 'grid.duplicateCode', { code });
      if (prev === undefined) seen.set(code, r.row);
    }
    const input = compact({ orgId, name: s.text(r, 'name'), code: code || undefined, partyGroupId });
    const parsed = CreateGridInput.safeParse(input);
    if (!parsed.success) s.addIssues(parsed.error.issues, input, locate);
    if (!parsed.success || !refsOk) continue;
    const { row, problems } = await prepareGrid(actor, parsed.data, lookups, old?.id);
    addProblems(s, problems, locate);
    if (!row) continue;
    if (!old) {
      rows.push(row);
      continue;
    }
    if (mode === 'create') continue;
    if (!inScope(actor, old.orgPath)) {
      s.addCode(r.row, 'code', 'auth.outOfScope');
      continue;
    }
    if (old.orgId !== row.orgId) {
      s.addCode(r.row, 'orgCode', 'import.cannotChange', { column: s.headerOf('orgCode'), current: [...orgs].find(([, o]) => o.id === old.orgId)?.[0] ?? '' });
      continue;
    }
    const changed = !same(old.name, row.name) || !same(old.partyGroupId, row.partyGroupId);
    if (!changed) unchanged++;
    else updates.push({ id: old.id, name: row.name, partyGroupId: row.partyGroupId ?? null, orgPath: row.orgPath, moved: row.orgPath !== old.orgPath });
  }
  return {
    create: rows.length, update: updates.length, unchanged,
    write: async (tx) => {
      await bulkInsert(tx, gridsTable, rows);
      await updateGridRows(tx, actor.countyId, updates);
    },
  };
};

/** ID numbers seen so far in the file (→ first row); a later row with the same one is reported. */
function idSeen(s: Sheet, seen: Map<string, number>, r: SheetRow, id: string | undefined) {
  if (!id) return;
  const prev = seen.get(id);
  if (prev !== undefined) s.addCode(r.row, 'idNumber', 'import.duplicateRow', { row: prev });
  else seen.set(id, r.row);
}

/** A cell present in the file but empty clears the field; a column absent from the file keeps what is stored. */
function field<T>(s: Sheet, key: string, value: T | undefined, stored: T | null | undefined): T | null | undefined {
  if (!s.has(key)) return stored ?? null;
  return value ?? null;
}

const checkMembers: Check = async (db, actor, s, mode) => {
  const orgs = await orgsByCode(db, actor.countyId);
  const grids = await gridsByCode(db, actor.countyId);
  const orgById = new Map([...orgs.values()].map((o) => [o.id, o]));
  const gridById = new Map([...grids.values()].map((g) => [g.id, { id: g.id, orgPath: g.orgPath }]));
  const lookups: MemberLookups = { org: async (id) => orgById.get(id) ?? null, grid: async (id) => gridById.get(id) ?? null };

  // first pass: the cells every later check needs (ID numbers, record ids)
  const ids = s.rows.map((r) => s.idNumber(r));
  const recordIds = s.rows.map((r) => (s.has('recordId') ? s.code(r, 'recordId') : ''));
  const stored = await membersForImport(
    db, actor.countyId,
    recordIds.filter((x) => /^[0-9a-f-]{36}$/i.test(x)),
    ids.flatMap((x) => (x.value ? [keyedHash(actor.countyId, x.value)] : [])),
  );
  const storedById = new Map(stored.map((m) => [m.id, m]));
  const storedByHash = new Map(stored.filter((m) => m.idHash).map((m) => [m.idHash!, m]));

  const seen = new Map<string, number>();
  const seenRecord = new Map<string, number>();
  const rows: (typeof membersTable.$inferInsert)[] = [];
  const updates: Parameters<typeof updateMemberRows>[2] = [];
  const rowOf: number[] = [];
  const updateRowOf: number[] = [];
  let unchanged = 0;
  const KEYS: Record<string, string> = { orgId: 'orgCode', gridId: 'gridCode' };
  for (const [i, r] of s.rows.entries()) {
    const locate = (path: string[]) => ({ row: r.row, key: KEYS[path[0]!] ?? path[0]! });
    let refsOk = true;
    const ref = (key: string, resolve: (c: string) => string | undefined) => {
      const c = s.code(r, key);
      if (!c) return undefined;
      const id = resolve(c);
      if (id) return id;
      refsOk = false;
      s.addCode(r.row, key, 'import.unknownCode', { code: c });
      return unresolved();
    };
    const id = ids[i]!;
    idSeen(s, seen, r, id.value);
    // which stored member this row is: its 系统编号, else its ID number
    const recordId = recordIds[i]!;
    let old = recordId ? storedById.get(recordId) : id.value ? storedByHash.get(keyedHash(actor.countyId, id.value)) : undefined;
    if (recordId) {
      const prev = seenRecord.get(recordId);
      if (prev !== undefined) s.addCode(r.row, 'recordId', 'import.duplicateRow', { row: prev });
      seenRecord.set(recordId, r.row);
      if (!old || !inScope(actor, old.orgPath)) {
        s.addCode(r.row, 'recordId', 'import.unknownRecord', { value: recordId });
        old = undefined;
      }
    }
    if (old && mode === 'create') {
      s.addCode(r.row, recordId ? 'recordId' : 'idNumber', recordId ? 'import.existsCreate' : 'idNumber.duplicate', { what: old.name });
    } else if (old && !inScope(actor, old.orgPath)) s.addCode(r.row, 'idNumber', 'idNumber.duplicate');
    // a masked ID is the stored one when the masks agree (a re-imported masked export); never a new number
    let idNumber = id.value;
    if (id.masked) {
      const storedId = old ? memberIdNumber(old) : null;
      if (storedId && maskIdNumber(storedId) === id.masked) {
        idNumber = storedId;
        s.note(r.row, 'idNumber', 'import.maskedKept');
      } else s.addCode(r.row, 'idNumber', 'import.idNumberMasked');
    }
    const base = old && mode === 'update' ? old : undefined;
    const birth = s.date(r, 'birthDate', { monthOnly: s.dayFromId(idNumber), stored: base?.birthDate });
    const agreed = s.agreeWithId(r, idNumber, birth, s.choice(r, 'gender'));
    const input = compact({
      orgId: s.has('orgCode') || !base ? ref('orgCode', (c) => orgs.get(c)?.id) : base.orgId,
      gridId: s.has('gridCode') || !base ? ref('gridCode', (c) => grids.get(c)?.id) : (base.gridId ?? undefined),
      name: s.text(r, 'name'),
      gender: agreed.gender ?? base?.gender ?? undefined,
      birthDate: agreed.birthDate ?? base?.birthDate ?? undefined,
      phone: field(s, 'phone', s.phone(r, 'phone'), base?.phone) ?? undefined,
      idNumber: (s.has('idNumber') ? idNumber : base ? (memberIdNumber(base) ?? undefined) : undefined),
      status: s.choice(r, 'status'),
      activistOn: field(s, 'activistOn', s.date(r, 'activistOn'), base?.activistOn) ?? undefined,
      admittedOn: field(s, 'admittedOn', s.date(r, 'admittedOn'), base?.admittedOn) ?? undefined,
      fullOn: field(s, 'fullOn', s.date(r, 'fullOn'), base?.fullOn) ?? undefined,
      floating: s.has('floating') ? s.bool(r, 'floating') : base?.floating,
      floatingTo: field(s, 'floatingTo', s.text(r, 'floatingTo'), base?.floatingTo) ?? undefined,
    });
    if (s.hasProblemAt(r.row, 'idNumber')) delete input.idNumber; // said once, in the words above
    const orgRef = input.orgId ? orgById.get(input.orgId) : undefined;
    if (orgRef && !inScope(actor, orgRef.path)) s.addCode(r.row, 'orgCode', 'auth.outOfScope');
    const parsed = CreateMemberInput.safeParse(input);
    if (!parsed.success) s.addIssues(parsed.error.issues, input, locate);
    if (!parsed.success || !refsOk) continue;
    const { row, problems } = await prepareMember(actor, parsed.data, lookups, base?.id);
    addProblems(s, problems, locate);
    if (!row || (old && mode === 'create')) continue;
    if (!base) {
      rows.push(row);
      rowOf.push(r.row);
      continue;
    }
    const changed = MEMBER_IMPORT_FIELDS.some((f) => !same(row[f], base[f]));
    if (changed) {
      updates.push(row);
      updateRowOf.push(r.row);
    } else unchanged++;
  }
  // ID numbers taken by another member: new rows, and updated rows whose number changed
  const check = [...rows.map((m, n) => ({ m, at: rowOf[n]! })), ...updates.map((m, n) => ({ m, at: updateRowOf[n]! }))]
    .filter(({ m }) => m.idHash && !(storedById.get(m.id!)?.idHash === m.idHash));
  const taken = await takenMemberIdHashes(db, actor.countyId, check.map(({ m }) => m.idHash!));
  for (const { m, at } of check) if (taken.has(m.idHash!)) s.addCode(at, 'idNumber', 'idNumber.duplicate');
  return {
    create: rows.length, update: updates.length, unchanged,
    write: async (tx) => {
      await bulkInsert(tx, membersTable, rows);
      await updateMemberRows(tx, actor.countyId, updates);
    },
  };
};

const HOUSEHOLD_KEYS = ['orgCode', 'gridCode', 'address', 'householdPhone', 'visitTags', 'note', 'headName', 'recordId'] as const;
const HOUSEHOLD_FIELD: Record<string, string> = { orgId: 'orgCode', gridId: 'gridCode', phone: 'householdPhone', address: 'address', visitTags: 'visitTags', note: 'note' };
const TAG_KEYS = VISIT_TAGS.map((t) => `tag:${t}`);

/**
 * Which household a row belongs to: by 户编号, else by 系统户号, else by 户主姓名 + 地址, else a new household at each
 * 户主 row (`seq`, stateful: call it on the rows in order). '' for a row without its 户编号 (reported as such).
 */
function householdKeyer(s: Sheet): (r: SheetRow) => string {
  let current: string | null = null;
  return (r) => {
    if (s.has('householdNo')) {
      const no = s.code(r, 'householdNo') || (s.has('recordId') ? s.code(r, 'recordId') : '');
      return no ? `no:${no}` : '';
    }
    if (s.has('recordId') && s.code(r, 'recordId')) return `id:${s.code(r, 'recordId')}`;
    if (s.has('headName')) return `head:${s.get(r, 'headName')}|${s.get(r, 'address')}`;
    // registers without a household number list each family under its head
    if (s.choice(r, 'relation') === 'head' || current === null) current = `seq:${r.row}`;
    return current;
  };
}

/** Rows of one household (householdKeyer); a row without its 户编号 is reported and left out. */
function groupHouseholds(s: Sheet, rows: SheetRow[]): SheetRow[][] {
  const groups = new Map<string, SheetRow[]>();
  const key = householdKeyer(s);
  for (const r of rows) {
    const k = key(r);
    if (!k) {
      s.addCode(r.row, 'householdNo', 'import.required');
      continue;
    }
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.values()];
}

interface HouseholdBatch {
  prepared: PreparedHousehold[];
  updates: HouseholdImportUpdate[];
  unchanged: number;
}

/**
 * The households check, batch by batch: each call gets whole households (their rows) and answers what to write;
 * what must hold across the file (an ID number or 系统户号 twice) is remembered between calls.
 */
async function householdChecker(db: DbOrTx, actor: Actor, s: Sheet, mode: ImportMode): Promise<(batch: SheetRow[]) => Promise<HouseholdBatch>> {
  const orgs = await orgsByCode(db as Db, actor.countyId);
  const grids = await gridsByCode(db as Db, actor.countyId);
  const orgById = new Map([...orgs.values()].map((o) => [o.id, o]));
  const gridById = new Map([...grids.values()].map((g) => [g.id, { id: g.id, orgId: g.orgId, orgPath: g.orgPath }]));
  const lookups: Lookups = { org: async (id) => orgById.get(id) ?? null, grid: async (id) => gridById.get(id) ?? null };
  const useTagColumns = TAG_KEYS.some((k) => s.has(k));
  const seen = new Map<string, number>();
  const seenRecord = new Map<string, number>();

  return async (batch) => {
    const groups = groupHouseholds(s, batch);
    const recordIds = s.has('recordId') ? [...new Set(batch.map((r) => s.code(r, 'recordId')).filter((x) => /^[0-9a-f-]{36}$/i.test(x)))] : [];
    const stored = await householdsForImport(db, actor.countyId, recordIds);
    const ids = new Map(batch.map((r) => [r.row, s.idNumber(r)]));

    const prepared: PreparedHousehold[] = [];
    const residentRows: number[][] = [];
    const updates: HouseholdImportUpdate[] = [];
    const updateRows: number[][] = [];
    let unchanged = 0;
    for (const rows of groups) {
      // household fields may stand on any row of the household; where several rows fill one, they must agree
      const hv: Partial<Record<(typeof HOUSEHOLD_KEYS)[number], { value: string; r: SheetRow }>> = {};
      for (const k of HOUSEHOLD_KEYS) {
        for (const r of rows) {
          const v = k === 'orgCode' || k === 'gridCode' || k === 'recordId' ? s.code(r, k) : s.get(r, k);
          if (!v) continue;
          const firstSeen = hv[k];
          if (!firstSeen) hv[k] = { value: v, r };
          else if (firstSeen.value !== v) s.addCode(r.row, k, 'import.householdMismatch', { row: firstSeen.r.row });
        }
      }
      const at = (k: string) => hv[k as keyof typeof hv]?.r.row ?? rows[0]!.row;
      // 系统户号: the stored household this family updates
      let old: StoredHousehold | undefined;
      const recordId = hv.recordId?.value;
      if (recordId) {
        const prev = seenRecord.get(recordId);
        if (prev !== undefined) s.addCode(at('recordId'), 'recordId', 'import.duplicateRow', { row: prev });
        seenRecord.set(recordId, at('recordId'));
        old = stored.get(recordId);
        if (!old || !inScope(actor, old.household.orgPath)) {
          s.addCode(at('recordId'), 'recordId', 'import.unknownRecord', { value: recordId });
          old = undefined;
        } else if (mode === 'create') {
          s.addCode(at('recordId'), 'recordId', 'import.existsCreate', { what: old.household.address });
        }
      }
      const base = mode === 'update' ? old : undefined;

      let refsOk = true;
      const gridCode = hv.gridCode?.value;
      const grid = gridCode ? grids.get(gridCode) : undefined;
      if (gridCode && !grid) {
        s.addCode(at('gridCode'), 'gridCode', 'import.unknownCode', { code: gridCode });
        refsOk = false;
      }
      const orgCode = hv.orgCode?.value;
      let orgId: string | undefined = grid?.orgId ?? base?.household.orgId;
      if (orgCode) {
        orgId = orgs.get(orgCode)?.id;
        if (!orgId) {
          s.addCode(at('orgCode'), 'orgCode', 'import.unknownCode', { code: orgCode });
          refsOk = false;
        }
      } else if (!grid && !gridCode && !base) {
        s.addCode(rows[0]!.row, 'orgCode', 'import.required');
        refsOk = false;
      }
      // scope first and on its own: a bad cell elsewhere in the family must not hide it
      const orgRef = orgId ? orgById.get(orgId) : undefined;
      if (orgRef && !inScope(actor, orgRef.path)) s.addCode(at(orgCode ? 'orgCode' : 'gridCode'), orgCode ? 'orgCode' : 'gridCode', 'auth.outOfScope');
      if (grid && !inScope(actor, grid.orgPath)) s.addCode(at('gridCode'), 'gridCode', 'auth.outOfScope');
      if (base && orgId && orgId !== base.household.orgId) {
        s.addCode(at('orgCode'), 'orgCode', 'import.cannotChange', { column: s.headerOf('orgCode'), current: [...orgs].find(([, o]) => o.id === base.household.orgId)?.[0] ?? '' });
        refsOk = false;
      }

      // the six tags: one 六访标签 column, or six yes/no columns
      let visitTags: VisitTag[] | undefined = hv.visitTags ? (s.choices(hv.visitTags.r, 'visitTags') as VisitTag[] | undefined) : undefined;
      if (useTagColumns) {
        const yes = new Set<VisitTag>(visitTags ?? []);
        VISIT_TAGS.forEach((t, n) => {
          const key = TAG_KEYS[n]!;
          if (!s.has(key)) return;
          let value: boolean | undefined;
          for (const r of rows) {
            const v = s.bool(r, key);
            if (v === undefined) continue;
            if (value !== undefined && v !== value) s.addCode(r.row, key, 'import.householdMismatch', { row: rows[0]!.row });
            value = v;
          }
          if (value) yes.add(t);
          else if (value === false) yes.delete(t);
        });
        visitTags = [...yes];
      }
      if (base && !s.has('visitTags') && !useTagColumns) visitTags = base.household.visitTags as VisitTag[];

      // residents: every cell checked, then matched to the stored family (ID number, else name)
      const residents = rows.map((r) => {
        const id = ids.get(r.row)!;
        const residentId = s.has('residentId') ? s.code(r, 'residentId') : '';
        const match = base ? matchResident(base, residentId, id.value, id.masked, s.get(r, 'name'), actor.countyId) : undefined;
        if (residentId && base && match?.id !== residentId) s.addCode(r.row, 'residentId', 'import.unknownRecord', { value: residentId });
        let idNumber = id.value;
        if (id.masked) {
          if (match?.idNumber && maskIdNumber(match.idNumber) === id.masked) {
            idNumber = match.idNumber;
            s.note(r.row, 'idNumber', 'import.maskedKept');
          } else s.addCode(r.row, 'idNumber', 'import.idNumberMasked');
        }
        idSeen(s, seen, r, idNumber);
        const birth = s.date(r, 'birthDate', { monthOnly: s.dayFromId(idNumber), stored: match?.birthDate });
        const agreed = s.agreeWithId(r, idNumber, birth, s.choice(r, 'gender'));
        // a masked name (张**, a minor in a masked export) is the stored one
        const name = s.text(r, 'name');
        // 残疾情况 etc.: *** in a masked export keeps what is stored
        const sensitive = (key: 'disability' | 'health' | 'poverty') => {
          const v = s.text(r, key);
          if (v === '***' && match) return match.sensitive[key] ?? undefined;
          return field(s, key, v, match?.sensitive[key]) ?? undefined;
        };
        const input = compact({
          name: name?.includes('*') && match && maskName(match.name) === name ? match.name : name,
          relation: s.choice(r, 'relation'),
          // a birth date or gender once known is not cleared by an empty cell (masked exports leave minors' empty)
          gender: agreed.gender ?? match?.gender ?? undefined,
          birthDate: agreed.birthDate ?? match?.birthDate ?? undefined,
          phone: field(s, 'phone', s.phone(r, 'phone'), match?.phone) ?? undefined,
          idNumber: s.has('idNumber') ? (s.hasProblemAt(r.row, 'idNumber') ? undefined : idNumber) : (match?.idNumber ?? undefined),
          disability: sensitive('disability'), health: sensitive('health'), poverty: sensitive('poverty'),
        });
        return { input, match };
      });
      const headRow = rows.findIndex((r, n) => residents[n]!.input.relation === 'head');
      if (hv.headName && headRow >= 0 && residents[headRow]!.input.name && hv.headName.value !== residents[headRow]!.input.name) {
        s.addCode(at('headName'), 'headName', 'import.headMismatch', { value: hv.headName.value, head: residents[headRow]!.input.name });
      }
      const input = compact({
        orgId: orgId ?? unresolved(),
        gridId: grid?.id ?? (gridCode ? unresolved() : s.has('gridCode') || !base ? undefined : (base.household.gridId ?? undefined)),
        address: hv.address?.value,
        phone: field(s, 'householdPhone', hv.householdPhone ? s.phone(hv.householdPhone.r, 'householdPhone') : undefined, base?.household.phone) ?? undefined,
        visitTags,
        note: field(s, 'note', hv.note?.value, base?.household.note) ?? undefined,
        residents: residents.map((x) => x.input),
      });
      const locate = (path: string[]) => {
        if (path[0] === 'residents') {
          const n = Number(path[1]);
          if (path.length >= 3 && rows[n]) return { row: rows[n].row, key: path[2]! };
          return { row: rows[0]!.row, key: 'relation' }; // the household as a whole: 每户有且只有一名户主, at most 30
        }
        const key = HOUSEHOLD_FIELD[path[0]!] ?? 'householdNo';
        return { row: at(key), key };
      };
      const parsed = CreateHouseholdInput.safeParse(input);
      if (!parsed.success) s.addIssues(parsed.error.issues, input, locate);
      if (!parsed.success || !refsOk) continue;
      const { prepared: p, problems } = await prepareHousehold(actor, parsed.data, lookups);
      addProblems(s, problems, locate);
      if (!p || (old && mode === 'create')) continue;
      if (!base) {
        prepared.push(p);
        residentRows.push(rows.map((r) => r.row));
        continue;
      }
      // update: keep the stored ids; compare what an import may change
      const h = { ...p.household, id: base.household.id, orgId: base.household.orgId };
      const hChanged = !same(h.address, base.household.address) || !same(h.phone, base.household.phone) || !same(h.gridId, base.household.gridId)
        || !same(h.note, base.household.note) || !same(h.orgPath, base.household.orgPath) || !same(h.headName, base.household.headName)
        || [...h.visitTags!].sort().join() !== [...base.household.visitTags].sort().join();
      const change: HouseholdImportUpdate = { household: h, update: [], insert: [] };
      p.residents.forEach((row, n) => {
        const m = residents[n]!.match;
        const next = { ...row, householdId: base.household.id, orgPath: h.orgPath };
        if (!m) {
          change.insert.push(next);
          return;
        }
        const sensitiveSame = JSON.stringify(normSensitive(m.sensitive)) === JSON.stringify(normSensitive(residents[n]!.input));
        const rChanged = !same(row.name, m.name) || !same(row.relation, m.relation) || !same(row.gender, m.gender) || !same(row.birthDate, m.birthDate)
          || !same(row.phone, m.phone) || !same(row.idHash, m.idHash) || !same(row.isHead, m.isHead) || !sensitiveSame;
        if (rChanged) change.update.push({ ...next, id: m.id });
      });
      const untouched = base.residents.filter((r) => !residents.some((x) => x.match?.id === r.id));
      if (untouched.some((r) => r.isHead) && p.residents.some((r) => r.isHead)) s.addCode(rows[0]!.row, 'relation', 'household.needsHead');
      if (hChanged || change.update.length || change.insert.length) {
        updates.push(change);
        updateRows.push(rows.map((r) => r.row));
      } else unchanged++;
    }

    // ID numbers taken by another resident of the county (a matched resident keeps its own number)
    const owners = new Map<string, string>();
    for (const h of stored.values()) for (const r of h.residents) if (r.idHash) owners.set(r.idHash, r.id);
    const check: { hash: string; id: string; at: number }[] = [];
    prepared.forEach((p, i) => p.residents.forEach((r, j) => r.idHash && check.push({ hash: r.idHash, id: r.id!, at: residentRows[i]![j]! })));
    updates.forEach((u, i) => [...u.update, ...u.insert].forEach((r) => r.idHash && check.push({ hash: r.idHash, id: r.id!, at: updateRows[i]![0]! })));
    const taken = await takenResidentIdHashes(db, actor.countyId, check.map((c) => c.hash));
    for (const c of check) if (taken.has(c.hash) && owners.get(c.hash) !== c.id) s.addCode(c.at, 'idNumber', 'idNumber.duplicate');
    return { prepared, updates, unchanged };
  };
}

const checkHouseholds: Check = async (db, actor, s, mode) => {
  const b = await (await householdChecker(db, actor, s, mode))(s.rows);
  return {
    create: b.prepared.length, update: b.updates.length, unchanged: b.unchanged,
    write: async (tx) => {
      await writeHouseholds(tx, b.prepared);
      await updateHouseholdRows(tx, actor.countyId, b.updates);
    },
  };
};

/** New households and then their residents (the foreign key), by COPY on PGlite. */
async function writeHouseholds(tx: Tx, prepared: PreparedHousehold[]): Promise<void> {
  await bulkInsert(tx, householdsTable, prepared.map((p) => p.household));
  await bulkInsert(tx, residentsTable, prepared.flatMap((p) => p.residents));
}

const normSensitive = (x: { disability?: string | null; health?: string | null; poverty?: string | null }) => ({
  disability: x.disability ?? null, health: x.health ?? null, poverty: x.poverty ?? null,
});

/** The stored family member a row stands for: the same ID number (or mask), else the only one of that name. */
function matchResident(h: StoredHousehold, residentId: string, id: string | undefined, masked: string | undefined, name: string, countyId: string) {
  if (residentId) return h.residents.find((r) => r.id === residentId);
  if (id) {
    const hash = keyedHash(countyId, id);
    const hit = h.residents.find((r) => r.idHash === hash);
    if (hit) return hit;
  }
  if (masked) {
    const hit = h.residents.find((r) => r.idNumber && maskIdNumber(r.idNumber) === masked && r.name === name);
    if (hit) return hit;
  }
  const named = h.residents.filter((r) => r.name === name || (name.includes('*') && maskName(r.name) === name));
  return named.length === 1 ? named[0] : undefined;
}

function addProblems(s: Sheet, problems: FieldProblem[], locate: (path: string[]) => { row: number; key: string }) {
  for (const p of problems) {
    const at = locate(p.field.split('.'));
    s.addCode(at.row, at.key, p.code, p.params);
  }
}

const CHECKS: Record<ImportKind, Check> = { orgs: checkOrgs, members: checkMembers, grids: checkGrids, households: checkHouseholds };

// ——— the run ———

export async function runImport(db: Db, actor: Actor, kind: ImportKind, file: UploadedFile, locale: Locale, opts: ImportOptions): Promise<ImportOutcome> {
  if (kind === 'households') return runHouseholdsStreaming(db, actor, file, locale, opts);
  const sheets = await readUploadSheets(file.name, file.data, IMPORT_MAX_ROWS);
  const s = new Sheet(kind, sheets, locale);
  if (s.rows.length === 0) throw new AppError('import.empty', 422);
  if (s.rows.length > IMPORT_MAX_ROWS) throw new AppError('import.tooLarge', 413, { max: IMPORT_MAX_ROWS });
  const checked = await CHECKS[kind](db, actor, s, opts.mode);
  const unconfirmed = s.unconfirmed(opts.ignoreColumns);
  const reportId = s.hasProblems ? await report(s, actor, kind, Math.max(s.header.length, ...s.rows.map((r) => r.cells.length)), s.rows) : null;
  const all = s.list();
  const warnings = s.warnings();
  const preview: ImportPreview = {
    kind, mode: opts.mode, sheet: s.sheetName, headerRow: s.headerRow, columns: s.columnViews, unconfirmedColumns: unconfirmed,
    rows: s.rows.length, create: checked.create, update: checked.update, unchanged: checked.unchanged,
    warnings: warnings.slice(0, IMPORT_MAX_LISTED), warningCount: warnings.length,
    errors: all.slice(0, IMPORT_MAX_LISTED), errorCount: all.length,
    reportUrl: reportId ? `/api/imports/reports/${reportId}.xlsx` : null,
  };
  if (opts.dryRun) return { ok: false, status: 200, preview };
  if (all.length) {
    return {
      ok: false, status: 422, preview,
      body: { error: { code: 'import.invalid', message: formatMessage('import.invalid', locale, { count: all.length }), rows: preview.errors, reportUrl: preview.reportUrl, preview } },
    };
  }
  if (unconfirmed.length) {
    return {
      ok: false, status: 422, preview,
      body: {
        error: {
          code: 'import.unknownColumns', rows: [], reportUrl: null, columns: unconfirmed, preview,
          message: formatMessage('import.unknownColumns', locale, { count: unconfirmed.length, columns: unconfirmed.map((c) => `“${c}”`).join('、') }),
        },
      },
    };
  }
  const rowCount = s.rows.length;
  s.release();
  sheets.length = 0;
  try {
    await db.transaction(async (tx) => {
      await checked.write(tx);
      await appendAudit(tx, byActor(actor, {
        action: `import.${kind}`, entity: 'import', orgPath: actor.scope[0] ?? null,
        detail: {
          kind, mode: opts.mode, rows: rowCount, created: checked.create, updated: checked.update, unchanged: checked.unchanged,
          file: file.name, sheet: s.sheetName, ignoredColumns: opts.ignoreColumns,
        },
      }));
    });
  } catch (err) {
    // another import took a code or an ID number between the check and the write
    if ((err as { code?: string }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505') {
      throw new AppError(kind === 'orgs' ? 'org.duplicateCode' : kind === 'grids' ? 'grid.duplicateCode' : 'idNumber.duplicate', 409, { code: '' });
    }
    throw err;
  }
  // a large load changes the tables' sizes by orders of magnitude: let the planner know (PGlite never does by itself)
  if (rowCount >= ANALYZE_AFTER_ROWS) await analyze(db, IMPORT_TABLES[kind]);
  return { ok: true, imported: checked.create + checked.update, created: checked.create, updated: checked.update, unchanged: checked.unchanged, preview };
}

/** Rows checked and written per batch of a streamed import (whole households: a batch ends between two). */
export const IMPORT_BATCH_ROWS = 5000;
let batchRows = IMPORT_BATCH_ROWS;
/** Tests: small batches, so a file of a few hundred rows crosses many batch boundaries. */
export function setImportBatchRows(n: number): void {
  batchRows = n;
}

class Rollback extends Error {}

/**
 * The households register, streamed: the rows of the chosen sheet are read one at a time, checked and written
 * in batches of whole households (IMPORT_BATCH_ROWS rows) inside ONE transaction, so memory stays flat however
 * long the file is. Every row is checked to the end even after a problem (every bad row is reported); once a
 * problem is found nothing more is written and the transaction rolls back: nothing of the file lands. The rows
 * of one household must stand together (a 户编号 coming back after other households is reported, 
 * import.householdApart) — within one batch they may be apart, as before.
 * On PGlite the check runs in the transaction too (one connection): other requests wait for the import.
 */
async function runHouseholdsStreaming(db: Db, actor: Actor, file: UploadedFile, locale: Locale, opts: ImportOptions): Promise<ImportOutcome> {
  const kind = 'households' as const;
  const source = await openUpload(file.name, file.data, IMPORT_MAX_ROWS, HEADER_SCAN_ROWS);
  const s = new Sheet(kind, source.heads, locale);
  const typed = new Set<number>();
  let rowCount = 0;
  let width = s.header.length;
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  let unconfirmed: string[] = [];
  const ignored = s.unconfirmed(opts.ignoreColumns).length > 0; // known from the header already: nothing is written
  try {
    await db.transaction(async (tx) => {
      const check = await householdChecker(tx, actor, s, opts.mode);
      const indexes = await trigramDeferral(tx, IMPORT_TABLES[kind]);
      const key = householdKeyer(s);
      const closed = new Map<string, number>(); // households of earlier batches → their first row
      let batch: SheetRow[] = [];
      let open = new Map<string, number>();
      let last: string | null = null;
      const flush = async () => {
        const b = await check(batch);
        created += b.prepared.length;
        updated += b.updates.length;
        unchanged += b.unchanged;
        if (!opts.dryRun && !ignored && !s.hasProblems) {
          await writeHouseholds(tx, b.prepared);
          await updateHouseholdRows(tx, actor.countyId, b.updates);
          await indexes.wrote(b.prepared.reduce((n, p) => n + 1 + p.residents.length, 0));
        }
        for (const [k, row] of open) closed.set(k, row);
        batch = [];
        open = new Map();
      };
      for await (const r of source.rows(s.sheetIndex)) {
        if (!s.isData(r)) continue;
        rowCount++;
        width = Math.max(width, r.cells.length);
        r.cells.forEach((c, i) => c && typed.add(i));
        const k = key(r);
        const apart = k ? closed.get(k) : undefined;
        if (apart !== undefined) {
          s.addCode(r.row, s.has('householdNo') ? 'householdNo' : 'headName', 'import.householdApart', { row: apart });
          continue;
        }
        if (batch.length >= batchRows && k !== last) await flush();
        batch.push(r);
        if (k && !open.has(k)) open.set(k, r.row);
        last = k;
      }
      if (batch.length) await flush();
      if (rowCount === 0) throw new AppError('import.empty', 422);
      s.columnViews = s.viewColumns((i) => typed.has(i));
      unconfirmed = s.unconfirmed(opts.ignoreColumns);
      if (opts.dryRun || s.hasProblems || unconfirmed.length) throw new Rollback();
      // trigram indexes dropped for a big load are built again; else their pending entries are merged once, not
      // searched row by row afterwards (bulk.ts)
      if (indexes.deferred) await indexes.finish();
      else await mergePendingGin(tx, IMPORT_TABLES[kind]);
      await appendAudit(tx, byActor(actor, {
        action: `import.${kind}`, entity: 'import', orgPath: actor.scope[0] ?? null,
        detail: {
          kind, mode: opts.mode, rows: rowCount, created, updated, unchanged,
          file: file.name, sheet: s.sheetName, ignoredColumns: opts.ignoreColumns,
        },
      }));
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw duplicateError(kind, err);
  }
  const all = s.list();
  const warnings = s.warnings();
  const reportId = s.hasProblems ? await report(s, actor, kind, width, dataRows(source, s)) : null;
  const preview: ImportPreview = {
    kind, mode: opts.mode, sheet: s.sheetName, headerRow: s.headerRow, columns: s.columnViews, unconfirmedColumns: unconfirmed,
    rows: rowCount, create: created, update: updated, unchanged,
    warnings: warnings.slice(0, IMPORT_MAX_LISTED), warningCount: warnings.length,
    errors: all.slice(0, IMPORT_MAX_LISTED), errorCount: all.length,
    reportUrl: reportId ? `/api/imports/reports/${reportId}.xlsx` : null,
  };
  const refused = refusal(preview, opts, locale, all.length, unconfirmed);
  if (refused) return refused;
  if (rowCount >= ANALYZE_AFTER_ROWS) await analyze(db, IMPORT_TABLES[kind]);
  return { ok: true, imported: created + updated, created, updated, unchanged, preview };
}

/** The data rows of the chosen sheet again (for the error report). */
async function* dataRows(source: UploadSource, s: Sheet): AsyncGenerator<SheetRow> {
  for await (const r of source.rows(s.sheetIndex)) if (s.isData(r)) yield r;
}

/** The answer when nothing was imported: the preview (dry run), every problem, or the columns to confirm. */
function refusal(preview: ImportPreview, opts: ImportOptions, locale: Locale, problems: number, unconfirmed: string[]): ImportOutcome | null {
  if (opts.dryRun) return { ok: false, status: 200, preview };
  if (problems) {
    return {
      ok: false, status: 422, preview,
      body: { error: { code: 'import.invalid', message: formatMessage('import.invalid', locale, { count: problems }), rows: preview.errors, reportUrl: preview.reportUrl, preview } },
    };
  }
  if (unconfirmed.length) {
    return {
      ok: false, status: 422, preview,
      body: {
        error: {
          code: 'import.unknownColumns', rows: [], reportUrl: null, columns: unconfirmed, preview,
          message: formatMessage('import.unknownColumns', locale, { count: unconfirmed.length, columns: unconfirmed.map((c) => `“${c}”`).join('、') }),
        },
      },
    };
  }
  return null;
}

/** another import took a code or an ID number between the check and the write */
function duplicateError(kind: ImportKind, err: unknown): unknown {
  if ((err as { code?: string }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505') {
    return new AppError(kind === 'orgs' ? 'org.duplicateCode' : kind === 'grids' ? 'grid.duplicateCode' : 'idNumber.duplicate', 409, { code: '' });
  }
  return err;
}

/**
 * The uploaded rows again at their own row numbers (title rows above, blank rows kept), bad cells in red and a
 * 错误说明 column; kept for the uploader (see reports.ts).
 */
async function report(s: Sheet, actor: Actor, kind: ImportKind, width: number, rows: Iterable<SheetRow> | AsyncIterable<SheetRow>): Promise<string> {
  const errorHeader = s.locale === 'en' ? 'Errors' : '错误说明';
  const header = [...s.header];
  while (header.length < width) header.push('');
  const preamble: string[][] = [];
  for (let n = 1; n < s.headerRow; n++) preamble.push(s.above.find((r) => r.row === n)?.cells ?? []);
  const headerProblems = s.rowReport(s.headerRow);
  const file = await writeSheet(
    IMPORT_TITLES[kind].replace('模板', ''),
    [...header.map((h) => ({ header: h, text: true })), { header: headerProblems ? `${errorHeader}（表头：${headerProblems.text}）` : errorHeader, width: 60 }],
    (async function* () {
      // row n of the report is row n of the upload: rows that are not data (blank, a repeated header) stay blank
      let n = s.headerRow + 1;
      for await (const r of rows) {
        for (; n < r.row; n++) yield [];
        const cells = r.cells.slice(0, width);
        while (cells.length < width) cells.push('');
        yield [...cells, s.rowReport(r.row)?.text ?? ''];
        n = r.row + 1;
      }
    })(),
    {
      preamble,
      bad: (i) => {
        const rep = s.rowReport(s.headerRow + 1 + i);
        return rep ? [...rep.bad, width] : undefined;
      },
      errorColumn: width,
    },
  );
  return keepReport(actor.userId, file, `${IMPORT_TITLES[kind].replace('模板', '')}错误清单.xlsx`);
}

// ——— templates ———

export async function importTemplate(kind: ImportKind): Promise<{ file: Buffer; name: string }> {
  const columns = IMPORT_COLUMNS[kind];
  const help: string[][] = [['列名', '是否必填', '填写说明', '可选值', '示例']];
  for (const c of columns) {
    const values = c.choices ? Object.values(c.choices).map((l) => l['zh-CN']).join('、') : '';
    help.push([c.header, c.required ? '必填' : '选填', c.note, values, c.example]);
  }
  help.push([], ['导入规则']);
  for (const rule of [
    '第 1 行是表头，请勿修改列名；从第 2 行起每行一条记录，空行会被跳过。不要在“导入数据”表里留示例行。',
    '全部行都正确才会导入；只要有一处错误，就不导入任何数据，并列出每个错误的行号、列名和原因，可下载标出错误的 Excel 修改后重新导入。',
    `单个文件最多 ${IMPORT_MAX_ROWS.toLocaleString('en-US')} 行数据。编码须在您的管辖范围内。`,
    ...IMPORT_RULES[kind],
  ]) help.push([rule]);
  const file = await writeSheet('导入数据', columns.map((c) => ({ header: c.header, width: c.width, text: c.text })), [], {
    extraSheets: [{ name: '填写说明', rows: help, widths: [18, 10, 60, 40, 22] }],
    dropdowns: columns.flatMap((c, i) => (c.choices && !c.multi ? [{ column: i, values: Object.values(c.choices).map((l) => l['zh-CN']) }] : [])),
  });
  return { file, name: `${IMPORT_TITLES[kind]}.xlsx` };
}
