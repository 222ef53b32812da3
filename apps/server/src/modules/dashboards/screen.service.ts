// 大屏 (issue 12 part 4): the county meeting room's big screen, opened by a display token (no login). The token
// names its county (`<county id>.<secret>`), only a keyed hash of the secret is stored (as the portal secret), and
// a wrong, expired or revoked token gets one answer (401 screen.token) — no oracle. The figures are the
// statistics' and the services' own (workStatistics, caseStats, whistleStats, listRounds) read by a county-wide
// read-only actor; the events carry org names and kinds only: no person's name, phone, ID, address or free text.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { CreateDisplayTokenInput, DisplayTokenList, DisplayTokenView, IssuedDisplayToken, ScreenData } from '@jiceng/contract';
import { SCREEN_TOKEN_MAX_DAYS } from '@jiceng/contract';
import { rowsOf, type Db, type DbOrTx } from '../../db/client.js';
import { requirePermission, type Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { keyedHash } from '../../platform/crypto/crypto.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { workStatistics } from '../reports/statistics.service.js';
import { caseStats, caseStatsByMonth } from '../cases/cases.stats.js';
import { listRounds } from '../evaluation/evaluation.rounds.service.js';
import { displayTokens } from './dashboards.tables.js';

export const DISPLAY_TOKEN_ENTITY = 'displayToken';
const UUID = /^[0-9a-f]{32}$/;

const secretHash = (countyId: string, secret: string) => keyedHash(countyId, `screen\u0000${secret}`);
const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const compact = (id: string) => id.replaceAll('-', '');
const expand = (h: string) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

type Row = typeof displayTokens.$inferSelect;
function view(r: Row, now = Date.now()): DisplayTokenView {
  return {
    id: r.id, name: r.name, expiresAt: r.expiresAt.toISOString(), revokedAt: iso(r.revokedAt), revokedByName: r.revokedByName,
    lastUsedAt: iso(r.lastUsedAt), createdByName: r.createdByName, createdAt: r.createdAt.toISOString(),
    state: r.revokedAt ? 'revoked' : r.expiresAt.getTime() <= now ? 'expired' : 'active',
  };
}

/** the end of an Asia/Shanghai day */
const endOfDay = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000);

export async function listTokens(db: DbOrTx, actor: Actor): Promise<DisplayTokenList> {
  requirePermission(actor, 'screen.manage');
  const rows = await db.select().from(displayTokens).where(eq(displayTokens.countyId, actor.countyId)).orderBy(desc(displayTokens.createdAt)).limit(200);
  return { items: rows.map((r) => view(r)) };
}

export async function issueToken(db: Db, actor: Actor, input: CreateDisplayTokenInput): Promise<IssuedDisplayToken> {
  requirePermission(actor, 'screen.manage');
  const today = shanghaiToday();
  const last = new Date(Date.parse(`${today}T00:00:00Z`) + SCREEN_TOKEN_MAX_DAYS * 86_400_000).toISOString().slice(0, 10);
  if (input.expiresOn <= today || input.expiresOn > last) throw new AppError('screen.expiry', 422, {}, { expiresOn: 'screen.expiry' });
  const secret = randomBytes(24).toString('base64url');
  const id = uuidv7();
  const row = await db.transaction(async (tx) => {
    const [r] = await tx.insert(displayTokens).values({
      countyId: actor.countyId, id, name: input.name, secretHash: secretHash(actor.countyId, secret), expiresAt: endOfDay(input.expiresOn),
      createdBy: actor.userId, createdByName: actor.displayName,
    }).returning();
    await appendAudit(tx, byActor(actor, { action: 'displayToken.issue', entity: DISPLAY_TOKEN_ENTITY, entityId: id, orgPath: actor.countyPath, detail: { name: input.name, expiresOn: input.expiresOn } }));
    return r!;
  });
  return { token: view(row), secret: `${compact(actor.countyId)}.${secret}` };
}

export async function revokeToken(db: Db, actor: Actor, id: string): Promise<DisplayTokenView> {
  requirePermission(actor, 'screen.manage');
  return db.transaction(async (tx) => {
    const [r] = await tx.select().from(displayTokens).where(and(eq(displayTokens.countyId, actor.countyId), eq(displayTokens.id, id))).for('update');
    if (!r) throw notFound();
    if (r.revokedAt) return view(r);
    const [u] = await tx.update(displayTokens).set({ revokedAt: new Date(), revokedByName: actor.displayName })
      .where(and(eq(displayTokens.countyId, actor.countyId), eq(displayTokens.id, id))).returning();
    await appendAudit(tx, byActor(actor, { action: 'displayToken.revoke', entity: DISPLAY_TOKEN_ENTITY, entityId: id, orgPath: actor.countyPath, detail: { name: r.name } }));
    return view(u!);
  });
}

const badToken = () => new AppError('screen.token', 401);

/** The county of a live token, or the one 401 for every mistake. */
export async function tokenCounty(db: DbOrTx, token: string): Promise<string> {
  const dot = token.indexOf('.');
  const head = dot > 0 ? token.slice(0, dot).toLowerCase() : '';
  const secret = dot > 0 ? token.slice(dot + 1) : '';
  if (!UUID.test(head) || secret.length < 16) throw badToken();
  const countyId = expand(head);
  const hash = secretHash(countyId, secret);
  const [r] = await db.select().from(displayTokens).where(and(eq(displayTokens.countyId, countyId), eq(displayTokens.secretHash, hash)));
  if (!r || !sameHash(r.secretHash, hash) || r.revokedAt || r.expiresAt.getTime() <= Date.now()) throw badToken();
  await db.update(displayTokens).set({ lastUsedAt: new Date() }).where(and(eq(displayTokens.countyId, countyId), eq(displayTokens.id, r.id)));
  return countyId;
}

/** a county-wide read-only actor for the services (as the evaluation's compute uses) */
async function screenActor(db: DbOrTx, countyId: string): Promise<Actor & { countyName: string }> {
  const [root] = rowsOf<{ path: string; name: string }>(await db.execute(sql`select path::text as path, name from orgs where county_id = ${countyId}::uuid and id = ${countyId}::uuid`));
  if (!root) throw badToken();
  return {
    countyId, userId: '00000000-0000-0000-0000-000000000000', username: 'screen', displayName: '大屏', role: 'countyAdmin', orgId: countyId, departmentId: null,
    scope: [root.path], countyPath: root.path, sessionId: 'screen', ip: null, countyName: root.name,
  };
}

const EVENT_TEXT: Record<string, string> = {
  received: '受理群众办件', replied: '办件已答复', closed: '办件已办结', whistle: '吹哨报到', reported: '部门报到',
};

export async function screenData(db: Db, token: string): Promise<ScreenData> {
  const countyId = await tokenCounty(db, token);
  const actor = await screenActor(db, countyId);
  const today = shanghaiToday();
  const year = Number(today.slice(0, 4));
  const month = today.slice(0, 7);
  const [y, m] = await Promise.all([
    workStatistics(db, actor, { period: 'year', date: today }),
    workStatistics(db, actor, { period: 'month', date: today }),
  ]);
  const yearCases = await caseStats(db, actor, { from: `${year}-01-01`, to: today });
  // 办件统计's figures per month of this year, one grouped statement
  const byMonth = await caseStatsByMonth(db, actor, { from: `${year}-01-01`, to: today });
  const trend: ScreenData['trend'] = [];
  for (let i = 1; i <= Number(today.slice(5, 7)); i++) {
    const s = byMonth.get(`${year}-${String(i).padStart(2, '0')}`);
    trend.push({ month: `${i}月`, received: s?.received ?? 0, answered: s?.answered ?? 0, onTimeRate: s?.onTimeRate ?? null });
  }
  const rounds = await listRounds(db, actor, {});
  const round = rounds.items[0];
  const openWhistles = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from whistles where county_id = ${countyId}::uuid and state = 'open'`))[0]!.n;
  const events = rowsOf<{ at: Date | string; kind: string; org: string }>(await db.execute(sql`
    (select e.at, coalesce(e.to_state, e.kind) as kind, o.name as org
       from case_events e
       join cases c on c.county_id = e.county_id and c.id = e.case_id
       join orgs o on o.county_id = c.county_id and o.id = c.org_id
      where e.county_id = ${countyId}::uuid and c.county_id = ${countyId}::uuid and o.county_id = ${countyId}::uuid
        and (e.kind = 'received' or e.to_state in ('replied', 'closed'))
      order by e.at desc limit 12)
    union all
    (select w.created_at as at, 'whistle' as kind, o.name as org
       from whistles w join orgs o on o.county_id = w.county_id and o.id = w.org_id
      where w.county_id = ${countyId}::uuid and o.county_id = ${countyId}::uuid
      order by w.created_at desc limit 6)
    union all
    (select r.reported_at as at, 'reported' as kind, d.name as org
       from whistle_reports r join departments d on d.county_id = r.county_id and d.id = r.department_id
      where r.county_id = ${countyId}::uuid and d.county_id = ${countyId}::uuid and r.reported_at is not null
      order by r.reported_at desc limit 6)
    order by at desc limit 12`));
  return {
    countyName: actor.countyName,
    asOf: new Date().toISOString(),
    year, month,
    cases: {
      year: y.total.received, month: m.total.received, answered: y.total.answered, onTimeRate: y.total.onTimeRate, oneTripRate: y.total.oneTripRate,
      open: yearCases.total.open, overdueOpen: y.total.overdueOpen,
    },
    whistles: { called: y.whistles.called, reported: y.whistles.reported, open: openWhistles, onTimeRate: y.whistles.onTimeRate },
    visits: { year: y.total.visits, month: m.total.visits, householdsVisited: y.total.householdsVisited, households: y.total.households, coverageRate: y.total.coverageRate },
    volunteerHours: y.total.volunteerHours,
    threeOnes: { secretaries: y.threeOnes.secretaries, annualReport: y.threeOnes.annualReport, contactPoint: y.threeOnes.contactPoint, partyLecture: y.threeOnes.partyLecture, allDone: y.threeOnes.allDone },
    evaluation: round ? { title: round.title, year: round.year, published: round.publishedAt !== null, grades: round.progress.grades } : null,
    byTownship: y.rows.filter((r) => r.orgId !== null).map((r) => ({ name: r.name, received: r.received, answered: r.answered, onTimeRate: r.onTimeRate, overdueOpen: r.overdueOpen })),
    trend,
    events: events.map((e) => ({ at: new Date(e.at).toISOString(), kind: e.kind, org: e.org, text: EVENT_TEXT[e.kind] ?? e.kind })),
  };
}
