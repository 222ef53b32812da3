// De-identification of text published to the public (GB/T 35273-2020 3.15 去标识化, 《个人信息保护法》第七十三条).
// What residents type is free text: e-mail addresses, phone numbers and ID numbers turn up in it and are replaced
// before anything leaves through a public interface.

const RULES: [RegExp, string][] = [
  // 公民身份号码 (18 digits, the last may be X; the old 15-digit form) — before phones, which are shorter runs of digits
  [/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])|(?<!\d)\d{15}(?!\d)/g, '[证件号已隐去]'],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, '[邮箱已隐去]'],
  // mainland mobiles (optionally +86, with spaces or dashes), landlines with an area code, and any other long digit run
  [/(?:\+?86[\s-]?)?(?<!\d)1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g, '[电话已隐去]'],
  [/(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)/g, '[电话已隐去]'],
  [/(?<!\d)\d{7,}(?!\d)/g, '[号码已隐去]'],
];

/** The text with contact data and ID numbers replaced by a note saying what was removed. */
export function scrubPersonalData(text: string): string {
  let out = text;
  for (const [re, note] of RULES) out = out.replace(re, note);
  return out;
}

/**
 * A coordinate rounded to `decimals` places: 3 decimals of latitude ≈ 110 m, enough to say which street or
 * hamlet, not which door.
 */
export function coarsenCoordinate(value: number | null | undefined, decimals = 3): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
