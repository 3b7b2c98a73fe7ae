import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';

export interface NumberContext {
  /** When the record is created, in the organisation's zone. */
  at: Date;
  timeZone: string;
  /** Code of the requester's unit, for `{unit}`. */
  unitCode?: string;
  /**
   * What the sequence counts by. By default it restarts for every distinct
   * rendering of the other tokens; a caller may fix it instead (invoices count
   * per company and year whether or not the pattern shows the month).
   */
  sequenceKey?: string;
}

// Tokens are read case-insensitively: `{YYYY}/{MM}` and `{yyyy}/{mm}` are the same.
const TOKEN = /\{(yyyy|yy|mm|dd|unit|seq(?::(\d+))?)\}/gi;

/** Checks a pattern: it must contain exactly one `{seq}` or `{seq:N}` and only known tokens (any letter case). */
export function isValidPattern(pattern: string): boolean {
  const tokens = [...pattern.matchAll(/\{([^}]*)\}/g)].map((m) => (m[1] ?? '').toLowerCase());
  return (
    tokens.filter((t) => /^seq(:\d{1,2})?$/.test(t)).length === 1 && tokens.every((t) => /^(yyyy|yy|mm|dd|unit|seq(:\d{1,2})?)$/.test(t))
  );
}

function dateParts(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { yyyy: parts.year ?? '', mm: parts.month ?? '', dd: parts.day ?? '' };
}

/**
 * Renders a number pattern such as `INC-{yyyy}-{seq:6}` or `{unit}.{dd}{mm}{yyyy}.{seq:3}`.
 * The sequence restarts for every distinct rendering of the other tokens, so a
 * yearly pattern counts per year and a daily one per day (and per unit).
 */
export async function nextNumber(tx: Tx, scope: string, pattern: string, ctx: NumberContext): Promise<string> {
  const d = dateParts(ctx.at, ctx.timeZone);
  const fill = (raw: string) => {
    const token = raw.toLowerCase();
    return token === 'yyyy'
      ? d.yyyy
      : token === 'yy'
        ? d.yyyy.slice(2)
        : token === 'mm'
          ? d.mm
          : token === 'dd'
            ? d.dd
            : token === 'unit'
              ? (ctx.unitCode ?? '')
              : '';
  };
  const isSeq = (token: string) => token.toLowerCase().startsWith('seq');
  const key = `${scope}:${ctx.sequenceKey ?? pattern.replace(TOKEN, (_m, token: string) => (isSeq(token) ? '#' : fill(token)))}`;
  // The upsert takes a row lock held until commit: concurrent creates queue here, and a rollback gives the number back.
  const { rows } = await tx.execute<{ value: number }>(sql`
    INSERT INTO number_sequences (key, value) VALUES (${key}, 1)
    ON CONFLICT (key) DO UPDATE SET value = number_sequences.value + 1
    RETURNING value`);
  const seq = Number(rows[0]?.value);
  return pattern.replace(TOKEN, (_m, token: string, width?: string) =>
    isSeq(token) ? String(seq).padStart(Number(width ?? 1), '0') : fill(token),
  );
}
