import { describe, expect, it } from 'vitest';
import { indexTokens, searchQuery, stemCandidates, words } from './knowledge.stemmer.ts';

describe('Indonesian word forms', () => {
  // Each form shares its root with the bare root, so a search for one finds the other.
  const families: [string, string[]][] = [
    ['cetak', ['mencetak', 'dicetak', 'pencetakan', 'cetakan', 'tercetak', 'mencetaknya']],
    ['kirim', ['mengirim', 'dikirim', 'pengiriman', 'kirimkan', 'mengirimkan']],
    ['tulis', ['menulis', 'ditulis', 'penulisan', 'tulisan']],
    ['sapu', ['menyapu', 'disapu']],
    ['pakai', ['memakai', 'dipakai', 'pemakaian']],
    ['baik', ['memperbaiki', 'diperbaiki', 'perbaikan']],
    ['hubung', ['menghubungi', 'terhubung', 'berhubungan', 'penghubung']],
    ['lihat', ['melihat', 'dilihat', 'terlihat', 'penglihatan']],
    ['ajar', ['belajar', 'pelajaran', 'mengajar']],
    ['kerja', ['bekerja', 'pekerjaan', 'dikerjakan']],
    ['salah', ['kesalahan', 'bersalah']],
    ['printer', ['printernya', 'printerku']],
    ['nikah', ['menikah', 'pernikahan']],
  ];
  for (const [root, forms] of families)
    it(`finds "${root}" in ${forms.join(', ')}`, () => {
      for (const form of forms) expect(stemCandidates(form), form).toContain(root);
    });

  it('always keeps the word itself and never yields roots shorter than three letters', () => {
    for (const word of ['jaringan', 'internet', 'lambat', 'ikan', 'vpn']) {
      const candidates = stemCandidates(word);
      expect(candidates).toContain(word);
      expect(candidates.every((c) => c.length >= 3)).toBe(true);
    }
  });

  it('normalises case and accents and splits on punctuation', () => {
    expect(words('Printer RUSAK—café, e-mail!')).toEqual(['printer', 'rusak', 'cafe', 'mail']);
  });

  it('builds a query whose every word matches any of its forms, the last one also as a prefix while typing', () => {
    expect(searchQuery('mencetak')).toBe('(mencetak | cetak | ncetak)');
    expect(searchQuery('printer menc', { prefix: true })).toMatch(/^\(printer\) & \(.*menc:\*\)$/);
    expect(searchQuery('  ,, ')).toBeNull();
    // Index and query share roots: "cetak" is among both the document's and the query's tokens.
    expect(indexTokens('Printer tidak bisa mencetak dokumen').split(' ')).toContain('cetak');
  });
});
