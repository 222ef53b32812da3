// The building blocks of a Word report that follows the conventions of Chinese Party and government documents
// (GB/T 9704-2012 《党政机关公文格式》): A4, margins 37 / 35 / 28 / 26 mm (top / bottom / left / right), the title in
// 二号 方正小标宋简体, body in 三号 仿宋_GB2312 at a fixed 28 pt line, 一、 headings in 黑体, （一） sub-headings in 楷体,
// the page number "— 1 —" in 四号 at the foot, the issuing org and the date in Chinese numerals of the year at the
// end. Each run names the official East Asian font and Times New Roman for Latin text; where the official font is
// not installed, Word and WPS substitute 宋体 / SimSun and LibreOffice goes through fontconfig (Noto Serif / Sans
// CJK on Debian) — the CI renders a report to PNG to check no glyph is missing. Tables are real Word tables whose
// header row repeats on every page; charts are PNG pictures.
import {
  AlignmentType, BorderStyle, Document, Footer, HeadingLevel, ImageRun, LineRuleType, Packer, PageNumber, PageOrientation, Paragraph, Table, TableCell,
  TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType, type IRunOptions, type ParagraphChild,
} from 'docx';

const mm = (x: number) => Math.round((x * 1440) / 25.4);
const PAGE = { width: mm(210), height: mm(297), top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
/** the type area's width in twips (156 mm) */
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** the type area's width of a landscape annex page (附表): the same margins turned with the page, 225 mm */
export const WIDE_TEXT_WIDTH = PAGE.height - PAGE.top - PAGE.bottom;

export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
  subheading: '楷体_GB2312',
  table: '仿宋_GB2312',
} as const;
/** half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt */
const SIZE = { title: 44, body: 32, small: 28, table: 24, tableSmall: 21 } as const;
const LINE = { line: 560, lineRule: LineRuleType.EXACT } as const;

const font = (name: string) => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: name, cs: 'Times New Roman' });
const run = (text: string, f: string, size: number, extra: Partial<IRunOptions> = {}) => new TextRun({ text, font: font(f), size, ...extra });

export type Block = Paragraph | Table;

/** the title, 二号 小标宋, centred; a long one in the lines given (GB/T 9704 7.3.1: broken by meaning, not by width) */
export function title(lines: string | string[]): Paragraph[] {
  const list = typeof lines === 'string' ? [lines] : lines;
  return list.map((text, i) => new Paragraph({
    alignment: AlignmentType.CENTER, spacing: { before: 0, after: i === list.length - 1 ? 280 : 0, line: 700, lineRule: LineRuleType.EXACT },
    keepNext: true, children: [run(text, FONTS.title, SIZE.title)],
  }));
}

/** the issuing org under the title (篇一: 中共XX县教育局委员会) or a plain centred line */
export function centred(text: string, size: number = SIZE.body): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: LINE, children: [run(text, FONTS.body, size)] });
}

/** the addressee line (主送机关), flush left: 县委组织部： */
export function addressee(text: string): Paragraph {
  return new Paragraph({ spacing: LINE, children: [run(text, FONTS.body, SIZE.body)] });
}

/** a body paragraph, first line indented by two characters */
export function para(text: string | ParagraphChild[]): Paragraph {
  return new Paragraph({
    spacing: LINE, indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED,
    children: typeof text === 'string' ? [run(text, FONTS.body, SIZE.body)] : text,
  });
}

/** a bold lead-in followed by plain text in one paragraph (一是……。) */
export function leadPara(lead: string, text: string): Paragraph {
  return para([run(lead, FONTS.body, SIZE.body, { bold: true }), run(text, FONTS.body, SIZE.body)]);
}

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export const chineseOrdinal = (n: number) => (n <= 10 ? CHINESE_NUMERALS[n - 1]! : n < 20 ? `十${CHINESE_NUMERALS[n - 11]}` : String(n));

/** 一、… (黑体), numbered by the caller's counter */
export function heading(n: number, text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_1, spacing: LINE, indent: { firstLine: 640 }, keepNext: true, children: [run(`${chineseOrdinal(n)}、${text}`, FONTS.heading, SIZE.body)] });
}

/** （一）… (楷体) */
export function subheading(n: number, text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: LINE, indent: { firstLine: 640 }, keepNext: true, children: [run(`（${chineseOrdinal(n)}）${text}`, FONTS.subheading, SIZE.body)] });
}

/** a table caption above the table, centred, 黑体 小四 */
export function caption(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 60 }, keepNext: true, children: [run(text, FONTS.heading, SIZE.table)] });
}

/** a note under a table or chart (资料来源, 说明), 五号 */
export function note(text: string): Paragraph {
  return new Paragraph({ spacing: { before: 60, after: 120 }, children: [run(text, FONTS.body, SIZE.tableSmall)] });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

export interface TableOptions {
  /** relative column widths (summed to the type area's width) */
  widths?: number[];
  /** columns aligned right (numbers) */
  numeric?: number[];
  /** the last row is a totals row (bold) */
  totals?: boolean;
  small?: boolean;
  /** set on a landscape annex page (附表): the table spans its wider type area */
  wide?: boolean;
}

/** A real Word table: a header row repeated on each page, rows not split across pages, numbers right-aligned. */
export function table(headers: string[], rows: (string | number)[][], opts: TableOptions = {}): Table {
  const widths = opts.widths ?? headers.map(() => 1);
  const sum = widths.reduce((a, b) => a + b, 0);
  const area = opts.wide ? WIDE_TEXT_WIDTH : TEXT_WIDTH;
  const columnWidths = widths.map((w) => Math.floor((w / sum) * area));
  const size = opts.small || headers.length > 7 ? SIZE.tableSmall : SIZE.table;
  const numeric = new Set(opts.numeric ?? []);
  const cell = (text: string, i: number, bold: boolean, header: boolean) =>
    new TableCell({
      width: { size: columnWidths[i]!, type: WidthType.DXA },
      borders: BORDERS,
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      shading: header ? { fill: 'F2F2F2' } : undefined,
      children: [new Paragraph({
        alignment: header ? AlignmentType.CENTER : numeric.has(i) ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [run(text, header ? FONTS.heading : FONTS.table, size, { bold: bold && !header })],
      })],
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: area, type: WidthType.DXA },
    columnWidths,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => cell(h, i, true, true)) }),
      ...rows.map((r, n) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(String(v), i, Boolean(opts.totals) && n === rows.length - 1, false)) })),
    ],
  });
}

/** a chart (PNG) across the type area, centred; width and height in pixels of the layout (96 dpi) */
export function picture(png: Buffer, layout: { width: number; height: number }, alt: string): Paragraph {
  const maxWidth = Math.floor((TEXT_WIDTH / 1440) * 96);
  const w = Math.min(maxWidth, layout.width);
  const h = Math.round((layout.height * w) / layout.width);
  return new Paragraph({
    alignment: AlignmentType.CENTER, spacing: { before: 120, after: 120 }, keepNext: false,
    children: [new ImageRun({ type: 'png', data: png, transformation: { width: w, height: h }, altText: { name: alt, title: alt, description: alt } })],
  });
}

/** 2026年12月2日 (the date of a document, Arabic numerals as GB/T 9704-2012 7.3.5.1 asks) */
export function documentDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** the signature block: the issuing org and the date, right-aligned, after an empty line */
export function signature(org: string, day: string): Paragraph[] {
  return [
    new Paragraph({ spacing: LINE, children: [] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: 640 }, children: [run(org, FONTS.body, SIZE.body)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: 960 }, children: [run(documentDate(day), FONTS.body, SIZE.body)] }),
  ];
}

/** A watermark-like line at the top for drafts (征求意见稿) */
export function draftMark(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(text, FONTS.heading, SIZE.small, { color: 'C00000' })] });
}

const pageNumberFooter = () => new Footer({
  children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font('宋体'), size: SIZE.small })] })],
});

/**
 * The document: A4 with the GB/T 9704 margins, "— n —" page numbers, Heading 1/2 styles in the official fonts.
 * `annex` (附表), when given, follows on A4 landscape pages — a wide statistics table that would not fit the
 * portrait type area; the margins turn with the page and the page numbers run on.
 */
export async function packDocument(meta: { title: string; subject: string; creator: string }, children: Block[], annex?: Block[]): Promise<Buffer> {
  const portrait = { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, footer: mm(20) };
  const sections = [{
    properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: portrait } },
    footers: { default: pageNumberFooter() },
    children,
  }];
  if (annex?.length) {
    sections.push({
      properties: {
        page: {
          size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE },
          margin: { top: PAGE.left, bottom: PAGE.right, left: PAGE.top, right: PAGE.bottom, footer: mm(14) },
        },
      } as (typeof sections)[number]['properties'],
      footers: { default: pageNumberFooter() },
      children: annex,
    });
  }
  const doc = new Document({
    title: meta.title, subject: meta.subject, creator: meta.creator, description: meta.subject,
    styles: {
      default: { document: { run: { font: font(FONTS.body), size: SIZE.body } } },
      paragraphStyles: [
        { id: 'Heading1', name: 'Heading 1', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: font(FONTS.heading), size: SIZE.body, bold: false, color: '000000' } },
        { id: 'Heading2', name: 'Heading 2', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: font(FONTS.subheading), size: SIZE.body, bold: false, color: '000000' } },
      ],
    },
    sections,
  });
  return Packer.toBuffer(doc);
}
