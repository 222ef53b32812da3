// Periodic jobs that several server processes may run at once: each run takes a transaction-level advisory
// lock named after the job, so only one process does the work per tick (the others skip), and the jobs are
// written so that a second run changes nothing (marks are set once, inserts are keyed). Works the same on
// PGlite (one process) and PostgreSQL (many).
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { rowsOf } from '../../db/client.js';

/** Runs `fn` in one transaction if no other process holds the job's lock; null when skipped. */
export async function withJobLock<T>(db: Db, job: string, fn: (tx: Tx) => Promise<T>): Promise<T | null> {
  return db.transaction(async (tx) => {
    const [r] = rowsOf<{ ok: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(hashtextextended(${`job:${job}`}, 11)) as ok`));
    if (!r?.ok) return null;
    return fn(tx);
  });
}

export interface JobHandle {
  stop(): void;
}

/**
 * Every `everyMs`, run the job (never overlapping itself in this process); errors are logged, not thrown. The first
 * run is at once unless `immediately: false`.
 */
export function schedule(name: string, everyMs: number, run: () => Promise<unknown>, log: (msg: string, err?: unknown) => void, opts: { immediately?: boolean } = {}): JobHandle {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await run();
    } catch (err) {
      log(`job ${name} failed`, err);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  if (opts.immediately ?? true) void tick();
  return { stop: () => clearInterval(timer) };
}
