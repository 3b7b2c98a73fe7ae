import { type SQL, sql } from 'drizzle-orm';
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
 * A number before its sequence is drawn: the sequence's key and the text on
 * either side of `{seq}`, every other token already filled in. Working this
 * out needs no lock; only drawing the sequence (`nextNumber`, `numberSql`) does.
 */
export interface NumberPlan {
  key: string;
  before: string;
  after: string;
  /** Digits `{seq:N}` pads to (a longer sequence is never cut). */
  width: number;
}

/**
 * Plans a number pattern such as `INC-{yyyy}-{seq:6}` or `{unit}.{dd}{mm}{yyyy}.{seq:3}`.
 * The sequence restarts for every distinct rendering of the other tokens, so a
 * yearly pattern counts per year and a daily one per day (and per unit).
 */
export function planNumber(scope: string, pattern: string, ctx: NumberContext): NumberPlan {
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
  let width = 1;
  const rendered = pattern.replace(TOKEN, (_m, token: string, digits?: string) => {
    if (!isSeq(token)) return fill(token);
    width = Number(digits ?? 1);
    return '\u0000';
  });
  const [before = '', after = ''] = rendered.split('\u0000');
  return { key: `${scope}:${ctx.sequenceKey ?? `${before}#${after}`}`, before, after, width };
}

/**
 * Draws the next value of the plan's sequence and renders the number, as one
 * SQL expression for a statement of the caller's (`SELECT ${numberSql(plan)}`).
 * The upsert takes a row lock held until commit: concurrent numberings of the
 * same sequence queue there, and a rollback gives the number back, so numbers
 * stay gapless. Draw it as late in the transaction as possible.
 */
export function numberSql(plan: NumberPlan): SQL<string> {
  return sql<string>`(SELECT ${plan.before}::text || CASE WHEN length(s.value::text) >= ${plan.width}::int THEN s.value::text
      ELSE lpad(s.value::text, ${plan.width}::int, '0') END || ${plan.after}::text
    FROM (SELECT next_number(${plan.key}) AS value) s)`;
}

/** Draws and renders the next number of `pattern` (see `planNumber`, `numberSql`). */
export async function nextNumber(tx: Tx, scope: string, pattern: string, ctx: NumberContext): Promise<string> {
  const { rows } = await tx.execute<{ number: string }>(sql`SELECT ${numberSql(planNumber(scope, pattern, ctx))} AS number`);
  return String(rows[0]?.number);
}
