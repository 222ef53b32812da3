import { checkDigitOf } from '@jiceng/contract';

/**
 * Deterministic randomness for the demo county and the bench generator: a seeded PRNG (mulberry32) and
 * realistic Chinese people — names, ID numbers (GB 11643, 湖北宜昌 region codes), mobile numbers.
 * The same seed gives the same people on every machine.
 */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** [0, 1) */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** items with weights: [[item, weight], …] */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

// Surnames by frequency, with the Tujia-area names common around 宜昌 (向、覃、谭、田).
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72], ['李', 70], ['张', 66], ['刘', 54], ['陈', 46], ['杨', 32], ['黄', 24], ['赵', 22], ['吴', 20], ['周', 20],
  ['徐', 16], ['孙', 15], ['马', 13], ['朱', 13], ['胡', 13], ['郭', 12], ['何', 12], ['高', 11], ['林', 10], ['罗', 10],
  ['郑', 9], ['梁', 9], ['谢', 8], ['宋', 8], ['唐', 8], ['许', 7], ['韩', 7], ['冯', 7], ['邓', 7], ['曹', 6],
  ['彭', 6], ['曾', 6], ['肖', 6], ['田', 8], ['董', 5], ['袁', 5], ['潘', 5], ['向', 9], ['覃', 8], ['谭', 7],
  ['熊', 5], ['余', 5], ['杜', 4], ['万', 4], ['龚', 4], ['程', 4], ['付', 4], ['汪', 4], ['望', 3], ['邹', 3],
];
const MALE_OLD = '建国华明德志文学成富贵荣福金春宝军平忠诚光海清林山义长兴发友仁和';
const MALE_YOUNG = '伟强磊军勇杰涛斌超刚辉鹏浩宇昊轩子晨博俊凯文翔锐鑫阳飞宏毅';
const FEMALE_OLD = '秀英兰芳玉梅桂珍凤华翠莲琴云春香桂菊淑素荣花霞美';
const FEMALE_YOUNG = '丽娟敏静燕红艳婷雪琳欣怡雨佳梦思慧萱颖倩晶洁媛璐瑶丹';

export const surname = (rng: Rng) => rng.weighted(SURNAMES);

/** A two-character given name fitting the person's gender and generation (born before 1975 or after). */
export function givenName(rng: Rng, male: boolean, birthYear: number): string {
  const pool = male ? (birthYear < 1975 ? MALE_OLD : MALE_YOUNG) : birthYear < 1975 ? FEMALE_OLD : FEMALE_YOUNG;
  const a = rng.pick([...pool]);
  let b = rng.pick([...pool]);
  if (b === a && rng.chance(0.8)) b = rng.pick([...pool]);
  return a + b;
}

export const personName = (rng: Rng, male: boolean, birthYear: number, family?: string) => (family ?? surname(rng)) + givenName(rng, male, birthYear);

/** 湖北省宜昌市 and its districts and counties (GB/T 2260). */
export const YICHANG_REGIONS = ['420502', '420503', '420504', '420505', '420506', '420525', '420526', '420527', '420528', '420529', '420581', '420582', '420583'] as const;

/** A random day of `year` (days 1–28, so every month works). */
export function dayIn(rng: Rng, year: number, fromMonth = 1, toMonth = 12): string {
  return `${year}-${String(rng.int(fromMonth, toMonth)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
}

/** A valid 18-digit ID number (region, birth date, sequence with the gender parity, GB 11643 check digit), unique within `used`. */
export function idNumber(rng: Rng, region: string, birthDate: string, male: boolean, used: Set<string>): string {
  const born = birthDate.replaceAll('-', '');
  for (;;) {
    const seq = rng.int(0, 498) * 2 + (male ? 1 : 2); // the 17th digit: odd for men, even for women
    const first17 = `${region}${born}${String(seq).padStart(3, '0')}`.slice(0, 17);
    const id = first17 + checkDigitOf(first17);
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '158', '159', '166', '173', '177', '180', '181', '182', '183', '186', '187', '188', '189', '191', '199'];
export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}
