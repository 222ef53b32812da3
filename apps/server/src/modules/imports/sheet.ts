// One uploaded sheet under check: cell access by column key, value parsing, and the problems found,
// each pinned to an Excel row and a template column.
import {
  fieldMessages, formatMessage, type ErrorCode, type ImportRowError, type IssueLike, type Label, type Locale,
} from '@jiceng/contract';
import type { ImportColumn } from './imports.columns.js';
import type { SheetRow } from './xlsx.js';

/** Full-width brackets, spaces and required-marks do not make a different header. */
export const normalizeHeader = (h: string) =>
  h.replace(/（/g, '(').replace(/）/g, ')').replace(/[\s*＊]/g, '').replace(/\(必填\)$/, '');

const SEPARATORS = /[、,，;；\s]+/;

export class Sheet {
  /** column key → cell position in the uploaded file */
  readonly pos = new Map<string, number>();
  /** Excel row → column key → reason (the first reason for a cell wins) */
  private readonly problems = new Map<number, Map<string, string>>();
  private count = 0;

  constructor(
    readonly columns: ImportColumn[],
    readonly header: string[],
    readonly rows: SheetRow[],
    readonly locale: Locale,
  ) {
    const wanted = new Map(columns.map((c) => [normalizeHeader(c.header), c.key]));
    header.forEach((h, i) => {
      const key = wanted.get(normalizeHeader(h));
      if (key && !this.pos.has(key)) this.pos.set(key, i);
    });
  }

  /** Required columns absent from the header row: reported on row 1. */
  checkHeader(): boolean {
    for (const c of this.columns) if (c.required && !this.pos.has(c.key)) this.addCode(1, c.key, 'import.missingColumn', { column: c.header });
    return this.count === 0;
  }

  get hasProblems() {
    return this.count > 0;
  }

  get(r: SheetRow, key: string): string {
    const i = this.pos.get(key);
    return i === undefined ? '' : (r.cells[i] ?? '');
  }

  add(row: number, key: string, reason: string) {
    let m = this.problems.get(row);
    if (!m) this.problems.set(row, (m = new Map()));
    if (m.has(key)) return;
    m.set(key, reason);
    this.count++;
  }

  addCode(row: number, key: string, code: ErrorCode, params: Record<string, string | number> = {}) {
    this.add(row, key, formatMessage(code, this.locale, params));
  }

  /** Zod issues of an input built from rows; `locate` turns an issue path into a row and a column. */
  addIssues(issues: readonly IssueLike[], input: unknown, locate: (path: string[]) => { row: number; key: string }) {
    const messages = fieldMessages(issues, this.locale, (path) => valueAt(input, path) === undefined);
    for (const [path, message] of Object.entries(messages)) {
      const at = locate(path.split('.'));
      this.add(at.row, at.key, message);
    }
  }

  text(r: SheetRow, key: string): string | undefined {
    return this.get(r, key) || undefined;
  }

  private label(labels: Record<string, Label>, v: string): string | undefined {
    const needle = normalizeHeader(v).toLowerCase();
    for (const [code, l] of Object.entries(labels)) {
      if (code.toLowerCase() === needle || normalizeHeader(l['zh-CN']).toLowerCase() === needle || l.en.toLowerCase() === needle) return code;
    }
    return undefined;
  }

  private allowed(labels: Record<string, Label>) {
    return Object.values(labels).map((l) => l[this.locale]).join(this.locale === 'en' ? ', ' : '、');
  }

  /** The code of a label (Chinese, English or the code itself); a problem when it is none of them. */
  choice(r: SheetRow, key: string): string | undefined {
    const v = this.get(r, key);
    if (!v) return undefined;
    const labels = this.columns.find((c) => c.key === key)!.choices!;
    const code = this.label(labels, v);
    if (code === undefined) this.addCode(r.row, key, 'import.choice', { value: v, values: this.allowed(labels) });
    return code;
  }

  choices(r: SheetRow, key: string): string[] | undefined {
    const v = this.get(r, key);
    if (!v) return undefined;
    const labels = this.columns.find((c) => c.key === key)!.choices!;
    const out: string[] = [];
    for (const part of v.split(SEPARATORS).filter(Boolean)) {
      const code = this.label(labels, part);
      if (code === undefined) this.addCode(r.row, key, 'import.choice', { value: part, values: this.allowed(labels) });
      else out.push(code);
    }
    return out;
  }

  bool(r: SheetRow, key: string): boolean | undefined {
    const v = this.get(r, key);
    if (!v) return undefined;
    if (/^(是|y|yes|true|1)$/i.test(v)) return true;
    if (/^(否|n|no|false|0)$/i.test(v)) return false;
    this.addCode(r.row, key, 'import.choice', { value: v, values: this.locale === 'en' ? 'Yes, No' : '是、否' });
    return undefined;
  }

  /** 2020-7-1, 2020/07/01, 2020.7.1, 2020年7月1日, 20200701 → 2020-07-01; anything else is left for zod to name. */
  date(r: SheetRow, key: string): string | undefined {
    const v = this.get(r, key);
    if (!v) return undefined;
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v);
    return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : v;
  }

  /** Every problem, ordered by row and template column. */
  list(): ImportRowError[] {
    const order = new Map(this.columns.map((c, i) => [c.key, i]));
    const out: ImportRowError[] = [];
    for (const row of [...this.problems.keys()].sort((a, b) => a - b)) {
      const cells = [...this.problems.get(row)!].sort((a, b) => (order.get(a[0]) ?? 99) - (order.get(b[0]) ?? 99));
      for (const [key, reason] of cells) out.push({ row, column: this.headerOf(key), reason });
    }
    return out;
  }

  headerOf(key: string): string {
    return this.columns.find((c) => c.key === key)?.header ?? key;
  }

  /** For the report: problems of one Excel row (column positions to paint, and the text). */
  rowReport(row: number): { bad: number[]; text: string } | undefined {
    const m = this.problems.get(row);
    if (!m) return undefined;
    const bad: number[] = [];
    const parts: string[] = [];
    for (const [key, reason] of m) {
      const i = this.pos.get(key);
      if (i !== undefined) bad.push(i);
      parts.push(`${this.headerOf(key)}：${reason}`);
    }
    return { bad, text: parts.join('；') };
  }
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** Drops undefined keys so that "missing" means missing for the messages. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
