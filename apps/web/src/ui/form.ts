import type { z } from 'zod';
import { t } from '../i18n';

/** A form field as the `*.data.ts` files describe it; `FormFields.vue` renders it with Element Plus. */
export interface FieldOption {
  value: string;
  label: string;
  disabled?: boolean;
}
export interface TreeOption {
  value: string;
  label: string;
  disabled?: boolean;
  children?: TreeOption[];
}
/** what a field holds: text, a choice, several choices (multiselect), a switch */
export type FieldValue = string | string[] | boolean | undefined;

export interface FieldDef {
  prop: string;
  label: string;
  kind: 'text' | 'password' | 'textarea' | 'date' | 'switch' | 'select' | 'multiselect' | 'treeSelect';
  options?: FieldOption[];
  tree?: TreeOption[];
  placeholder?: string;
  hint?: string;
  /** a live check's finding (e.g. a wrong ID number check digit), shown under the field before submitting */
  warning?: string;
  maxlength?: number;
  required?: boolean;
  disabled?: boolean;
  autocomplete?: string;
  filterable?: boolean;
}

/**
 * Client-side check of a FieldDef form before sending: required fields, and text over its maxlength (FormFields no
 * longer cuts pasted text: the field says it is too long, and this refuses it). The server's `fields` answer covers
 * every other rule.
 */
export function missingRequired(fields: FieldDef[], model: Record<string, unknown>, message: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = model[f.prop];
    if (f.disabled) continue;
    if (f.required && (v === undefined || v === null || (typeof v === 'string' && v.trim() === ''))) out[f.prop] = message;
    else if (f.maxlength && typeof v === 'string' && lengthNote(v, f.maxlength)) out[f.prop] = lengthNote(v, f.maxlength);
  }
  return out;
}

// ---- the contract's bounds, checked in the browser (issue 16 point 12) ----

/** The characters a text field will be saved with (the contract trims) — what its max counts. */
const saved = (v: string) => v.trim().length;

/**
 * Said at the field while typing or after a paste when the text is over the contract's max: nothing is cut
 * silently (no native maxlength), the form refuses to send until it is shortened. '' when it fits.
 */
export function lengthNote(value: unknown, max: number | undefined): string {
  if (!max || typeof value !== 'string') return '';
  const n = saved(value);
  return n > max ? t('form.tooLong', { max, n }) : '';
}

type Shape = Record<string, z.ZodType>;
const unwrap = (s: z.ZodType): z.ZodType => {
  let x = s as z.ZodType & { unwrap?: () => z.ZodType };
  while (typeof x.unwrap === 'function' && (x._zod.def.type === 'optional' || x._zod.def.type === 'nullable')) x = x.unwrap() as typeof x;
  return x;
};

/** A text field's max length as the contract's schema sets it (CreateCaseInput.shape.description → 2000). */
export function maxOf(shape: Shape, prop: string): number | undefined {
  const s = shape[prop];
  if (!s) return undefined;
  const max = (unwrap(s) as { maxLength?: number | null }).maxLength;
  return typeof max === 'number' && Number.isFinite(max) ? max : undefined;
}

/**
 * The fields of `model` checked against the contract's own schema before sending (the same zod the server runs):
 * lengths, formats (a phone with letters), ranges, list sizes. Empty text counts as not given (optional fields are
 * left out of the request). `formats` names what a field's pattern asks (the phone's message). Required-ness and
 * cross-field rules stay with the form's own check.
 */
export function contractErrors(shape: Shape, model: Record<string, unknown>, props: string[], formats: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const prop of props) {
    const schema = shape[prop];
    let v = model[prop];
    if (!schema) continue;
    if (typeof v === 'string') v = v.trim() === '' ? undefined : v;
    if (v === undefined) continue;
    const r = schema.safeParse(v);
    if (r.success) continue;
    const issue = r.error.issues[0]!;
    const code = issue.code as string;
    if (code === 'too_big' && typeof v === 'string') out[prop] = t('form.tooLong', { max: (issue as { maximum: number }).maximum, n: saved(v) });
    else if (code === 'too_big' && Array.isArray(v)) out[prop] = t('form.tooMany', { max: (issue as { maximum: number }).maximum });
    else if (code === 'invalid_format') out[prop] = formats[prop] ?? t('form.badFormat');
    else if (code === 'too_big' || code === 'too_small') out[prop] = t('form.outOfRange');
    else out[prop] = formats[prop] ?? t('form.badFormat');
  }
  return out;
}
