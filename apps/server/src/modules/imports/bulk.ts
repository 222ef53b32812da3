// Bulk writes of prepared rows (imports, the demo seed). On PGlite through COPY … FROM '/dev/blob' (PGlite's
// query option `blob` feeds /dev/blob): one statement per batch, no parameters, and COPY's own fast insert path —
// ≈ 2× a multi-row INSERT on this machine (bench `import`, its floor). On PostgreSQL through multi-row INSERTs of
// `BULK_INSERT_ROWS` rows (drizzle's own, in a batch well under the 65,535 parameters of one statement).
// Values go through each column's own driver mapping (drizzle's mapToDriverValue), so a row written here is the
// row drizzle's insert would write; a column a row leaves out gets its SQL default, evaluated once per batch in the
// transaction (now() is the transaction's time on both paths).
import { SQL, getTableColumns, getTableName, is, sql, type Table } from 'drizzle-orm';
import { PgArray, type PgColumn } from 'drizzle-orm/pg-core';
import { rowsOf, type Tx } from '../../db/client.js';

/** rows per COPY (PGlite) */
export const BULK_COPY_ROWS = 5000;
/** rows per INSERT (PostgreSQL) */
export const BULK_INSERT_ROWS = 1000;

interface PgliteTx {
  query(query: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
}

/** The PGlite transaction under a drizzle transaction, or null on node-postgres. */
function pgliteOf(tx: Tx): PgliteTx | null {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client as { query?: unknown; constructor?: { name?: string } } | undefined;
  if (!client || typeof client.query !== 'function') return null;
  // node-postgres: a PoolClient (has `release`); PGlite's Transaction has `rollback` and `closed`
  return 'rollback' in client && 'closed' in client ? (client as unknown as PgliteTx) : null;
}

/** COPY text format: \N for null, backslash escapes for the characters COPY reads specially. */
function copyText(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return `\\\\x${v.toString('hex')}`;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return /[\\\n\r\t]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') : s;
}

interface Plan {
  keys: string[];
  columns: PgColumn[];
  /** SQL defaults of the columns some row leaves out, evaluated once */
  defaults: Map<string, unknown>;
}

async function plan(tx: Tx, table: Table, rows: Record<string, unknown>[]): Promise<Plan> {
  const all = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(all).filter((k) => rows.some((r) => r[k] !== undefined) || all[k]!.hasDefault);
  const defaults = new Map<string, unknown>();
  const missing = keys.filter((k) => rows.some((r) => r[k] === undefined));
  const sqlDefaults: string[] = [];
  for (const k of missing) {
    const c = all[k]!;
    if (c.defaultFn) continue; // per row, below
    if (is(c.default, SQL)) sqlDefaults.push(k);
    else if (c.default !== undefined) defaults.set(k, c.default);
  }
  if (sqlDefaults.length) {
    // the column's own default expression, as text in the column's type (a text[] default reads back as '{}')
    const list = sql.join(sqlDefaults.map((k, i) => sql`(${all[k]!.default as SQL})::text as ${sql.identifier(`d${i}`)}`), sql`, `);
    const [row] = rowsOf<Record<string, string | null>>(await tx.execute(sql`select ${list}`));
    sqlDefaults.forEach((k, i) => defaults.set(k, { raw: row?.[`d${i}`] ?? null }));
  }
  return { keys, columns: keys.map((k) => all[k]!), defaults };
}

/** The driver's value of one cell: the row's, else the default; `{ raw }` is already in the column's text form. */
function cell(p: Plan, row: Record<string, unknown>, i: number): { raw: unknown } | { value: unknown } {
  const key = p.keys[i]!;
  const c = p.columns[i]!;
  let v = row[key];
  if (v === undefined) {
    if (c.defaultFn) v = c.defaultFn();
    else if (p.defaults.has(key)) {
      const d = p.defaults.get(key);
      if (d && typeof d === 'object' && 'raw' in d) return d as { raw: unknown };
      v = d;
    } else v = null;
  }
  if (v === null || v === undefined) return { value: null };
  if (is(c, PgArray)) return { value: c.mapToDriverValue(v as unknown[]) };
  return { value: c.mapToDriverValue(v) };
}

/**
 * Writes `rows` (drizzle insert shapes of `table`) in the transaction: COPY on PGlite, multi-row INSERT on
 * PostgreSQL. All-or-nothing with the transaction; a constraint violation throws as an INSERT would (23505 …).
 */
export async function bulkInsert<T extends Table>(tx: Tx, table: T, rows: T['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const pglite = pgliteOf(tx);
  if (!pglite) {
    for (let i = 0; i < rows.length; i += BULK_INSERT_ROWS) await tx.insert(table as never).values(rows.slice(i, i + BULK_INSERT_ROWS) as never);
    return;
  }
  const name = getTableName(table);
  const p = await plan(tx, table, rows as Record<string, unknown>[]);
  const statement = `copy "${name}" (${p.columns.map((c) => `"${c.name}"`).join(', ')}) from '/dev/blob'`;
  for (let i = 0; i < rows.length; i += BULK_COPY_ROWS) {
    const lines: string[] = [];
    for (const row of rows.slice(i, i + BULK_COPY_ROWS) as Record<string, unknown>[]) {
      const cells: string[] = [];
      for (let n = 0; n < p.keys.length; n++) {
        const c = cell(p, row, n);
        cells.push('raw' in c ? (c.raw === null ? '\\N' : copyText(c.raw)) : copyText(c.value));
      }
      lines.push(cells.join('\t'));
    }
    lines.push('');
    await pglite.query(statement, [], { blob: new Blob([lines.join('\n')]) });
  }
}

/**
 * Merges the pending lists of the GIN indexes (of `tables`, else all) into the index proper, at the end of a big
 * load. PGlite has no autovacuum, and a plain ANALYZE does not merge them either, so without this every trigram
 * search scans the up to 4 MB pending list row by row: 140–180 ms against 5–15 ms for a name search over 20,000
 * rows here. (A larger pending list or work_mem for the load did not make it faster in a same-run comparison —
 * bench/README.md, issue 14 — and a larger work_mem grows PGlite's WebAssembly memory for good; not done.)
 */
export async function mergePendingGin(tx: Tx, tables?: readonly string[]): Promise<void> {
  const indexes = rowsOf<{ name: string }>(await tx.execute(sql`
    select c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
      join pg_namespace n on n.oid = c.relnamespace join pg_class t on t.oid = i.indrelid
     where a.amname = 'gin' and n.nspname = current_schema()
       and (${tables ? sql`t.relname in (${sql.join(tables.map((x) => sql`${x}`), sql`, `)})` : sql`true`})`));
  for (const { name } of indexes) await tx.execute(sql`select gin_clean_pending_list(${name}::regclass)`);
}

/** Rows a load must reach before its trigram indexes are rebuilt rather than kept (trigramDeferral). */
export const DEFER_INDEX_MIN_ROWS = 20_000;

export interface TrigramDeferral {
  /** counts rows just written; once the load is big enough, drops the trigram indexes for the rest of it */
  wrote(rows: number): Promise<void>;
  /** builds the dropped indexes again (before commit; a rollback restores them with everything else) */
  finish(): Promise<void>;
  readonly deferred: boolean;
}

/**
 * For a big load on PGlite: once the load has written DEFER_INDEX_MIN_ROWS rows and at least as many as `tables`
 * (default: every table with one) held before it, the trigram GIN indexes of `tables` are dropped inside the transaction and built again from
 * their own definitions at `finish`. Building a trigram GIN over all rows at once is ≈ 2 × faster than keeping it
 * up to date row by row once the index outgrows PGlite's 32 MB of shared buffers (300,000 rows of search text
 * here: 13.1 s against 28.2 s; bench/README.md, issue 14); the condition keeps the rebuild over what was already
 * there at most as large as the load itself. Only on PGlite, where the load holds the only connection anyway: on
 * PostgreSQL the DROP would lock every county's readers out of the table for the whole load, and the indexes are
 * kept up to date fast enough there (7.5 s for the same rows).
 */
export async function trigramDeferral(tx: Tx, tables?: readonly string[], minRows = DEFER_INDEX_MIN_ROWS): Promise<TrigramDeferral> {
  if (!pgliteOf(tx)) return { wrote: async () => {}, finish: async () => {}, deferred: false };
  // the trigram indexes of `tables` (else of every table), and the rows their tables hold before the load
  const indexes = rowsOf<{ name: string; def: string; table: string }>(await tx.execute(sql`
    select indexname as name, indexdef as def, tablename as table from pg_indexes
     where schemaname = current_schema() and indexdef like '%gin_trgm_ops%'
       and (${tables ? sql`tablename in (${sql.join(tables.map((x) => sql`${x}`), sql`, `)})` : sql`true`})`));
  let before = 0;
  for (const t of new Set(indexes.map((i) => i.table))) before += rowsOf<{ n: number }>(await tx.execute(sql.raw(`select count(*)::int as n from "${t}"`)))[0]!.n;
  let written = 0;
  let dropped = false;
  return {
    get deferred() {
      return dropped && indexes.length > 0;
    },
    async wrote(rows) {
      written += rows;
      if (dropped || written < minRows || written < before) return;
      dropped = true;
      for (const { name } of indexes) await tx.execute(sql.raw(`drop index "${name}"`));
    },
    async finish() {
      if (dropped) for (const { def } of indexes) await tx.execute(sql.raw(def));
    },
  };
}
