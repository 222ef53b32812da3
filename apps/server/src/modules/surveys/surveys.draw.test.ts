import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate, drawSample, inputHash, sampleStratum, type DrawInput } from './surveys.draw.js';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const hid = (i: number) => `00000000-0000-4000-8000-${hex(i, 12)}`;
const vid = (i: number) => `11111111-0000-4000-8000-${hex(i, 12)}`;

/** strata populations → households, ids unique across strata */
const universeOf = (pops: number[]): DrawInput[] => {
  let n = 0;
  return pops.flatMap((p, s) => Array.from({ length: p }, () => ({ id: hid(n++), stratum: vid(s) })));
};

const pops = fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 8 });
const seedArb = fc.string({ minLength: 1, maxLength: 40 });

describe('survey draw (pure)', () => {
  it('is reproducible: same seed and input → same sample, whatever the input order', () => {
    fc.assert(fc.property(pops, seedArb, fc.integer({ min: 1, max: 100 }), (p, seed, n) => {
      const input = universeOf(p);
      const a = drawSample(seed, input, n);
      const b = drawSample(seed, [...input].reverse(), n);
      expect(b).toEqual(a);
      expect(a.inputHash).toBe(inputHash(input));
    }), { numRuns: 200 });
  });

  it('respects the sample size, draws each household at most once and only from its stratum', () => {
    fc.assert(fc.property(pops, seedArb, fc.integer({ min: 1, max: 500 }), (p, seed, n) => {
      const input = universeOf(p);
      const r = drawSample(seed, input, n);
      expect(r.householdIds.length).toBe(Math.min(n, input.length));
      expect(new Set(r.householdIds).size).toBe(r.householdIds.length);
      const stratumOf = new Map(input.map((h) => [h.id, h.stratum]));
      for (const s of r.strata) {
        expect(r.householdIds.filter((id) => stratumOf.get(id) === s.orgId).length).toBe(s.drawn);
        expect(s.drawn).toBeLessThanOrEqual(s.population);
      }
    }), { numRuns: 200 });
  });

  it('gives every stratum a share within 1 of its proportional quota, and one to every stratum when the sample allows', () => {
    fc.assert(fc.property(pops, fc.integer({ min: 1, max: 500 }), (p, n) => {
      const total = p.reduce((a, b) => a + b, 0);
      const d = allocate(p, n);
      expect(d.reduce((a, b) => a + b, 0)).toBe(Math.min(n, total));
      const quotas = p.map((x) => (Math.min(n, total) * x) / total);
      if (n >= p.length) expect(d.every((x) => x >= 1)).toBe(true);
      // the floor of one is the documented exception: only when some quota is below 1 may others give way
      if (n >= total || quotas.every((q) => q >= 1) || n < p.length) {
        d.forEach((x, i) => expect(Math.abs(x - quotas[i]!)).toBeLessThan(1));
      } else {
        d.forEach((x, i) => { if (quotas[i]! < 1) expect(x).toBe(1); });
      }
    }), { numRuns: 500 });
  });

  it('a draw in one stratum does not depend on the other strata', () => {
    const input = universeOf([10, 20, 30]);
    const a = drawSample('lottery-2026-123', input, 12);
    const b = drawSample('lottery-2026-123', input.filter((h) => h.stratum !== vid(2)).concat(universeOf([10, 20, 30]).filter((h) => h.stratum === vid(2))), 12);
    expect(b.householdIds.filter((id) => input.find((h) => h.id === id)!.stratum === vid(0))).toEqual(
      a.householdIds.filter((id) => input.find((h) => h.id === id)!.stratum === vid(0)));
  });

  it('is uniform within a stratum: 2,000 draws of 3 from 10, chi-square far below the 0.1 % critical value', () => {
    const ids = Array.from({ length: 10 }, (_, i) => hid(i));
    const counts = new Map(ids.map((id) => [id, 0]));
    const runs = 2000;
    for (let s = 0; s < runs; s++) for (const id of sampleStratum(`seed-${s}`, vid(0), ids, 3)) counts.set(id, counts.get(id)! + 1);
    const expected = (runs * 3) / 10;
    const chi2 = [...counts.values()].reduce((a, c) => a + (c - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: P(χ² > 27.88) = 0.001
    expect(chi2).toBeLessThan(27.88);
    for (const c of counts.values()) expect(Math.abs(c - expected) / expected).toBeLessThan(0.12);
  });

  it('gives pairs the same chance too (a partial shuffle, not a window)', () => {
    const ids = Array.from({ length: 5 }, (_, i) => hid(i));
    const pairs = new Map<string, number>();
    const runs = 2000;
    for (let s = 0; s < runs; s++) {
      const key = sampleStratum(`p${s}`, vid(1), ids, 2).sort().join('|');
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    expect(pairs.size).toBe(10);
    const expected = runs / 10;
    const chi2 = [...pairs.values()].reduce((a, c) => a + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(27.88);
  });
});
