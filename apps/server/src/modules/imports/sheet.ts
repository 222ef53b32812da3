// One uploaded register under check: where its header is (any sheet, below title rows), which column is which
// (template headers and the synonyms real registers use), cell values read the way the user meant them, and
// every problem and every correction pinned to the user's own row number and column.
import {
  DATE_BOUNDS, fieldMessages, formatMessage, idNumberFacts, idNumberProblem,
  type ErrorCode, type ImportColumnView, type ImportKind, type ImportRowError, type IssueLike, type Label, type Locale,
} from '@jiceng/contract';
import { AppError } from '../../platform/http/errors.js';
import { IMPORT_COLUMNS, READ_ONLY_HEADERS, RECORD_ID_COLUMN, RESIDENT_ID_COLUMN, TAG_COLUMNS, type ImportColumn } from './imports.columns.js';
import { columnLetter, type RawRow, type RawSheet } from './reader.js';

export type SheetRow = RawRow;

/** Characters nobody can see: zero-width space/joiners, word joiner, BOM, soft hyphen. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
/** Control characters (a pasted tab or line break inside a cell is kept as a space). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
/** Full-width ASCII (！…～) and the ideographic space. */
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;

/** Headers compare after NFKC (full-width → half-width), without spaces, required marks and trailing colons. */
export const normalizeHeader = (h: string) =>
  h.normalize('NFKC').replace(INVISIBLE, '').replace(/[\s*＊:：]/g, '').replace(/\((必填|选填|可不填|必填项)\)$/, '').toLowerCase();

/** rows scanned for the header on every sheet (title rows, blank rows, a cover page come before it) */
export const HEADER_SCAN_ROWS = 30;
const SEPARATORS = /[、,，;；/\s]+/;
/** People's dates (birth, joining the Party) as the contract bounds them. */
const DATE_MIN = DATE_BOUNDS.birthMin;
const DATE_MAX = DATE_BOUNDS.max;

/** Other words registers use for the values of a choice column (→ the code). */
const CHOICE_ALIASES: Record<string, Record<string, string>> = {
  relation: {
    本人: 'head', 户主本人: 'head', 妻: 'spouse', 妻子: 'spouse', 夫: 'spouse', 丈夫: 'spouse', 配偶: 'spouse', 之妻: 'spouse', 之夫: 'spouse',
    子: 'child', 女: 'child', 儿子: 'child', 女儿: 'child', 长子: 'child', 次子: 'child', 三子: 'child', 长女: 'child', 次女: 'child', 三女: 'child',
    独生子: 'child', 独生女: 'child', 之子: 'child', 之女: 'child', 养子: 'child', 养女: 'child', 继子: 'child', 继女: 'child',
    父亲: 'parent', 母亲: 'parent', 父: 'parent', 母: 'parent', 公公: 'other', 婆婆: 'other', 岳父: 'other', 岳母: 'other',
    孙子: 'grandchild', 孙女: 'grandchild', 外孙子: 'grandchild', 外孙女: 'grandchild', 外孙: 'grandchild', 孙: 'grandchild',
    祖父: 'grandparent', 祖母: 'grandparent', 爷爷: 'grandparent', 奶奶: 'grandparent', 外祖父: 'grandparent', 外祖母: 'grandparent',
    兄: 'sibling', 弟: 'sibling', 姐: 'sibling', 妹: 'sibling', 哥哥: 'sibling', 弟弟: 'sibling', 姐姐: 'sibling', 妹妹: 'sibling', 兄弟: 'sibling', 姐妹: 'sibling',
    儿媳: 'other', 女婿: 'other', 侄子: 'other', 侄女: 'other',
  },
  gender: { 男性: 'male', 女性: 'female', m: 'male', f: 'female' },
  status: { 党员: 'formal', 正式: 'formal', 预备: 'probationary', 积极分子: 'activist' },
};

const TRUE = /^(是|y|yes|true|1|√|✓|✔|☑|有|对)$/i;
const FALSE = /^(否|n|no|false|0|×|✗|✘|x|无|不是)$/i;

interface Located {
  sheet: RawSheet;
  headerRow: number;
  header: string[];
  pos: Map<string, number>;
  score: number;
}

/** The header row: on every sheet, the row among the first ones that names the most template columns. */
function locate(sheets: RawSheet[], columns: ImportColumn[]): Located | null {
  const wanted = new Map<string, string>();
  for (const c of columns) for (const h of [c.header, ...(c.aliases ?? [])]) if (!wanted.has(normalizeHeader(h))) wanted.set(normalizeHeader(h), c.key);
  let best: Located | null = null;
  for (const sheet of sheets) {
    if (sheet.name === '填写说明') continue; // our template's help sheet lists the headers one per row
    for (const r of sheet.rows.slice(0, HEADER_SCAN_ROWS)) {
      const pos = new Map<string, number>();
      r.cells.forEach((h, i) => {
        const key = h ? wanted.get(normalizeHeader(h)) : undefined;
        if (key && !pos.has(key)) pos.set(key, i);
      });
      if (pos.size >= 2 && (!best || pos.size > best.score)) best = { sheet, headerRow: r.row, header: r.cells, pos, score: pos.size };
    }
  }
  return best;
}

export class Sheet {
  readonly columns: ImportColumn[];
  readonly pos: Map<string, number>;
  readonly header: string[];
  readonly headerRow: number;
  readonly sheetName: string;
  /** which of the given sheets holds the header */
  readonly sheetIndex: number;
  /** the rows above the header (title rows), for the error report */
  readonly above: RawRow[];
  rows: SheetRow[];
  columnViews: ImportColumnView[];
  /** row → column key → reason (the first reason for a cell wins) */
  private readonly problems = new Map<number, Map<string, string>>();
  private readonly notes = new Map<number, Map<string, string>>();
  private count = 0;
  private noteCount = 0;

  /** required columns the file lacks: reported once on the header row, not again on every data row */
  private readonly missing = new Set<string>();

  constructor(readonly kind: ImportKind, sheets: RawSheet[], readonly locale: Locale) {
    const base = IMPORT_COLUMNS[kind];
    const extra = [RECORD_ID_COLUMN[kind], ...(kind === 'households' ? [RESIDENT_ID_COLUMN, ...TAG_COLUMNS] : [])].filter((c): c is ImportColumn => !!c);
    this.columns = [...base, ...extra];
    const found = locate(sheets, this.columns);
    if (!found) {
      const names = base.filter((c) => c.required).map((c) => c.header).join('”“');
      const empty = sheets.every((x) => x.rows.length === 0);
      throw new AppError(empty ? 'import.empty' : 'import.noHeader', 422, { rows: HEADER_SCAN_ROWS, columns: names });
    }
    this.pos = found.pos;
    this.header = found.header;
    this.headerRow = found.headerRow;
    this.sheetName = found.sheet.name;
    this.sheetIndex = sheets.indexOf(found.sheet);
    this.above = found.sheet.rows.filter((r) => r.row < found.headerRow);
    const headerKey = normalizeHeader(found.header.join('|'));
    const first = found.header[0] ?? '';
    // a header repeated inside the data (printed registers repeat it on every page) is not a row
    this.rows = found.sheet.rows.filter((r) => r.row > found.headerRow && !(r.cells[0] === first && normalizeHeader(r.cells.join('|')) === headerKey));
    this.columnViews = this.viewColumns((i) => this.rows.some((r) => !!r.cells[i]));
    for (const c of base) {
      if (!c.required || this.pos.has(c.key)) continue;
      this.addCode(this.headerRow, c.key, 'import.missingColumn', { column: c.header });
      this.missing.add(c.key);
    }
  }

  /** How each column of the header is read; `typed(i)`: some data row has a value in column i. */
  viewColumns(typed: (i: number) => boolean): ImportColumnView[] {
    const readOnly = new Set([...READ_ONLY_HEADERS[this.kind], '序号', '编号'].map(normalizeHeader));
    const used = new Set(this.pos.values());
    return this.header.flatMap((h, i): ImportColumnView[] => {
      if (!h && !typed(i)) return []; // an empty column nobody typed into
      const key = [...this.pos].find(([, p]) => p === i)?.[0];
      if (key && used.has(i)) return [{ header: h, letter: columnLetter(i), field: this.columns.find((c) => c.key === key)!.header, status: 'used' }];
      const label = h || `(${columnLetter(i)})`;
      if (h && readOnly.has(normalizeHeader(h))) return [{ header: label, letter: columnLetter(i), field: null, status: 'readOnly' }];
      // a second column with the same meaning is not silently preferred over the first
      return [{ header: label, letter: columnLetter(i), field: null, status: 'ignored' }];
    });
  }

  /** A data row, not a header repeated inside the data (printed registers repeat it on every page). */
  isData(r: RawRow): boolean {
    return r.row > this.headerRow && !(r.cells[0] === (this.header[0] ?? '') && normalizeHeader(r.cells.join('|')) === normalizeHeader(this.header.join('|')));
  }

  /** Lets the rows go once checked (a county's register is a few hundred MB of cell texts while the write runs). */
  release() {
    this.rows = [];
  }

  /** Unrecognised headers the uploader has not agreed to leave out. */
  unconfirmed(ignoreColumns: readonly string[]): string[] {
    const ok = new Set(ignoreColumns.map(normalizeHeader));
    return this.columnViews.filter((c) => c.status === 'ignored' && !ok.has(normalizeHeader(c.header))).map((c) => c.header);
  }

  has(key: string) {
    return this.pos.has(key);
  }

  get hasProblems() {
    return this.count > 0;
  }

  get problemCount() {
    return this.count;
  }

  get warningCount() {
    return this.noteCount;
  }

  /** The cell as typed, without invisible and control characters (a correction noted once per cell). */
  get(r: SheetRow, key: string): string {
    const i = this.pos.get(key);
    if (i === undefined) return '';
    const v = r.cells[i] ?? '';
    if (!v) return '';
    const invisible = v.match(INVISIBLE)?.length ?? 0;
    if (invisible) this.note(r.row, key, 'import.invisible', { count: invisible });
    return v.replace(INVISIBLE, '').replace(CONTROL, ' ').trim();
  }

  /** Codes, numbers, dates: full-width forms typed in a Chinese input method read as half-width (noted). */
  private ascii(r: SheetRow, key: string): string {
    const v = this.get(r, key);
    if (!FULL_WIDTH.test(v)) return v;
    const out = v.normalize('NFKC').replace(/\s+/g, ' ').trim();
    this.note(r.row, key, 'import.fullWidth', { value: v });
    return out;
  }

  private isNumeric(r: SheetRow, key: string) {
    const i = this.pos.get(key);
    return i !== undefined && (r.numeric?.includes(i) ?? false);
  }

  add(row: number, key: string, reason: string) {
    if (row !== this.headerRow && this.missing.has(key)) return;
    let m = this.problems.get(row);
    if (!m) this.problems.set(row, (m = new Map()));
    if (m.has(key)) return;
    m.set(key, reason);
    this.count++;
  }

  addCode(row: number, key: string, code: ErrorCode, params: Record<string, string | number> = {}) {
    this.add(row, key, formatMessage(code, this.locale, params));
  }

  /** A correction made on the way: listed in the preview, never an error. */
  note(row: number, key: string, code: ErrorCode, params: Record<string, string | number> = {}) {
    let m = this.notes.get(row);
    if (!m) this.notes.set(row, (m = new Map()));
    if (m.has(key)) return;
    m.set(key, formatMessage(code, this.locale, params));
    this.noteCount++;
  }

  hasProblemAt(row: number, key: string) {
    return this.problems.get(row)?.has(key) ?? false;
  }

  /** Zod issues of an input built from rows; `locate` turns an issue path into a row and a column. */
  addIssues(issues: readonly IssueLike[], input: unknown, locateIssue: (path: string[]) => { row: number; key: string }) {
    const messages = fieldMessages(issues, this.locale, (path) => valueAt(input, path) === undefined);
    for (const [path, message] of Object.entries(messages)) {
      const at = locateIssue(path.split('.'));
      this.add(at.row, at.key, message);
    }
  }

  text(r: SheetRow, key: string): string | undefined {
    return this.get(r, key) || undefined;
  }

  /** A code (org, grid, party group): half-width, no spaces inside. */
  code(r: SheetRow, key: string): string {
    return this.ascii(r, key).replace(/\s+/g, '');
  }

  /** normalized label / code / synonym → code, per choice column (built once) */
  private readonly labelMaps = new Map<string, Map<string, string>>();

  private label(key: string, labels: Record<string, Label>, v: string): string | undefined {
    let map = this.labelMaps.get(key);
    if (!map) {
      map = new Map(Object.entries(CHOICE_ALIASES[key] ?? {}).map(([k, code]) => [normalizeHeader(k), code]));
      for (const [code, l] of Object.entries(labels)) {
        for (const name of [l.en, l['zh-CN'], code]) map.set(normalizeHeader(name), code);
      }
      this.labelMaps.set(key, map);
    }
    return map.get(normalizeHeader(v));
  }

  private allowed(labels: Record<string, Label>) {
    return Object.values(labels).map((l) => l[this.locale]).join(this.locale === 'en' ? ', ' : '、');
  }

  private readonly byKey = new Map<string, ImportColumn>();
  private column(key: string) {
    let c = this.byKey.get(key);
    if (!c) this.byKey.set(key, (c = this.columns.find((x) => x.key === key)!));
    return c;
  }

  /** The code of a label (Chinese, English, the code itself or a common synonym); a problem when it is none. */
  choice(r: SheetRow, key: string): string | undefined {
    const v = this.get(r, key);
    if (!v) return undefined;
    const labels = this.column(key).choices!;
    const code = this.label(key, labels, v);
    if (code === undefined) this.addCode(r.row, key, 'import.choice', { value: v, values: this.allowed(labels) });
    return code;
  }

  choices(r: SheetRow, key: string): string[] | undefined {
    const v = this.get(r, key);
    if (!v) return undefined;
    const labels = this.column(key).choices!;
    const out: string[] = [];
    for (const part of v.split(SEPARATORS).filter(Boolean)) {
      const code = this.label(key, labels, part);
      if (code === undefined) this.addCode(r.row, key, 'import.choice', { value: part, values: this.allowed(labels) });
      else out.push(code);
    }
    return out;
  }

  bool(r: SheetRow, key: string): boolean | undefined {
    const v = this.ascii(r, key);
    if (!v) return undefined;
    if (TRUE.test(v)) return true;
    if (FALSE.test(v)) return false;
    this.addCode(r.row, key, 'import.choice', { value: v, values: this.locale === 'en' ? 'Yes, No, √, 1, 0' : '是、否、√、×、1、0' });
    return undefined;
  }

  /**
   * A date as the user meant it: 2020-7-1, 2020/07/01, 2020.7.1, 2020年7月1日, 20200701, "1975-06-17 00:00:00",
   * an Excel date serial (27556). Impossible, partial and out-of-range dates are problems that say so.
   * `monthOnly` (1975-06, 1975年6月): the caller may accept it when an ID number gives the day.
   */
  date(r: SheetRow, key: string, opts: { monthOnly?: (ym: string) => string | undefined; stored?: string | null } = {}): string | undefined {
    let v = this.ascii(r, key);
    if (!v) return undefined;
    // a masked export shows a birth year (or ****): the stored date stands
    if (opts.stored && (/^\d{4}年?$/.test(v) || v.includes('*')) && opts.stored.startsWith(v.replace(/[年*]/g, '').slice(0, 4))) return opts.stored;
    if (/^\d{4,6}(\.\d+)?$/.test(v) && (this.isNumeric(r, key) || /^\d{5}$/.test(v)) && Number(v) > 59 && Number(v) < 73_051) {
      // days since 1899-12-30 (Excel's 1900 date system, its 1900-02-29 bug included)
      const day = new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(v)) * 86_400_000).toISOString().slice(0, 10);
      this.note(r.row, key, 'import.dateSerial', { value: v, date: day });
      return day;
    }
    const time = /^(.+?)[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/.exec(v);
    if (time) {
      if (!/[ T]0{1,2}:00(:00(\.0+)?)?$/.test(v)) {
        this.addCode(r.row, key, 'import.dateFormat', { value: v });
        return undefined;
      }
      this.note(r.row, key, 'import.dateTime', { value: v });
      v = time[1]!.trim();
    }
    const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v);
    if (!full) {
      const ym = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(v) ?? /^(\d{4})(\d{2})$/.exec(v);
      if (ym && Number(ym[2]) >= 1 && Number(ym[2]) <= 12) {
        const month = `${ym[1]}-${ym[2]!.padStart(2, '0')}`;
        const day = opts.monthOnly?.(month);
        if (day) return day;
        this.addCode(r.row, key, 'import.monthOnly', { value: v });
        return undefined;
      }
      this.addCode(r.row, key, 'import.dateFormat', { value: v });
      return undefined;
    }
    const [y, m, d] = [Number(full[1]), Number(full[2]), Number(full[3])];
    const iso = `${full[1]}-${full[2]!.padStart(2, '0')}-${full[3]!.padStart(2, '0')}`;
    if (m < 1 || m > 12 || d < 1) {
      this.addCode(r.row, key, 'import.dateFormat', { value: v });
      return undefined;
    }
    const real = new Date(Date.UTC(y, m - 1, d));
    if (real.getUTCMonth() !== m - 1) {
      this.addCode(r.row, key, 'import.impossibleDate', { value: v, month: m, day: d });
      return undefined;
    }
    if (iso < DATE_MIN || iso > DATE_MAX) {
      this.addCode(r.row, key, 'import.dateRange', { value: iso, min: DATE_MIN, max: DATE_MAX });
      return undefined;
    }
    return iso;
  }

  /**
   * An ID number: refused when Excel stored it as a number (its last digits are gone, whatever the check digit
   * says), when masked, or with the real cause (length, stray characters, region, birth date, check digit).
   * `masked` is returned for the caller that may keep a stored number.
   */
  idNumber(r: SheetRow, key = 'idNumber'): { value?: string; masked?: string } {
    const v = this.ascii(r, key);
    if (!v) return {};
    if (this.isNumeric(r, key) || /^\d(\.\d+)?E\+?\d+$/i.test(v)) {
      this.addCode(r.row, key, 'import.idNumberAsNumber');
      return {};
    }
    const id = v.replace(/[\s-]/g, '').toUpperCase();
    if (/[*＊]/.test(id)) return { masked: id };
    const stray = [...new Set(id.replace(/[0-9X]/g, ''))].join('');
    if (stray) {
      this.addCode(r.row, key, 'import.idNumberChars', { chars: stray });
      return {};
    }
    if (id.length !== 18 || id.slice(0, 17).includes('X')) {
      this.addCode(r.row, key, id.length !== 18 ? 'import.idNumberLength' : 'idNumber.format', { length: id.length });
      return {};
    }
    const problem = idNumberProblem(id);
    if (problem) {
      this.addCode(r.row, key, problem);
      return {};
    }
    return { value: id };
  }

  /** A phone: a number cell that is not an 11-digit mobile lost its leading 0 (or more). */
  phone(r: SheetRow, key: string): string | undefined {
    const v = this.ascii(r, key);
    if (!v) return undefined;
    if (this.isNumeric(r, key) && !/^1\d{10}$/.test(v)) {
      this.addCode(r.row, key, 'import.phoneAsNumber', { value: v });
      return undefined;
    }
    return v;
  }

  /**
   * Birth date and gender against the ID number: empty → taken from it (noted), different → a problem.
   * Returns what to store.
   */
  agreeWithId(r: SheetRow, id: string | undefined, birthDate: string | undefined, gender: string | undefined): { birthDate?: string; gender?: string } {
    if (!id) return { birthDate, gender };
    const facts = idNumberFacts(id);
    if (birthDate && birthDate !== facts.birthDate) this.addCode(r.row, 'birthDate', 'import.birthDateMismatch', { value: birthDate, expected: facts.birthDate });
    if (gender && gender !== facts.gender) {
      const label = (g: string) => ({ male: { 'zh-CN': '男', en: 'male' }, female: { 'zh-CN': '女', en: 'female' } })[g as 'male' | 'female'][this.locale];
      this.addCode(r.row, 'gender', 'import.genderMismatch', { value: label(gender), expected: label(facts.gender) });
    }
    return { birthDate: birthDate ?? facts.birthDate, gender: gender ?? facts.gender };
  }

  /** The day of a month-only birth date, when the ID number agrees with the month. */
  dayFromId(id: string | undefined) {
    return (ym: string) => {
      if (!id) return undefined;
      const d = idNumberFacts(id).birthDate;
      return d.startsWith(ym) ? d : undefined;
    };
  }

  /** Every problem, ordered by row and column position. */
  list(): ImportRowError[] {
    return this.flatten(this.problems);
  }

  warnings(): ImportRowError[] {
    return this.flatten(this.notes);
  }

  private flatten(source: Map<number, Map<string, string>>): ImportRowError[] {
    const order = (key: string) => this.pos.get(key) ?? 999;
    const out: ImportRowError[] = [];
    for (const row of [...source.keys()].sort((a, b) => a - b)) {
      const cells = [...source.get(row)!].sort((a, b) => order(a[0]) - order(b[0]));
      for (const [key, reason] of cells) out.push({ row, column: this.headerOf(key), reason });
    }
    return out;
  }

  /** The header as the user wrote it, or the template's name when the column is missing. */
  headerOf(key: string): string {
    const i = this.pos.get(key);
    if (i !== undefined && this.header[i]) return this.header[i];
    return this.columns.find((c) => c.key === key)?.header ?? key;
  }

  /** For the report: problems of one row (column positions to paint, and the text). */
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
