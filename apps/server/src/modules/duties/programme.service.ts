// “6个100”工程 (篇二 6): the six lines, the county's target of each (its share of the city's 100, set by the county
// admin) and the progress counted from records — never typed:
//   villageAdvisors      villages (the village unit of the position's org) with a current villageAdvisor position
//   cadresStudy          members who attended a fieldStudy course          ┐ a course that started on or after the
//   reserveCadres        members who attended a reserveCadre course        │ line's startsOn (all, without a target)
//   nonPublicSecretaries members who attended a nonPublicSecretary course  ┘ and has ended (before today)
//   firstSecretaries     current firstSecretary positions (one per member)
//   enterprisePairings   active pairings of kind enterpriseVillage
// Scope: every caller sees the county's programme (targets), with the progress counted within their own area
// (a county account: the county). The view says which (countyWide, scopeName).
import { sql, type SQL } from 'drizzle-orm';
import { PROGRAMME_LINES, type ProgrammeItem, type ProgrammeLine, type ProgrammeView, type SetProgrammeTargetsInput } from '@jiceng/contract';
import { rowsOf, type Db, type DbOrTx } from '../../db/client.js';
import { isCountyWide, scopeFilter, type Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { shanghaiToday } from '../../platform/calendar/today.js';

export const PROGRAMME_ENTITY = 'programme';

const COURSE_KIND: Partial<Record<ProgrammeLine, string>> = {
  cadresStudy: 'fieldStudy', reserveCadres: 'reserveCadre', nonPublicSecretaries: 'nonPublicSecretary',
};

type Row = { id: string; name: string; org_name: string; source_ids: string[] | string; since: string | null };
const uuidList = (v: string[] | string): string[] => (Array.isArray(v) ? v : v.replace(/[{}]/g, '').split(',').filter(Boolean));

async function itemsOf(db: DbOrTx, actor: Actor, line: ProgrammeLine, startsOn: string | null, today: string): Promise<ProgrammeItem[]> {
  const c = actor.countyId;
  const current = (t: 'p' | 'pr') => sql`${sql.raw(t)}.started_on <= ${today}::date and (${sql.raw(t)}.ended_on is null or ${sql.raw(t)}.ended_on >= ${today}::date)`;
  let q: SQL;
  let type: ProgrammeItem['type'];
  const kind = COURSE_KIND[line];
  if (kind) {
    type = 'member';
    q = sql`
      select m.id, m.name, o.name as org_name, array_agg(tc.id order by tc.ends_on) as source_ids, min(tc.ends_on)::text as since
        from training_attendances ta
        join training_courses tc on tc.county_id = ${c}::uuid and tc.id = ta.course_id
        join members m on m.county_id = ${c}::uuid and m.id = ta.member_id
        join orgs o on o.county_id = ${c}::uuid and o.id = m.org_id
       where ta.county_id = ${c}::uuid and ta.completed and tc.kind = ${kind} and tc.ends_on < ${today}::date
         ${startsOn ? sql`and tc.starts_on >= ${startsOn}::date` : sql``}
         and ${scopeFilter(actor, sql`ta.member_org_path`)}
       group by m.id, m.name, o.name, m.org_path
       order by m.org_path, m.name`;
  } else if (line === 'villageAdvisors') {
    type = 'org';
    // the village unit: the top village-tier org above (or at) the position's org
    q = sql`
      select u.id, u.name, u.name as org_name, array_agg(p.id order by p.started_on) as source_ids, min(p.started_on)::text as since
        from member_positions p
        join orgs u on u.county_id = ${c}::uuid and u.tier = 'village' and p.org_path <@ u.path
        left join orgs up on up.county_id = ${c}::uuid and up.id = u.parent_id
       where p.county_id = ${c}::uuid and p.kind = 'villageAdvisor' and ${current('p')}
         and (up.id is null or up.tier <> 'village') and ${scopeFilter(actor, sql`p.org_path`)}
       group by u.id, u.name, u.path
       order by u.path`;
  } else if (line === 'firstSecretaries') {
    type = 'member';
    q = sql`
      select m.id, m.name, o.name as org_name, array_agg(p.id order by p.started_on) as source_ids, min(p.started_on)::text as since
        from member_positions p
        join members m on m.county_id = ${c}::uuid and m.id = p.member_id
        join orgs o on o.county_id = ${c}::uuid and o.id = p.org_id
       where p.county_id = ${c}::uuid and p.kind = 'firstSecretary' and ${current('p')} and ${scopeFilter(actor, sql`p.org_path`)}
       group by m.id, m.name, o.name, o.path
       order by o.path, m.name`;
  } else {
    type = 'pairing';
    q = sql`
      select pr.id, pr.partner_name as name, o.name as org_name, array[pr.id] as source_ids, pr.started_on::text as since
        from pairings pr
        join orgs o on o.county_id = ${c}::uuid and o.id = pr.org_id
       where pr.county_id = ${c}::uuid and pr.kind = 'enterpriseVillage' and ${current('pr')} and ${scopeFilter(actor, sql`pr.org_path`)}
       order by o.path, pr.partner_name`;
  }
  return rowsOf<Row>(await db.execute(q)).map((r) => ({ type, id: r.id, name: r.name, orgName: r.org_name, sourceIds: uuidList(r.source_ids), since: r.since }));
}

export async function programme(db: DbOrTx, actor: Actor): Promise<ProgrammeView> {
  const c = actor.countyId;
  const today = shanghaiToday();
  const targets = new Map(rowsOf<{ line: string; target: number; starts_on: string }>(await db.execute(sql`
    select line, target, starts_on::text as starts_on from programme_targets where county_id = ${c}::uuid`)).map((r) => [r.line, r]));
  const [scope] = rowsOf<{ name: string }>(await db.execute(sql`
    select name from orgs where county_id = ${c}::uuid and ${scopeFilter(actor, sql`path`)} order by nlevel(path), path limit 1`));
  const lines = [];
  for (const line of PROGRAMME_LINES) {
    const t = targets.get(line);
    const items = await itemsOf(db, actor, line, t?.starts_on ?? null, today);
    lines.push({
      line, target: t ? Number(t.target) : null, startsOn: t?.starts_on ?? null, progress: items.length,
      rate: t && Number(t.target) > 0 ? Math.round((items.length / Number(t.target)) * 1000) / 1000 : null, items,
    });
  }
  return { asOf: today, scopeName: scope?.name ?? '', countyWide: isCountyWide(actor), lines };
}

/** The county admin sets the county's targets (programme.write); one audit entry with before and after. */
export async function setTargets(db: Db, actor: Actor, input: SetProgrammeTargetsInput): Promise<ProgrammeView> {
  const c = actor.countyId;
  await db.transaction(async (tx) => {
    const before = rowsOf<{ line: string; target: number; starts_on: string }>(await tx.execute(sql`
      select line, target, starts_on::text as starts_on from programme_targets where county_id = ${c}::uuid`));
    for (const t of input.targets) {
      await tx.execute(sql`
        insert into programme_targets (county_id, line, target, starts_on, updated_by, updated_at)
        values (${c}::uuid, ${t.line}, ${t.target}, ${t.startsOn}::date, ${actor.userId}::uuid, now())
        on conflict (county_id, line) do update set target = excluded.target, starts_on = excluded.starts_on, updated_by = excluded.updated_by, updated_at = excluded.updated_at`);
      // (excluded.updated_at, not now(): Citus allows only IMMUTABLE functions in DO UPDATE SET)
    }
    await appendAudit(tx, byActor(actor, {
      action: 'programme.targets', entity: PROGRAMME_ENTITY, entityId: c, orgPath: actor.countyPath,
      detail: { before: Object.fromEntries(before.map((b) => [b.line, { target: b.target, startsOn: b.starts_on }])), after: input.targets },
    }));
  });
  return programme(db, actor);
}
