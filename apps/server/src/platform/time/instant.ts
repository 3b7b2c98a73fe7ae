/** PostgreSQL's text of a UTC timestamptz: `2026-11-30 01:02:03.123456+00`, or inside JSON `2026-11-30T01:02:03.123456+00:00`. */
const PG_UTC = /^([1-9]\d{3}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(?:\+00(?::00)?|Z)$/;

/**
 * An instant as ISO 8601 in UTC with milliseconds, exactly what `new Date(value).toISOString()`
 * writes. PostgreSQL's UTC text is rewritten without building a Date: a list page has hundreds
 * of timestamps, and parsing and formatting each was a fifth of the queue's Node time.
 */
export function isoInstant(value: Date | string): string {
  if (typeof value === 'string') {
    const m = PG_UTC.exec(value);
    if (m) return `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
  }
  return new Date(value).toISOString();
}
