import type { Locale } from './enums.js';
import { DATE_BOUNDS, DATE_ISSUES } from './dates.constants.js';
import { TEXT_ISSUES } from './text.constants.js';

/** The parts of a zod issue the messages need (kept structural so the web can use it too). */
export interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  values?: unknown[];
  keys?: string[];
  format?: string;
  expected?: string;
}

const T = {
  required: { 'zh-CN': '必填', en: 'is required' },
  unknownField: { 'zh-CN': '不允许的字段', en: 'is not an allowed field' },
  type: { 'zh-CN': '类型不正确，应为{expected}', en: 'must be a {expected}' },
  strMin: { 'zh-CN': '至少 {n} 个字符', en: 'needs at least {n} characters' },
  strMax: { 'zh-CN': '最多 {n} 个字符', en: 'may have at most {n} characters' },
  numMin: { 'zh-CN': '不能小于 {n}', en: 'must be at least {n}' },
  numMax: { 'zh-CN': '不能大于 {n}', en: 'must be at most {n}' },
  oneOf: { 'zh-CN': '取值必须是以下之一：{values}', en: 'must be one of: {values}' },
  uuid: { 'zh-CN': '不是有效的编号', en: 'is not a valid id' },
  date: { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'must be a date YYYY-MM-DD' },
  pattern: { 'zh-CN': '格式不正确', en: 'has the wrong format' },
  invalid: { 'zh-CN': '取值无效', en: 'is invalid' },
  dateRange: { 'zh-CN': '日期须在 {min} 至 {max} 之间', en: 'must be a date from {min} to {max}' },
  dateOrder: { 'zh-CN': '开始日期不能晚于结束日期', en: 'must not be after the end date (to)' },
  unsafeText: { 'zh-CN': '含有不允许的字符（空字符、控制字符或无效编码）', en: 'contains characters that are not allowed (NUL, control characters or invalid encoding)' },
  cursor: { 'zh-CN': '分页游标无效，请从第一页重新查询', en: 'is not a valid page cursor: start again from the first page' },
} as const;

/** Refinements (custom issues) whose message is one of these keys get their own text. */
const CUSTOM: Record<string, { key: keyof typeof T; params: Record<string, string> }> = {
  [DATE_ISSUES.range]: { key: 'dateRange', params: { min: DATE_BOUNDS.min, max: DATE_BOUNDS.max } },
  [DATE_ISSUES.birthRange]: { key: 'dateRange', params: { min: DATE_BOUNDS.birthMin, max: DATE_BOUNDS.max } },
  [DATE_ISSUES.order]: { key: 'dateOrder', params: {} },
  [TEXT_ISSUES.unsafe]: { key: 'unsafeText', params: {} },
  [TEXT_ISSUES.cursor]: { key: 'cursor', params: {} },
};

const TYPE_NAMES: Record<string, Record<Locale, string>> = {
  string: { 'zh-CN': '文本', en: 'string' },
  number: { 'zh-CN': '数字', en: 'number' },
  boolean: { 'zh-CN': '是/否', en: 'boolean' },
  object: { 'zh-CN': '对象', en: 'object' },
  array: { 'zh-CN': '列表', en: 'list' },
};

function fill(s: string, p: Record<string, string | number>) {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(p[k] ?? ''));
}

/**
 * Turns validation issues into `{ field path: message }` in the caller's language.
 * `isMissing(path)` says whether the input had nothing at that path (→ "required").
 */
export function fieldMessages(
  issues: readonly IssueLike[],
  locale: Locale,
  isMissing: (path: PropertyKey[]) => boolean = () => false,
): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (path: PropertyKey[], msg: string) => {
    const key = path.map(String).join('.') || '_';
    out[key] ??= msg;
  };
  for (const i of issues) {
    const t = (k: keyof typeof T, p: Record<string, string | number> = {}) => fill(T[k][locale], p);
    switch (i.code) {
      case 'unrecognized_keys':
        for (const k of i.keys ?? []) put([...i.path, k], t('unknownField'));
        break;
      case 'invalid_type':
        put(i.path, isMissing(i.path) ? t('required') : t('type', { expected: TYPE_NAMES[i.expected ?? '']?.[locale] ?? i.expected ?? '' }));
        break;
      case 'too_small':
        put(i.path, i.origin === 'string' ? (Number(i.minimum) === 1 ? t('required') : t('strMin', { n: Number(i.minimum) })) : t('numMin', { n: Number(i.minimum) }));
        break;
      case 'too_big':
        put(i.path, i.origin === 'string' ? t('strMax', { n: Number(i.maximum) }) : t('numMax', { n: Number(i.maximum) }));
        break;
      case 'invalid_value':
        put(i.path, t('oneOf', { values: (i.values ?? []).map(String).join(locale === 'en' ? ', ' : '、') }));
        break;
      case 'invalid_format':
        put(i.path, i.format === 'uuid' ? t('uuid') : i.format === 'date' ? t('date') : t('pattern'));
        break;
      case 'custom': {
        const c = CUSTOM[i.message];
        put(i.path, c ? t(c.key, c.params) : t('invalid'));
        break;
      }
      default:
        put(i.path, t('invalid'));
    }
  }
  return out;
}
