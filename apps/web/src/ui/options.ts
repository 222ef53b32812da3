import type { Label } from '@jiceng/contract';
import { label } from '../i18n';
import type { FieldOption } from './form';

/** Select options from a contract enum and its labels, in the current language. */
export const labelOptions = <K extends string>(keys: readonly K[], labels: Record<K, Label>): FieldOption[] =>
  keys.map((k) => ({ value: k, label: label(labels[k]) }));

/** '' and undefined become null: what PATCH bodies send to clear a field. */
export const orNull = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
