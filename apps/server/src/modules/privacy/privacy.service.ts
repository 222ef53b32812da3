// 个人信息保护审计 (PIPL 第五十四条): reports over the county's audit chain for the county admin — the unmask
// report (who saw whom in clear, when, why), the log of bulk exports of personal data with their purpose, and
// one person's access history (who looked at this household / member, masked or in clear, and who changed it).
import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type {
  AccessHistory, AccessHistoryQuery, ExportLog, PrivacyPerson, PrivacyReportQuery, PrivacySubject, UnmaskReport,
} from '@jiceng/contract';
import type { Db } from '../../db/client.js';
import { auditLog } from '../../platform/audit/audit.tables.js';
import type { Actor } from '../../platform/access/access.js';
import { notFound } from '../../platform/http/errors.js';
import { householdNames } from '../grids/households.service.js';
import { memberNames } from '../members/members.service.js';

/** Exports whose rows are people (their audit entries are the bulk-export log). */
const PERSONAL_EXPORTS = ['export.members', 'export.households', 'export.cases'];
const PEOPLE_SHOWN = 20;

type Row = typeof auditLog.$inferSelect;

function rangeConds(actor: Actor, q: { from?: string; to?: string; before?: number }): SQL[] {
  const conds: SQL[] = [eq(auditLog.countyId, actor.countyId)];
  if (q.from) conds.push(sql`${auditLog.at} >= (${q.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (q.to) conds.push(sql`${auditLog.at} < ((${q.to}::date) + 1)::timestamp at time zone 'Asia/Shanghai'`);
  if (q.before) conds.push(lt(auditLog.seq, q.before));
  return conds;
}

async function page(db: Db, conds: SQL[], limit: number): Promise<{ rows: Row[]; nextBefore: number | null }> {
  const rows = await db.select().from(auditLog).where(and(...conds)).orderBy(desc(auditLog.seq)).limit(limit + 1);
  return { rows: rows.slice(0, limit), nextBefore: rows.length > limit ? rows[limit - 1]!.seq : null };
}

const idsOf = (r: Row): string[] => {
  const ids = (r.detail as { ids?: unknown }).ids;
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : r.entityId ? [r.entityId] : [];
};
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

async function namesOf(db: Db, countyId: string, entity: PrivacySubject, ids: string[]): Promise<Map<string, string>> {
  return entity === 'household' ? householdNames(db, countyId, ids) : memberNames(db, countyId, ids);
}

export async function unmaskReport(db: Db, actor: Actor, q: PrivacyReportQuery): Promise<UnmaskReport> {
  const { rows, nextBefore } = await page(db, [...rangeConds(actor, q), eq(auditLog.action, 'resident.unmask')], q.limit);
  const wanted: Record<PrivacySubject, Set<string>> = { household: new Set(), member: new Set() };
  for (const r of rows) if (r.entity === 'household' || r.entity === 'member') for (const id of idsOf(r).slice(0, PEOPLE_SHOWN)) wanted[r.entity].add(id);
  const names = {
    household: await namesOf(db, actor.countyId, 'household', [...wanted.household]),
    member: await namesOf(db, actor.countyId, 'member', [...wanted.member]),
  };
  return {
    items: rows.map((r) => {
      const entity = r.entity as PrivacySubject;
      const people: PrivacyPerson[] = idsOf(r).slice(0, PEOPLE_SHOWN).map((id) => ({ entity, id, name: names[entity]?.get(id) ?? null }));
      return {
        seq: r.seq, at: r.at.toISOString(), actorId: r.actorId, actorName: r.actorName, ip: r.ip,
        reason: text((r.detail as { reason?: unknown }).reason), count: Number((r.detail as { count?: unknown }).count ?? people.length), people,
      };
    }),
    nextBefore,
  };
}

export async function exportLog(db: Db, actor: Actor, q: PrivacyReportQuery): Promise<ExportLog> {
  const { rows, nextBefore } = await page(db, [...rangeConds(actor, q), inArray(auditLog.action, PERSONAL_EXPORTS)], q.limit);
  return {
    items: rows.map((r) => {
      const d = r.detail as { rows?: unknown; purpose?: unknown; filters?: Record<string, unknown> };
      const filters = d.filters ?? {};
      return {
        seq: r.seq, at: r.at.toISOString(), actorId: r.actorId, actorName: r.actorName, ip: r.ip, action: r.action,
        rows: typeof d.rows === 'number' ? d.rows : null, purpose: text(d.purpose), clear: filters.unmask === true, filters,
      };
    }),
    nextBefore,
  };
}

export async function accessHistory(db: Db, actor: Actor, q: AccessHistoryQuery): Promise<AccessHistory> {
  const name = (await namesOf(db, actor.countyId, q.entity, [q.id])).get(q.id);
  if (name === undefined) throw notFound();
  // the person's own entries, and list pages shown in clear that named them (detail.ids)
  const mine = sql`${auditLog.entity} = ${q.entity} and (${auditLog.entityId} = ${q.id} or ${auditLog.detail} -> 'ids' ? ${q.id})`;
  const { rows, nextBefore } = await page(db, [...rangeConds(actor, q), mine], q.limit);
  return {
    person: { entity: q.entity, id: q.id, name },
    items: rows.map((r) => ({
      seq: r.seq, at: r.at.toISOString(), actorId: r.actorId, actorName: r.actorName, ip: r.ip, action: r.action,
      reason: text((r.detail as { reason?: unknown }).reason),
    })),
    nextBefore,
  };
}
