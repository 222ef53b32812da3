// Reading an uploaded register as the user made it: .xlsx (every sheet, merged cells filled in, which cells Excel
// stored as numbers), CSV in UTF-8 or GBK, and a clear refusal of old .xls files and renamed files.
// Row numbers are the user's own (title rows and blank rows keep their numbers).
import type ExcelJS from 'exceljs';
import { AppError } from '../../platform/http/errors.js';
import { utf8WorkbookReader, cellText, looksLikeXlsx, worksheetMerges } from './xlsx.js';

export interface RawRow {
  /** the row number the user sees in Excel (1-based) */
  row: number;
  /** cell texts by column position (0 = column A) */
  cells: string[];
  /** positions of cells Excel stored as numbers (an ID number there has lost digits) */
  numeric?: number[];
}

export interface RawSheet {
  name: string;
  rows: RawRow[];
}

export class TooManyRows extends Error {}

/** Old binary Excel (Excel 97-2003, WPS .et/.xls): an OLE2 compound file. */
const looksLikeOle = (buf: Buffer) => buf.length > 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1;

/** A1 → [row, column] (1-based row, 0-based column) */
function cellRef(ref: string): [number, number] | null {
  const m = /^([A-Z]{1,3})(\d{1,7})$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]), col - 1];
}

/** Excel column letter of a 0-based position. */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Merged ranges (A1:A3): every cell of the range reads as the top-left cell, as the user sees it. */
function fillMerges(rows: RawRow[], merges: string[]) {
  if (merges.length === 0) return;
  const byNumber = new Map(rows.map((r) => [r.row, r]));
  for (const range of merges) {
    const [a, b] = range.split(':');
    const from = a ? cellRef(a) : null;
    const to = b ? cellRef(b) : null;
    if (!from || !to) continue;
    const top = byNumber.get(from[0]);
    if (!top) continue;
    const value = top.cells[from[1]] ?? '';
    const numeric = top.numeric?.includes(from[1]) ?? false;
    for (let r = from[0]; r <= to[0]; r++) {
      let row = byNumber.get(r);
      if (!row) {
        // a row whose only cells are inside a merge arrives empty from the reader
        row = { row: r, cells: [] };
        byNumber.set(r, row);
        rows.push(row);
      }
      for (let c = from[1]; c <= to[1]; c++) {
        if (r === from[0] && c === from[1]) continue;
        while (row.cells.length < c) row.cells.push('');
        row.cells[c] = value;
        if (numeric) (row.numeric ??= []).push(c);
      }
    }
  }
  rows.sort((x, y) => x.row - y.row);
}

/** One row of exceljs as cell texts, with the positions Excel stored as numbers. */
function rawRow(r: ExcelJS.Row): RawRow {
  const values = r.values as ExcelJS.CellValue[];
  const cells: string[] = [];
  let numeric: number[] | undefined;
  for (let c = 1; c < values.length; c++) {
    const v = values[c];
    cells.push(cellText(v));
    const result = v && typeof v === 'object' && 'result' in v ? (v as ExcelJS.CellFormulaValue).result : v;
    if (typeof result === 'number') (numeric ??= []).push(c - 1);
  }
  return numeric ? { row: r.number, cells, numeric } : { row: r.number, cells };
}

async function readXlsx(buf: Buffer, maxRows: number): Promise<RawSheet[]> {
  const merges = new Map<string, string[]>();
  const reader = utf8WorkbookReader(buf, {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  }, (sheetNo, ref) => {
    let list = merges.get(sheetNo);
    if (!list) merges.set(sheetNo, (list = []));
    list.push(ref);
  });
  const sheets: (RawSheet & { id: string })[] = [];
  let total = 0;
  for await (const sheet of reader) {
    const ws = sheet as unknown as { id: string; name: string } & AsyncIterable<ExcelJS.Row>;
    const rows: RawRow[] = [];
    for await (const r of ws) {
      const values = r.values as ExcelJS.CellValue[];
      const cells: string[] = [];
      let numeric: number[] | undefined;
      for (let c = 1; c < values.length; c++) {
        const v = values[c];
        cells.push(cellText(v));
        const result = v && typeof v === 'object' && 'result' in v ? (v as ExcelJS.CellFormulaValue).result : v;
        if (typeof result === 'number') (numeric ??= []).push(c - 1);
      }
      if (cells.every((x) => x === '')) continue;
      if (++total > maxRows + 50) throw new TooManyRows();
      rows.push(numeric ? { row: r.number, cells, numeric } : { row: r.number, cells });
    }
    sheets.push({ id: String(ws.id), name: ws.name, rows });
  }
  for (const s of sheets) fillMerges(s.rows, merges.get(s.id) ?? []);
  return sheets.map(({ name, rows }) => ({ name, rows }));
}

/** UTF-8 (with or without BOM), else GBK/GB18030 (Excel's "CSV" on a Chinese Windows), else a clear error. */
export function decodeCsv(buf: Buffer): string {
  const body = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(body);
    } catch {
      throw new AppError('import.csvEncoding', 400);
    }
  }
}

/** RFC 4180 (quotes, "" inside quotes, CRLF or LF), comma or tab separated; a number in E notation is "numeric". */
export function parseCsv(text: string, maxRows: number): RawSheet {
  const rows: RawRow[] = [];
  for (const r of csvRows(text)) {
    if (rows.length >= maxRows + 50) throw new TooManyRows();
    rows.push(r);
  }
  return { name: 'CSV', rows };
}

/** The non-empty rows of a CSV text, one at a time (the text is decoded whole; the rows are not kept). */
export function* csvRows(text: string): Generator<RawRow> {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const sep = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  const endRow = (): RawRow | null => {
    cells.push(cell);
    cell = '';
    const trimmed = cells.map((c) => c.trim());
    cells = [];
    const at = rowStart;
    rowStart = line;
    if (!trimmed.some((c) => c !== '')) return null;
    const numeric = trimmed.flatMap((c, i) => (/^-?\d+(\.\d+)?E\+?\d+$/i.test(c) ? [i] : []));
    return numeric.length ? { row: at, cells: trimmed, numeric } : { row: at, cells: trimmed };
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === sep) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      const r = endRow();
      if (r) yield r;
    } else cell += ch;
  }
  if (cell !== '' || cells.length) {
    const r = endRow();
    if (r) yield r;
  }
}

/** Every sheet of the upload, or a 4xx that names what is wrong with the file itself. */
export async function readUploadSheets(name: string, data: Buffer, maxRows: number): Promise<RawSheet[]> {
  if (looksLikeOle(data)) throw new AppError('import.oldXls', 400);
  if (looksLikeXlsx(data)) {
    try {
      return await readXlsx(data, maxRows);
    } catch (err) {
      if (err instanceof TooManyRows) throw new AppError('import.tooLarge', 413, { max: maxRows });
      // the uploader sees "not a valid .xlsx"; the log keeps why
      console.warn(`import: unreadable .xlsx (${data.length} bytes): ${(err as Error).message}`);
      throw new AppError('import.unreadable', 400, { name });
    }
  }
  if (/\.(csv|txt)$/i.test(name)) {
    try {
      return [parseCsv(decodeCsv(data), maxRows)];
    } catch (err) {
      if (err instanceof TooManyRows) throw new AppError('import.tooLarge', 413, { max: maxRows });
      throw err;
    }
  }
  if (/\.xlsx?$/i.test(name)) throw new AppError('import.unreadable', 400, { name });
  throw new AppError('import.file', 400);
}

// ——— streaming ———

/**
 * An upload read as a stream: the first rows of every sheet (where the header is looked for), then the rows of
 * the one sheet chosen, one at a time — a 200,000-row register is never held whole, only the compressed file.
 * Merged cells are filled in as the rows pass (their ranges are found first by a scan of the sheet's XML text).
 */
export interface UploadSource {
  /** every sheet with its first `headRows` non-empty rows */
  heads: RawSheet[];
  /** the non-empty rows of sheet `index` (of heads), in order; TooManyRows past the limit */
  rows(index: number): AsyncGenerator<RawRow>;
}

/** A1:C3 → [top row, left column, bottom row, right column] */
function rangeOf(ref: string): [number, number, number, number] | null {
  const [a, b] = ref.split(':');
  const from = a ? cellRef(a) : null;
  const to = b ? cellRef(b) : null;
  return from && to ? [from[0], from[1], to[0], to[1]] : null;
}

/** Fills merged ranges into rows streaming by in row order (rows only inside a merge are made up, as fillMerges). */
async function* withMerges(rows: AsyncIterable<RawRow>, merges: string[]): AsyncGenerator<RawRow> {
  const ranges = merges.flatMap((m) => {
    const r = rangeOf(m);
    return r ? [{ top: r[0], left: r[1], bottom: r[2], right: r[3], value: '', numeric: false }] : [];
  }).sort((x, y) => x.top - y.top);
  if (ranges.length === 0) {
    yield* rows;
    return;
  }
  let next = 0;
  let active: typeof ranges = [];
  const fill = (row: RawRow): RawRow => {
    while (next < ranges.length && ranges[next]!.top <= row.row) {
      const g = ranges[next++]!;
      if (g.top === row.row) {
        g.value = row.cells[g.left] ?? '';
        g.numeric = row.numeric?.includes(g.left) ?? false;
      }
      active.push(g);
    }
    active = active.filter((g) => g.bottom >= row.row);
    for (const g of active) {
      for (let c = g.left; c <= g.right; c++) {
        if (row.row === g.top && c === g.left) continue;
        while (row.cells.length < c) row.cells.push('');
        row.cells[c] = g.value;
        if (g.numeric) (row.numeric ??= []).push(c);
      }
    }
    return row;
  };
  let last = 0;
  const gaps = function* (upTo: number) {
    if (upTo <= last + 1) return;
    // rows whose only cells lie inside a merge arrive empty (or not at all) from the reader
    const reach = Math.max(0, ...active.map((g) => g.bottom), ...ranges.slice(next).filter((g) => g.top <= upTo).map((g) => g.bottom));
    for (let n = last + 1; n < upTo && n <= reach; n++) {
      const row = fill({ row: n, cells: [] });
      if (row.cells.some((c) => c !== '')) yield row;
    }
  };
  for await (const r of rows) {
    yield* gaps(r.row);
    last = r.row;
    const row = fill(r);
    if (row.cells.some((c) => c !== '')) yield row;
  }
  yield* gaps(Number.MAX_SAFE_INTEGER);
}

/** Every sheet's first rows, and a way to stream one sheet; or a 4xx that names what is wrong with the file. */
export async function openUpload(name: string, data: Buffer, maxRows: number, headRows: number): Promise<UploadSource> {
  const limit = async function* (rows: AsyncIterable<RawRow> | Iterable<RawRow>) {
    let n = 0;
    for await (const r of rows) {
      if (++n > maxRows + 50) throw new AppError('import.tooLarge', 413, { max: maxRows });
      yield r;
    }
  };
  if (looksLikeOle(data)) throw new AppError('import.oldXls', 400);
  if (looksLikeXlsx(data)) {
    const unreadable = (err: unknown): never => {
      if (err instanceof AppError) throw err;
      console.warn(`import: unreadable .xlsx (${data.length} bytes): ${(err as Error).message}`);
      throw new AppError('import.unreadable', 400, { name });
    };
    const options = { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' } as const;
    const heads: (RawSheet & { fileNo: string })[] = [];
    let merges: Map<string, string[]>;
    try {
      merges = await worksheetMerges(data);
      for await (const sheet of utf8WorkbookReader(data, options)) {
        const ws = sheet as unknown as { name: string; fileNo: string } & AsyncIterable<ExcelJS.Row>;
        const raw = async function* () {
          for await (const r of ws) yield rawRow(r);
        };
        const rows: RawRow[] = [];
        for await (const r of withMerges(raw(), merges.get(ws.fileNo) ?? [])) {
          rows.push(r);
          if (rows.length >= headRows) break; // the rest of this sheet is not decompressed
        }
        heads.push({ name: ws.name, rows, fileNo: ws.fileNo });
      }
    } catch (err) {
      return unreadable(err);
    }
    return {
      heads: heads.map(({ name: n, rows }) => ({ name: n, rows })),
      rows: async function* (index: number) {
        const fileNo = heads[index]!.fileNo;
        try {
          for await (const sheet of utf8WorkbookReader(data, options, undefined, fileNo)) {
            const ws = sheet as unknown as AsyncIterable<ExcelJS.Row>;
            const raw = async function* () {
              for await (const r of ws) yield rawRow(r);
            };
            yield* limit(withMerges(raw(), merges.get(fileNo) ?? []));
          }
        } catch (err) {
          unreadable(err);
        }
      },
    };
  }
  if (/\.(csv|txt)$/i.test(name)) {
    const text = decodeCsv(data);
    const heads: RawRow[] = [];
    for (const r of csvRows(text)) {
      heads.push(r);
      if (heads.length >= headRows) break;
    }
    return { heads: [{ name: 'CSV', rows: heads }], rows: () => limit(csvRows(text)) };
  }
  if (/\.xlsx?$/i.test(name)) throw new AppError('import.unreadable', 400, { name });
  throw new AppError('import.file', 400);
}
