import { describe, expect, it } from 'vitest';
import { neutraliseCell, toCsv } from './spreadsheet.ts';

describe('formula neutralisation', () => {
  it('disarms formula signs, their full-width look-alikes and leading blanks', () => {
    for (const cell of [
      '=1+1',
      '+62812',
      '-2',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
      '＝HYPERLINK("x")',
      '＋1',
      '－1',
      '＠A1',
      '  =1',
      '\u3000＝1',
    ]) {
      expect(neutraliseCell(cell), JSON.stringify(cell)).toBe(`'${cell}`);
    }
    for (const cell of ['Printer rusak', '2026-11-25', 'a=b', 'Rp 5.000.000', '']) expect(neutraliseCell(cell)).toBe(cell);
    expect(toCsv(['judul'], [['＝cmd|"/c calc"!A1']])).toContain(`"'＝cmd|""/c calc""!A1"`);
  });
});
