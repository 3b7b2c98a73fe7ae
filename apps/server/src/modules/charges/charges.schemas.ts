import { z } from 'zod';

const money = z.number().int().describe('Whole Rupiah');

export const chargeOut = z.object({
  id: z.number().int(),
  kind: z.enum(['charge', 'reversal']),
  requestNumber: z.string(),
  item: z.string(),
  itemVersion: z.number().int(),
  requestingUnit: z.object({ id: z.number().int(), name: z.string() }),
  providingUnit: z.object({ id: z.number().int(), name: z.string() }),
  quantity: z.number(),
  rate: money,
  amount: money,
  ticketNumber: z.string().nullable(),
  reason: z.string().nullable(),
  chargedAt: z.string(),
  /** What the reader may do with this charge. */
  allowedActions: z.array(z.enum(['reverse'])),
});

const side = z.object({ items: z.array(chargeOut), total: money });

export const chargesQuery = z.strictObject({
  division: z.coerce.number().int().positive(),
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
});

export const chargesOut = z.object({ unitId: z.number().int(), period: z.string(), spent: side, earned: side });

export const reverseBody = z.strictObject({ reason: z.string().trim().min(1).max(2000) });

export const chargeDivisionsOut = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      /** `YYYY-MM`: this month in the division's company's time zone. */
      currentPeriod: z.string(),
    }),
  ),
});
