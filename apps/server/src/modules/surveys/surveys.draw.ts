// 三级入户走访 (篇二 9): the random draw itself — pure, seeded and reproducible, so anyone holding the seed and the
// input list can re-derive the sample (`jiceng survey verify <drawId>`).
//
// The rule, step by step (ALGORITHM names this version; change the name when any step changes):
// 1. Input: households as (id, stratum) with stratum = the village (top tier='village' org above the household).
//    Strata are ordered by id; inside a stratum households are ordered by id (plain code-unit order, lowercase uuids).
// 2. Input hash: SHA-256 (hex) of the lines "<householdId> <stratumId>\n", sorted by household id.
// 3. Allocation of the sample size n over the strata (populations N_i, total N):
//    - n ≥ N: everyone is drawn.
//    - else largest remainder (Hamilton): quota q_i = n·N_i/N, each stratum gets ⌊q_i⌋, the seats left go to the
//      largest fractional parts (ties: larger population, then lower stratum id).
//    - floor of one: when n ≥ the number of strata, a stratum whose quota is below 1 gets exactly 1 and the rest of the
//      sample is apportioned (as above) over the other strata; repeated until no remaining quota is below 1.
//    So every stratum is visited when the sample allows; without a floored stratum each share is within 1 of its
//    quota (|d_i − q_i| < 1), and a floored stratum's share (1) is too.
// 4. Within a stratum: a xoshiro128** generator seeded with the first 16 bytes of SHA-256("<seed>:<stratumId>")
//    (four little-endian uint32 words) runs a partial Fisher–Yates shuffle over the sorted ids: for i < d_i,
//    j = i + uniform(N_i − i) (rejection sampling, no modulo bias), swap; the first d_i ids are the sample, in draw
//    order. One generator per stratum: a change in one village does not move the sample of another.
import { createHash } from 'node:crypto';

export const ALGORITHM = 'jiceng-stratified/1: largest remainder (floor 1), xoshiro128** seeded by SHA-256(seed:stratumId), partial Fisher-Yates over sorted ids';

export interface DrawInput {
  id: string;
  stratum: string;
}

export interface StratumResult {
  orgId: string;
  population: number;
  drawn: number;
}

export interface DrawResult {
  householdIds: string[];
  strata: StratumResult[];
  inputHash: string;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function inputHash(input: readonly DrawInput[]): string {
  const lines = [...input].sort((a, b) => byCodeUnit(a.id, b.id)).map((h) => `${h.id} ${h.stratum}\n`);
  return createHash('sha256').update(lines.join('')).digest('hex');
}

/** xoshiro128** (Blackman & Vigna 2018), 32-bit state words. */
export function xoshiro128ss(seedBytes: Uint8Array): () => number {
  const view = new DataView(seedBytes.buffer, seedBytes.byteOffset, 16);
  const s = new Uint32Array([view.getUint32(0, true), view.getUint32(4, true), view.getUint32(8, true), view.getUint32(12, true)]);
  if (s[0] === 0 && s[1] === 0 && s[2] === 0 && s[3] === 0) s[0] = 1; // the all-zero state is a fixed point
  const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
  return () => {
    const result = Math.imul(rotl(Math.imul(s[1]!, 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1]! << 9) >>> 0;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  };
}

/** Uniform integer in [0, m) by rejection sampling (no modulo bias). */
export function uniformBelow(next: () => number, m: number): number {
  const limit = Math.floor(0x1_0000_0000 / m) * m;
  for (;;) {
    const x = next();
    if (x < limit) return x % m;
  }
}

export function streamFor(seed: string, stratum: string): () => number {
  return xoshiro128ss(createHash('sha256').update(`${seed}:${stratum}`, 'utf8').digest());
}

/** Step 3: how many households each stratum gives (same order as `populations`). */
export function allocate(populations: readonly number[], n: number): number[] {
  const total = populations.reduce((a, b) => a + b, 0);
  if (n >= total) return [...populations];
  const k = populations.filter((p) => p > 0).length;
  const floored = new Set<number>();
  for (;;) {
    const rest = populations.map((_, i) => i).filter((i) => populations[i]! > 0 && !floored.has(i));
    const seats = n - floored.size;
    const pop = rest.reduce((a, i) => a + populations[i]!, 0);
    // not all of `rest` can fall below 1 here: n ≥ k means seats ≥ rest.length, and the quotas sum to seats
    const newly = n >= k ? rest.filter((i) => (seats * populations[i]!) / pop < 1) : [];
    if (newly.length > 0) {
      for (const i of newly) floored.add(i);
      continue;
    }
    const out: number[] = populations.map((_, i) => (floored.has(i) ? 1 : 0));
    const quotas = rest.map((i) => ({ i, q: (seats * populations[i]!) / pop }));
    for (const { i, q } of quotas) out[i] = Math.floor(q);
    let remaining = seats - quotas.reduce((a, { q }) => a + Math.floor(q), 0);
    const order = [...quotas].sort((a, b) => (b.q - Math.floor(b.q)) - (a.q - Math.floor(a.q)) || populations[b.i]! - populations[a.i]! || a.i - b.i);
    for (const { i } of order) {
      if (remaining <= 0) break;
      out[i]! += 1;
      remaining -= 1;
    }
    return out;
  }
}

/** Partial Fisher–Yates over the sorted ids: the first `d` of a uniformly random permutation. */
export function sampleStratum(seed: string, stratum: string, ids: readonly string[], d: number): string[] {
  const a = [...ids].sort(byCodeUnit);
  const next = streamFor(seed, stratum);
  for (let i = 0; i < d; i++) {
    const j = i + uniformBelow(next, a.length - i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, d);
}

/** The whole draw (steps 1–4). */
export function drawSample(seed: string, input: readonly DrawInput[], sampleSize: number): DrawResult {
  const byStratum = new Map<string, string[]>();
  for (const h of input) {
    const list = byStratum.get(h.stratum);
    if (list) list.push(h.id);
    else byStratum.set(h.stratum, [h.id]);
  }
  const strata = [...byStratum.keys()].sort(byCodeUnit);
  const drawn = allocate(strata.map((s) => byStratum.get(s)!.length), sampleSize);
  const householdIds: string[] = [];
  strata.forEach((s, i) => householdIds.push(...sampleStratum(seed, s, byStratum.get(s)!, drawn[i]!)));
  return {
    householdIds,
    strata: strata.map((s, i) => ({ orgId: s, population: byStratum.get(s)!.length, drawn: drawn[i]! })),
    inputHash: inputHash(input),
  };
}
