import { z } from 'zod';

export const searchQuery = z.strictObject({
  q: z.string().trim().min(2).max(100),
  /** Results per kind (default 5). */
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

const timestamp = z.iso.datetime();

export const searchResponse = z.object({
  /** Tickets the caller may see (the tickets module's visibility rule), best match first. */
  tickets: z.array(z.object({ id: z.number().int(), number: z.string(), title: z.string(), status: z.string(), statusLabel: z.string() })),
  /** Service requests the caller may see (the requests module's rule). */
  requests: z.array(z.object({ id: z.number().int(), number: z.string(), name: z.string(), status: z.string(), createdAt: timestamp })),
  /** Catalog items the caller may order. */
  catalogItems: z.array(z.object({ id: z.number().int(), name: z.string(), provider: z.string() })),
  /** Knowledge articles the caller may read (Indonesian word forms, English). */
  articles: z.array(z.object({ id: z.number().int(), number: z.string(), title: z.string(), excerpt: z.string() })),
  /** People, for the service desk only (where it works tickets). */
  people: z.array(z.object({ id: z.number().int(), name: z.string(), email: z.string(), unit: z.string() })),
});
