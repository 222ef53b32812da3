// Reading an uploaded register as the user made it: .xlsx (every sheet, merged cells filled in, which cells Excel
// stored as numbers), CSV in UTF-8 or GBK, and a clear refusal of old .xls files and renamed files.
// Row numbers are the user's own (title rows and blank rows keep their numbers).
import type ExcelJS from 'exceljs';
import { AppError } from '../../platform/http/errors.js';
import { Utf8WorkbookReader, cellText, looksLikeXlsx } from './xlsx.js';

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

async function readXlsx(buf: Buffer, maxRows: number): Promise<RawSheet[]> {
  const merges = new Map<string, string[]>();
  const reader = new Utf8WorkbookReader(buf, {
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
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const sep = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const rows: RawRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  const endRow = () => {
    cells.push(cell);
    cell = '';
    const trimmed = cells.map((c) => c.trim());
    if (trimmed.some((c) => c !== '')) {
      if (rows.length >= maxRows + 50) throw new TooManyRows();
      const numeric = trimmed.flatMap((c, i) => (/^-?\d+(\.\d+)?E\+?\d+$/i.test(c) ? [i] : []));
      rows.push(numeric.length ? { row: rowStart, cells: trimmed, numeric } : { row: rowStart, cells: trimmed });
    }
    cells = [];
    rowStart = line;
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
      endRow();
    } else cell += ch;
  }
  if (cell !== '' || cells.length) endRow();
  return { name: 'CSV', rows };
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
