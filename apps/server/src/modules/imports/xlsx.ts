// Reading and writing .xlsx with exceljs' streaming reader and writer: a 200,000-row file never becomes
// a full in-memory workbook (that costs gigabytes), only arrays of cell texts.
import { PassThrough, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJS from 'exceljs';
import { exceljs as excel } from '../../platform/lazy/lazy.js';
import yauzl from 'yauzl';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 5987), e.g. 户籍台账.xlsx. */
export function contentDisposition(fallback: string, utf8Name: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(utf8Name)}`;
}

/** A .xlsx is a ZIP: it starts with PK\x03\x04. */
export const looksLikeXlsx = (buf: Buffer) => buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;

const pad = (n: number) => String(n).padStart(2, '0');

/** What a cell says, as the user sees it: dates as YYYY-MM-DD, rich text joined, formulas by their result. */
export function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  // exceljs reads date cells as UTC midnight of the day shown
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in v) return cellText((v as ExcelJS.CellHyperlinkValue).text);
    if ('error' in v) return '';
  }
  return String(v as unknown).trim();
}

/** Decodes UTF-8 across chunk boundaries (a 3-byte 汉字 may be split between two 16 KB chunks). */
async function* utf8(chunks: AsyncIterable<Buffer | string>, onText?: (text: string) => void): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) {
      onText?.(text);
      yield text;
    }
  }
  const rest = decoder.end();
  if (rest) {
    onText?.(rest);
    yield rest;
  }
}

/** `<mergeCell ref="A1:H1"/>` tags of a worksheet's XML as it streams by (a tag may be cut between chunks). */
function mergeScanner(found: (ref: string) => void) {
  let tail = '';
  return (text: string) => {
    const s = tail + text;
    const re = /<mergeCell\b[^>]*\bref="([A-Z]+\d+:[A-Z]+\d+)"/g;
    let last = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      found(m[1]!);
      last = re.lastIndex;
    }
    // keep what could be the start of a tag cut by the chunk boundary
    const cut = s.lastIndexOf('<');
    tail = cut >= last && s.length - cut < 200 ? s.slice(cut) : '';
  };
}

type EntryStream = NodeJS.ReadableStream & { setEncoding(e: BufferEncoding): unknown };
type ReaderEvent = { eventType: string; value: unknown };
interface ReaderInternals {
  _parseRels(entry: EntryStream): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<ReaderEvent>;
  _parseSharedStrings(entry: EntryStream): AsyncGenerator<ReaderEvent>;
  _parseStyles(entry: EntryStream): Promise<void>;
  _parseWorkbook(entry: EntryStream): Promise<void>;
  model?: unknown;
}
type ReaderBase = new (...args: ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookReader>) => ExcelJS.stream.xlsx.WorkbookReader & ReaderInternals;

/** The entries of a zip by name, read from its central directory (not by scanning the local headers). */
async function zipEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      entries.set(e.fileName, e);
      zip.readEntry();
    });
    zip.once('end', resolve);
    zip.once('error', reject);
    zip.readEntry();
  });
  return entries;
}

const SHEET_ENTRY = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * exceljs' streaming reader with two of its defects mended:
 * - it decodes each zip chunk on its own, so a Chinese character cut by a chunk boundary becomes ��
 *   (exceljs issues #2063, #2084; ~1 cell in 2,000 of a large Chinese file here): every XML part is decoded
 *   here as one UTF-8 stream;
 * - its single pass over the zip's local headers (unzipper's Parse) at times never delivers the last entry —
 *   exceljs writes xl/workbook.xml last — and the read then fails with "reading 'sheets'" (exceljs #3064; 1 read
 *   in ~30 of the same bytes under the e2e load). Here the zip is read through its central directory (yauzl), in
 *   a fixed order: relations, workbook, shared strings, styles, then each sheet, still row by row.
 */
const defineReader = () => class Utf8WorkbookReader extends (excel().stream.xlsx.WorkbookReader as unknown as ReaderBase) {
  constructor(
    private readonly data: Buffer,
    options: ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookReader>[1],
    /** merged ranges, which exceljs' streaming reader skips (its `mergeCell` case is empty) */
    private readonly onMerge?: (sheetNo: string, ref: string) => void,
    /** read only this worksheet (its number in xl/worksheets/sheetN.xml); the others are not decompressed */
    private readonly only?: string,
  ) {
    super(Readable.from([]), options);
  }
  override async *parse(): AsyncGenerator<ReaderEvent> {
    const zip = await yauzl.fromBufferPromise(this.data, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
    try {
      const entries = await zipEntries(zip);
      const open = async (name: string) => {
        const entry = entries.get(name);
        return entry ? ((await zip.openReadStreamPromise(entry)) as unknown as EntryStream) : undefined;
      };
      const rels = await open('xl/_rels/workbook.xml.rels');
      if (rels) await this._parseRels(rels);
      const workbook = await open('xl/workbook.xml');
      if (!workbook) throw new Error('no xl/workbook.xml');
      await this._parseWorkbook(workbook);
      if (!this.model) throw new Error('xl/workbook.xml could not be read');
      const strings = await open('xl/sharedStrings.xml');
      if (strings) yield* this._parseSharedStrings(strings);
      const styles = await open('xl/styles.xml');
      if (styles) await this._parseStyles(styles);
      const sheets = [...entries.keys()].flatMap((name) => {
        const m = SHEET_ENTRY.exec(name);
        return m ? [{ name, no: m[1]! }] : [];
      }).sort((a, b) => Number(a.no) - Number(b.no));
      for (const sheet of sheets) if (this.only === undefined || sheet.no === this.only) yield* this._parseWorksheet((await open(sheet.name))!, sheet.no);
    } finally {
      zip.close();
    }
  }
  override async *[Symbol.asyncIterator]() {
    for await (const { eventType, value } of this.parse()) if (eventType === 'worksheet') yield value as ExcelJS.stream.xlsx.WorksheetReader;
  }
  override *_parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    const onMerge = this.onMerge;
    for (const event of super._parseWorksheet(utf8(iterator, onMerge ? mergeScanner((ref) => onMerge(sheetNo, ref)) : undefined), sheetNo)) {
      // which sheetN.xml this is (exceljs replaces `id` by the workbook's sheetId)
      if (event.eventType === 'worksheet') (event.value as { fileNo?: string }).fileNo = sheetNo;
      yield event;
    }
  }
  override async *_parseSharedStrings(entry: EntryStream) {
    entry.setEncoding('utf8');
    yield* super._parseSharedStrings(entry);
  }
  override _parseStyles(entry: EntryStream) {
    entry.setEncoding('utf8');
    return super._parseStyles(entry);
  }
  override _parseWorkbook(entry: EntryStream) {
    entry.setEncoding('utf8');
    return super._parseWorkbook(entry);
  }
};
let readerClass: ReturnType<typeof defineReader> | undefined;
/** A new reader of `data` (the class is defined on first use: its base class is exceljs', loaded lazily). */
export function utf8WorkbookReader(...args: ConstructorParameters<ReturnType<typeof defineReader>>): InstanceType<ReturnType<typeof defineReader>> {
  readerClass ??= defineReader();
  return new readerClass(...args);
}

/**
 * The merged ranges of every worksheet (by N of xl/worksheets/sheetN.xml), found in the XML text as it is
 * decompressed — no cell is parsed. A streaming read gets them before the rows (they stand after the rows).
 */
export async function worksheetMerges(data: Buffer): Promise<Map<string, string[]>> {
  const zip = await yauzl.fromBufferPromise(data, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  const found = new Map<string, string[]>();
  try {
    const entries = await zipEntries(zip);
    for (const [name, entry] of entries) {
      const m = SHEET_ENTRY.exec(name);
      if (!m) continue;
      const list: string[] = [];
      found.set(m[1]!, list);
      const scan = mergeScanner((ref) => list.push(ref));
      const stream = (await zip.openReadStreamPromise(entry)) as unknown as AsyncIterable<Buffer>;
      for await (const text of utf8(stream)) scan(text);
    }
  } finally {
    zip.close();
  }
  return found;
}

export interface StyledColumn {
  header: string;
  width?: number;
  /** store as text (ID numbers, phones, codes: Excel would turn 18 digits into 4.2E+17) */
  text?: boolean;
}

type WithValidations = { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } };
/** template rows that get the drop-down lists */
const DROPDOWN_ROWS = 5000;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const ERROR_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FFC00000' }, bold: true };

/**
 * Streams rows into an .xlsx in memory. `rows` is iterated once; each row is committed as it is written.
 * `bad(rowIndex)` gives the positions of cells to paint red (the error report).
 */
export async function writeSheet(
  sheetName: string,
  columns: StyledColumn[],
  rows: Iterable<(string | number | null)[]> | AsyncIterable<(string | number | null)[]>,
  opts: {
    /** rows above the header (the title rows of an uploaded file, a note on masking) */
    preamble?: string[][];
    bad?: (index: number) => number[] | undefined;
    errorColumn?: number;
    extraSheets?: { name: string; rows: (string | number | null)[][]; widths: number[] }[];
    /** drop-down lists (template): column position → allowed values */
    dropdowns?: { column: number; values: string[] }[];
  } = {},
): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ stream, useStyles: true, useSharedStrings: false });
  const preamble = opts.preamble ?? [];
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: preamble.length + 1 }] });
  ws.columns = columns.map((c) => ({ width: c.width ?? Math.max(10, c.header.length * 2 + 4), style: c.text ? { numFmt: '@' } : {} }));
  for (const p of preamble) {
    const r = ws.addRow(p);
    r.font = { bold: true, color: { argb: 'FFC00000' } };
    r.commit();
  }
  const head = ws.addRow(columns.map((c) => c.header));
  head.eachCell((cell, n) => {
    cell.font = n - 1 === opts.errorColumn ? ERROR_FONT : { bold: true };
    cell.fill = HEADER_FILL;
  });
  head.commit();
  for (const d of opts.dropdowns ?? []) {
    const col = ws.getColumn(d.column + 1).letter;
    (ws as unknown as WithValidations).dataValidations.add(`${col}${preamble.length + 2}:${col}${DROPDOWN_ROWS + preamble.length + 1}`, {
      type: 'list', allowBlank: true, showErrorMessage: true, formulae: [`"${d.values.join(',')}"`],
    });
  }
  let i = 0;
  for await (const values of rows) {
    const r = ws.addRow(values);
    const bad = opts.bad?.(i);
    if (bad) for (const c of bad) r.getCell(c + 1).fill = ERROR_FILL;
    if (opts.errorColumn !== undefined && bad) r.getCell(opts.errorColumn + 1).font = { color: { argb: 'FFC00000' } };
    r.commit();
    i++;
  }
  ws.commit();
  for (const extra of opts.extraSheets ?? []) {
    const s = wb.addWorksheet(extra.name);
    s.columns = extra.widths.map((width) => ({ width, style: { alignment: { wrapText: true, vertical: 'top' } } }));
    extra.rows.forEach((values, n) => {
      const r = s.addRow(values);
      if (n === 0) r.font = { bold: true };
      r.commit();
    });
    s.commit();
  }
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}

/**
 * The same sheet as writeSheet (frozen header, widths, text columns) written as it is read: `batches` comes from an
 * async source (a keyset over the database), each batch is compressed and handed on before the next is read, and
 * the reader waits while the receiver is behind — a 100,000-row ledger is never held whole, neither its rows nor its
 * file. A failing source destroys the stream with its error (the download breaks off; nothing half-written is
 * passed as whole).
 */
export function streamSheet(sheetName: string, columns: StyledColumn[], batches: AsyncIterable<(string | number | null)[][]>): Readable {
  const out = new PassThrough();
  const run = async () => {
    const wb = new (excel().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ width: c.width ?? Math.max(10, c.header.length * 2 + 4), style: c.text ? { numFmt: '@' } : {} }));
    const head = ws.addRow(columns.map((c) => c.header));
    head.eachCell((cell) => {
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
    });
    head.commit();
    for await (const rows of batches) {
      for (const values of rows) ws.addRow(values).commit();
      // let the zip and the socket take this batch; wait while the receiver is behind
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (out.writableNeedDrain && !out.destroyed) await new Promise<void>((resolve) => out.once('drain', resolve).once('close', resolve));
      if (out.destroyed) return;
    }
    ws.commit();
    await wb.commit();
  };
  run().catch((err: Error) => out.destroy(err));
  return out;
}
