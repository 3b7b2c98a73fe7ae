import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { loadExcel } from './excel.ts';
import { sniffType } from './sniff.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One data row keyed by lower-cased header; `line` is the row number a person sees in the file. */
export interface SheetRow {
  line: number;
  values: Record<string, string>;
}

/** Reads the first sheet of an XLSX file or a CSV (comma or semicolon) into rows keyed by header. */
export async function readSpreadsheet(data: Buffer): Promise<SheetRow[]> {
  const type = await sniffType(data, ['text/csv', XLSX, 'application/zip']);
  if (type === 'text/csv') {
    const text = data.toString('utf8').replace(/^\uFEFF/, '');
    const delimiter = (text.split('\n')[0] ?? '').includes(';') ? ';' : ',';
    const records: string[][] = parse(text, { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true });
    const [header, ...rest] = records;
    if (!header) return [];
    const keys = header.map((h) => h.toLowerCase());
    return rest.map((cells, i) => ({ line: i + 2, values: Object.fromEntries(keys.map((k, j) => [k, cells[j] ?? ''])) }));
  }
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const keys: string[] = [];
  const rows: SheetRow[] = [];
  sheet.eachRow((row, number) => {
    const cells = (row.values as unknown[]).slice(1).map((v) => cellText(v));
    if (number === 1) keys.push(...cells.map((c) => c.toLowerCase()));
    else if (cells.some((c) => c !== '')) rows.push({ line: number, values: Object.fromEntries(keys.map((k, j) => [k, cells[j] ?? ''])) });
  });
  return rows;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'text' in value) return String((value as { text: unknown }).text).trim();
  if (typeof value === 'object' && 'result' in value) return String((value as { result: unknown }).result).trim();
  if (value instanceof Date) return value.toISOString();
  return String(value).trim();
}

/**
 * A cell a spreadsheet would run as a formula gets a leading apostrophe, so
 * exported data can never execute (CSV injection). Spreadsheets in East
 * Asian locales also read the full-width signs (＝ ＋ － ＠) as formulas, and
 * leading spaces or line breaks do not stop them.
 */
export function neutraliseCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  return /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/.test(text) ? `'${text}` : text;
}

/** CSV with a UTF-8 BOM (so Excel reads Indonesian text right) and every cell neutralised. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return `\uFEFF${stringify([header.map(neutraliseCell), ...rows.map((r) => r.map(neutraliseCell))])}`;
}

/**
 * One sheet with a bold, frozen header row; every cell is text, neutralised
 * like CSV cells, so nothing in it is ever taken for a formula.
 */
export async function toXlsx(sheetName: string, header: string[], rows: unknown[][]): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header.map(neutraliseCell)).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map(neutraliseCell));
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(header[i]?.length ?? 0, ...rows.slice(0, 200).map((r) => neutraliseCell(r[i]).length));
    column.width = Math.min(60, Math.max(10, longest + 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
