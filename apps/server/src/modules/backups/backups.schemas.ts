import { z } from 'zod';

export const backupOut = z.object({
  id: z.number().int(),
  trigger: z.enum(['scheduled', 'manual', 'command']),
  status: z.enum(['running', 'succeeded', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  sizeBytes: z.number().int().nullable(),
  sha256: z.string().nullable(),
  /** Whether the archive is still kept and can be downloaded. */
  available: z.boolean(),
  error: z.string().nullable(),
});

/** The last runs and the schedule they follow. */
export const backupList = z.object({
  items: z.array(backupOut),
  schedule: z.object({ time: z.string(), timeZone: z.string(), retentionDays: z.number().int() }),
});
