// `jiceng citus distribute` (issue 13): makes the schema a Citus one — REFERENCE_TABLES replicated to every node,
// DISTRIBUTED_TABLES distributed by county_id and colocated with `orgs`, parents before children (their foreign keys
// need the parent distributed first). Idempotent: tables Citus already knows are left as they are, so it is re-run
// after a migration that adds a table. On a database that holds data, each table's rows are copied into its shards
// and the coordinator's local copy is emptied afterwards (audit_log's append-only trigger is bypassed for that one
// local TRUNCATE, with session_replication_role = replica; the shards keep their triggers).
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from './client.js';
import { DISTRIBUTED_TABLES, REFERENCE_TABLES } from './schema.js';

/** Tables with triggers: Citus distributes them only with citus.enable_unsafe_triggers on. */
const TRIGGER_TABLES = new Set(['audit_log']);

export interface DistributeResult {
  reference: string[];
  distributed: string[];
  already: string[];
  /** tables whose existing rows were moved into their shards */
  moved: string[];
}

export class CitusError extends Error {}

/** Tenant tables in an order where every foreign key's target comes first. */
export function distributionOrder(tables: readonly string[], fks: { from: string; to: string }[]): string[] {
  const set = new Set(tables);
  const out: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: string) => {
    if (state.get(t) === 'done') return;
    if (state.get(t) === 'visiting') throw new CitusError(`foreign keys form a cycle through ${t}`);
    state.set(t, 'visiting');
    for (const fk of fks) if (fk.from === t && fk.to !== t && set.has(fk.to)) visit(fk.to);
    state.set(t, 'done');
    out.push(t);
  };
  // orgs first: every other table is colocated with it
  for (const t of ['orgs', ...tables]) if (set.has(t)) visit(t);
  return out;
}

export async function distribute(db: Db, log: (line: string) => void = () => {}): Promise<DistributeResult> {
  const [ext] = rowsOf<{ v: string }>(await db.execute(sql`select extversion as v from pg_extension where extname = 'citus'`));
  if (!ext) {
    throw new CitusError('the citus extension is missing in this database: as superuser run CREATE EXTENSION citus; on the coordinator '
      + "(shared_preload_libraries = 'citus' on every node), add the workers with citus_add_node(), then run this again");
  }
  const tables = rowsOf<{ t: string }>(await db.execute(sql`
    select table_name::text as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`)).map((r) => r.t);
  const reference = REFERENCE_TABLES as readonly string[];
  const listed = DISTRIBUTED_TABLES as readonly string[];
  const unlisted = tables.filter((t) => !reference.includes(t) && !listed.includes(t));
  if (unlisted.length) {
    throw new CitusError(`table(s) ${unlisted.join(', ')} are in neither DISTRIBUTED_TABLES nor REFERENCE_TABLES (db/schema.ts): say how they are distributed`);
  }
  const missing = [...reference, ...listed].filter((t) => !tables.includes(t));
  if (missing.length) throw new CitusError(`table(s) ${missing.join(', ')} listed in db/schema.ts do not exist: run the migrations first`);

  const known = new Set(rowsOf<{ t: string }>(await db.execute(sql`
    select logicalrelid::regclass::text as t from pg_dist_partition`)).map((r) => r.t.replace(/^public\./, '').replace(/"/g, '')));
  const fks = rowsOf<{ from: string; to: string }>(await db.execute(sql`
    select c.conrelid::regclass::text as "from", c.confrelid::regclass::text as "to"
      from pg_constraint c join pg_namespace n on n.oid = c.connamespace
     where c.contype = 'f' and n.nspname = 'public'`));
  const result: DistributeResult = { reference: [], distributed: [], already: [], moved: [] };
  const hasRows = async (t: string) => rowsOf<{ x: boolean }>(await db.execute(sql.raw(`select exists (select 1 from only "${t}") as x`)))[0]!.x;

  for (const t of reference) {
    if (known.has(t)) { result.already.push(t); continue; }
    const moved = await hasRows(t);
    await db.execute(sql`select create_reference_table(${t})`);
    if (moved) result.moved.push(t);
    result.reference.push(t);
    log(`reference   ${t}${moved ? ' (rows copied)' : ''}`);
  }
  for (const t of distributionOrder(listed, fks)) {
    if (known.has(t)) { result.already.push(t); continue; }
    const moved = await hasRows(t);
    await db.transaction(async (tx) => {
      if (TRIGGER_TABLES.has(t)) await tx.execute(sql`set local citus.enable_unsafe_triggers = on`);
      await tx.execute(t === 'orgs'
        ? sql`select create_distributed_table('orgs', 'county_id')`
        : sql`select create_distributed_table(${t}, 'county_id', colocate_with => 'orgs')`);
    });
    if (moved) result.moved.push(t);
    result.distributed.push(t);
    log(`distributed ${t}${moved ? ' (rows copied into the shards)' : ''}`);
  }
  // the coordinator keeps a local copy of rows that were there before: empty it once every table is distributed
  // (children first); audit_log refuses TRUNCATE by trigger — replica mode skips ordinary triggers for that statement
  for (const t of [...result.moved].reverse()) {
    await db.transaction(async (tx) => {
      if (TRIGGER_TABLES.has(t)) await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`select truncate_local_data_after_distributing_table(${t})`);
    });
    log(`local copy of ${t} emptied`);
  }
  return result;
}
