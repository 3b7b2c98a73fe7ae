import { onFirstUse } from '../lazy.ts';

/**
 * exceljs, loaded on the first spreadsheet read or written: it is the largest
 * package the server uses and most starts never touch it (cold start, issue 19).
 */
export const loadExcel = onFirstUse(async () => (await import('exceljs')).default);
