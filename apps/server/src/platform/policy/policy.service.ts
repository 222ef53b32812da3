import { and, eq, inArray } from 'drizzle-orm';
import { POLICY_CONSTRAINTS, POLICY_DEFINITIONS, POLICY_KEYS, type PolicyKey, type PolicyView, type UpdatePolicyInput } from '@jiceng/contract';
import type { Db, DbOrTx } from '../../db/client.js';
import { policyOverrides } from './policy.tables.js';
import { appendAudit, byActor } from '../audit/audit.service.js';
import type { Actor } from '../access/access.js';
import { AppError } from '../http/errors.js';

/**
 * Per-process cache of a county's overrides. Writes in this process clear it once they commit, and a generation
 * number keeps a read that began before the write from storing the old values after it; other processes (several
 * servers on one PostgreSQL) see a change within CACHE_MS.
 */
const CACHE_MS = 10_000;
const cache = new Map<string, { at: number; values: Map<string, number> }>();
const generation = new Map<string, number>();

function forget(countyId: string): void {
  generation.set(countyId, (generation.get(countyId) ?? 0) + 1);
  cache.delete(countyId);
}

async function overrides(db: DbOrTx, countyId: string) {
  const hit = cache.get(countyId);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.values;
  const before = generation.get(countyId) ?? 0;
  const rows = await db.select().from(policyOverrides).where(eq(policyOverrides.countyId, countyId));
  const values = new Map(rows.map((r) => [r.key, r.value]));
  if ((generation.get(countyId) ?? 0) === before) cache.set(countyId, { at: Date.now(), values });
  return values;
}

/** The rule in force for a county (its override, else the default). */
export async function policyValue(db: DbOrTx, countyId: string | null, key: PolicyKey): Promise<number> {
  if (countyId === null) return POLICY_DEFINITIONS[key].default;
  return (await overrides(db, countyId)).get(key) ?? POLICY_DEFINITIONS[key].default;
}

export async function getPolicy(db: Db, actor: Actor): Promise<PolicyView> {
  const rows = await db.select().from(policyOverrides).where(eq(policyOverrides.countyId, actor.countyId));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return {
    countyId: actor.countyId,
    entries: POLICY_KEYS.map((key) => {
      const def = POLICY_DEFINITIONS[key];
      const row = byKey.get(key);
      return {
        key,
        value: row?.value ?? def.default,
        default: def.default,
        min: def.min,
        max: def.max,
        overridden: row !== undefined,
        updatedAt: row?.updatedAt.toISOString() ?? null,
        updatedBy: row?.updatedBy ?? null,
      };
    }),
  };
}

export async function updatePolicy(db: Db, actor: Actor, input: UpdatePolicyInput): Promise<PolicyView> {
  const fields: Record<string, 'policy.outOfRange'> = {};
  let range = { min: 0, max: 0 };
  for (const [key, value] of Object.entries(input.values) as [PolicyKey, number | null][]) {
    const def = POLICY_DEFINITIONS[key];
    if (value !== null && (value < def.min || value > def.max)) {
      fields[`values.${key}`] = 'policy.outOfRange';
      range = { min: def.min, max: def.max };
    }
  }
  if (Object.keys(fields).length > 0) throw new AppError('policy.outOfRange', 422, range, fields);

  await db.transaction(async (tx) => {
    const keys = Object.keys(input.values) as PolicyKey[];
    if (keys.length === 0) return;
    // rules across keys (the evaluation's weights) hold on the values in force after this change
    const current = await tx.select().from(policyOverrides).where(eq(policyOverrides.countyId, actor.countyId)).for('update');
    const effective = Object.fromEntries(POLICY_KEYS.map((k) => [k, POLICY_DEFINITIONS[k].default])) as Record<PolicyKey, number>;
    for (const r of current) if (r.key in effective) effective[r.key as PolicyKey] = r.value;
    for (const [key, value] of Object.entries(input.values) as [PolicyKey, number | null][]) effective[key] = value ?? POLICY_DEFINITIONS[key].default;
    const broken = POLICY_CONSTRAINTS.find((c) => !c.holds(effective));
    if (broken) throw new AppError(broken.code, 422, {}, { [`values.${broken.field}`]: broken.code });
    const before = await tx
      .select()
      .from(policyOverrides)
      .where(and(eq(policyOverrides.countyId, actor.countyId), inArray(policyOverrides.key, keys)));
    const old = Object.fromEntries(before.map((r) => [r.key, r.value]));
    for (const [key, value] of Object.entries(input.values) as [PolicyKey, number | null][]) {
      if (value === null) {
        await tx.delete(policyOverrides).where(and(eq(policyOverrides.countyId, actor.countyId), eq(policyOverrides.key, key)));
      } else {
        await tx
          .insert(policyOverrides)
          .values({ countyId: actor.countyId, key, value, updatedBy: actor.userId })
          .onConflictDoUpdate({
            target: [policyOverrides.countyId, policyOverrides.key],
            set: { value, updatedBy: actor.userId, updatedAt: new Date() },
          });
      }
    }
    await appendAudit(tx, byActor(actor, { action: 'policy.update', entity: 'policy', entityId: actor.countyId, detail: { before: old, after: input.values } }));
  });
  forget(actor.countyId);
  return getPolicy(db, actor);
}
