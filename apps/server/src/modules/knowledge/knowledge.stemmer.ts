// Indonesian word forms for full-text search. PostgreSQL ships no Indonesian
// stemmer, and a dictionary-based one (Nazief–Adriani) needs a root-word list
// we would have to keep. Instead, every word is expanded into the candidate
// roots that affix stripping could give — at indexing and at query time alike
// — so "mencetak", "dicetak", "pencetakan" and "cetak" share the candidate
// "cetak". Where a nasal prefix is ambiguous without a dictionary (menulis:
// "tulis" or "ulis"?), both candidates are kept; the word itself always is.
// See docs/ARCHITECTURE.md ("Indonesian search").

const VOWELS = 'aiueo';
const isVowel = (c: string | undefined) => c !== undefined && VOWELS.includes(c);
/** A candidate root must be this long and hold a vowel; shorter ones match too much. */
const MIN_ROOT = 3;
const acceptable = (s: string) => s.length >= MIN_ROOT && /[aiueo]/.test(s);

const PARTICLES = ['lah', 'kah', 'tah', 'pun'];
const POSSESSIVES = ['nya', 'ku', 'mu'];
const DERIVATIONAL = ['kan', 'an', 'i'];

/** `s` without each of `suffixes` it ends with (pencetakan: -an gives cetak, -kan would give ceta), when a root is left. */
function withoutSuffix(s: string, suffixes: string[]): string[] {
  return suffixes
    .filter((suffix) => s.endsWith(suffix))
    .map((suffix) => s.slice(0, -suffix.length))
    .filter(acceptable);
}

/**
 * What is left after one prefix, with the nasal recoded where the prefix
 * swallowed a consonant (meny+apu → sapu, mem+ukul → pukul, men+ulis → tulis,
 * meng+irim → kirim) — both readings where the letter after it is a vowel.
 */
function withoutPrefix(s: string): string[] {
  const out: string[] = [];
  const rest = (prefix: string) => (s.startsWith(prefix) ? s.slice(prefix.length) : null);
  for (const p of ['me', 'pe'] as const) {
    const ng = rest(`${p}ng`);
    const ny = rest(`${p}ny`);
    const m = rest(`${p}m`);
    const n = rest(`${p}n`);
    if (ng !== null) out.push(...(isVowel(ng[0]) ? [ng, `k${ng}`] : [ng]));
    else if (ny !== null) out.push(...(isVowel(ny[0]) ? [`s${ny}`] : [ny]));
    else if (m !== null) out.push(...(isVowel(m[0]) ? [`p${m}`, m] : 'bpf'.includes(m[0] ?? '') ? [m] : []));
    else if (n !== null) out.push(...(isVowel(n[0]) ? [`t${n}`, n] : 'cdjzts'.includes(n[0] ?? '') ? [n] : []));
    // me+lihat, me+rasa, me+nikah, me+masak: the root keeps its own first letter.
    const plain = rest(p);
    if (plain !== null && 'lmnrwy'.includes(plain[0] ?? '')) out.push(plain);
  }
  for (const prefix of ['ber', 'per', 'ter', 'bel', 'pel']) {
    const r = rest(prefix);
    if (r !== null) out.push(r);
  }
  // be+kerja, te+rasa, pe+kerja: the short forms before a consonant.
  for (const prefix of ['be', 'te', 'pe']) {
    const r = rest(prefix);
    if (r !== null && !isVowel(r[0])) out.push(r);
  }
  for (const prefix of ['di', 'ke', 'se']) {
    const r = rest(prefix);
    if (r !== null) out.push(r);
  }
  return out.filter(acceptable);
}

/** The word and every root affix stripping could give for it (at most two prefixes, e.g. di+per+baik+i). */
export function stemCandidates(word: string): string[] {
  const found = new Set([word]);
  if (word.length <= MIN_ROOT || /\d/.test(word)) return [...found];
  // Particle, then possessive, then derivational suffix, each optional: every path is a base.
  let bases = new Set([word]);
  for (const suffixes of [PARTICLES, POSSESSIVES, DERIVATIONAL])
    bases = new Set([...bases, ...[...bases].flatMap((base) => withoutSuffix(base, suffixes))]);
  for (const base of bases) {
    found.add(base);
    for (const once of withoutPrefix(base)) {
      found.add(once);
      for (const twice of withoutPrefix(once)) found.add(twice);
    }
  }
  return [...found];
}

/** Lower case, accents gone, split on anything that is not a letter or digit. */
export function words(text: string): string[] {
  return text
    .toLocaleLowerCase('id')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);
}

/** The text as index tokens: every word's candidates, once each (for a `simple` tsvector). */
export function indexTokens(text: string): string {
  const tokens = new Set<string>();
  for (const word of words(text)) for (const candidate of stemCandidates(word)) tokens.add(candidate);
  return [...tokens].join(' ');
}

/** Words too common to say what a text is about, left out when any word may match. */
const STOPWORDS = new Set(
  'yang dan di ke dari tidak bisa dapat untuk dengan ini itu ada pada saat sudah belum juga lagi akan atau karena oleh sejak mohon tolong saya kami kita'.split(
    ' ',
  ),
);

/**
 * A `simple` tsquery for what someone typed: each word matches any of its
 * candidates, and all words must match (`any`: at least one, common words
 * left out — a ticket title as the query, ranked by how much matches). With
 * `prefix`, the last word also matches as the start of a longer word
 * (suggestions while typing). Null for no words.
 */
export function searchQuery(text: string, options: { prefix?: boolean; any?: boolean } = {}): string | null {
  const all = words(text);
  const typed = (options.any ? all.filter((w, i) => !STOPWORDS.has(w) || (options.prefix && i === all.length - 1)) : all).slice(0, 12);
  if (!typed.length) return null;
  return typed
    .map((word, i) => {
      const alternatives = stemCandidates(word);
      if (options.prefix && i === typed.length - 1) alternatives.push(`${word}:*`);
      return `(${alternatives.join(' | ')})`;
    })
    .join(options.any ? ' | ' : ' & ');
}
