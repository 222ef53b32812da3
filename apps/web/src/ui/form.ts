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

/** Client-side check for required fields only; the server's `fields` answer covers every other rule. */
export function missingRequired(fields: FieldDef[], model: Record<string, unknown>, message: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = model[f.prop];
    if (f.required && !f.disabled && (v === undefined || v === null || (typeof v === 'string' && v.trim() === ''))) out[f.prop] = message;
  }
  return out;
}
