import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readUploadSheets } from './reader.js';

async function twoSheets(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('说明').addRow(['本表由村委会填写']);
  const s = book.addWorksheet('户籍');
  s.addRow(['户编号', '姓名', '身份证号']);
  for (let i = 1; i <= 50; i++) s.addRow([String(i), `祝春燕${i}`, `42050219580520${String(i).padStart(3, '0')}X`]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('xlsx reader', () => {
  // exceljs writes xl/workbook.xml last; its own streaming pass at times never saw it (exceljs #3064)
  it('reads the same bytes the same way every time, also many at once', async () => {
    const file = await twoSheets();
    const reads = await Promise.all(Array.from({ length: 40 }, () => readUploadSheets('户籍.xlsx', file, 1000)));
    for (const sheets of reads) {
      expect(sheets.map((s) => s.name)).toEqual(['说明', '户籍']);
      expect(sheets[1]!.rows).toHaveLength(51);
      expect(sheets[1]!.rows[50]!.cells).toEqual(['50', '祝春燕50', '42050219580520050X']);
    }
  });

  it('calls a cut-off upload unreadable, naming the file', async () => {
    const file = await twoSheets();
    await expect(readUploadSheets('户籍.xlsx', file.subarray(0, file.length - 200), 1000)).rejects.toMatchObject({ code: 'import.unreadable', params: { name: '户籍.xlsx' } });
  });
});
