import { z } from 'zod';

/** Response schema of a 204. */
export const noContent = z.null().describe('No content');

/** `?page=&pageSize=` for every list; pages are 1-based. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

/** The envelope of every paginated list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

/** A comma-separated query parameter (`?status=new,assigned`) as a list of its non-empty parts. */
export const csvParam = z
  .string()
  .max(500)
  .transform((s) =>
    s
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  );
/** A comma-separated list of ids (`?teamId=3,7`). */
export const idsParam = csvParam.pipe(z.array(z.string().regex(/^\d+$/).transform(Number)));

/** Path parameter `{id}` as a positive integer. */
export const idParams = z.strictObject({ id: z.coerce.number().int().positive() });

const sensibleYear = (value: string) => {
  const year = Number(value.slice(0, 4));
  return year >= 1900 && year <= 9999;
};

/** A calendar day `YYYY-MM-DD` from 1900 on (PostgreSQL has no year 0000; nothing here predates 1900). */
export const calendarDate = z.iso.date().refine(sensibleYear, 'year out of range');

/** Optimistic concurrency: every update carries the version it was based on. */
export const version = z.number().int().positive();

/** An IANA time zone the runtime knows (Asia/Jakarta WIB, Asia/Makassar WITA, Asia/Jayapura WIT, …). */
export const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'invalid time zone');

/**
 * A PATCH body from a create schema: every field optional and defaults dropped,
 * so a field left out stays as it is instead of being reset to its default.
 */
export function patchOf<T extends z.ZodRawShape>(shape: T) {
  const optional = (field: z.core.$ZodType) => z.optional(field instanceof z.ZodDefault ? field.unwrap() : field);
  return z.strictObject(Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, optional(field)]))) as unknown as z.ZodObject<
    { [K in keyof T]: z.ZodOptional<T[K]> },
    z.core.$strict
  >;
}

/** A query parameter holding a comma-separated list (`?status=new,assigned`). */
export const csv = z
  .string()
  .max(500)
  .transform((s) =>
    s
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  );

/** A comma-separated list of ids (`?unitId=4,5`). */
export const ids = csv.pipe(z.array(z.string().regex(/^\d+$/).transform(Number)));
