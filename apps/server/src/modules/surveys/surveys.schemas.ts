import { z } from 'zod';
import { CSAT_GROUPINGS } from './surveys.queries.ts';

const score = z.number().int().min(1).max(5);

export const tokenParams = z.strictObject({ token: z.string().min(5).max(80) });

/** 004 Figure 11: three star ratings in order (service, service usable again, information) and Saran. */
export const answerBody = z.strictObject({
  answers: z.tuple([score, score, score]),
  suggestion: z.string().trim().max(2000).optional(),
});

export const publicSurveyOut = z.object({
  organisation: z.string(),
  number: z.string(),
  title: z.string(),
  state: z.enum(['open', 'answered', 'expired']),
  expiresAt: z.string(),
  answers: z.array(z.number().int()).nullable(),
  suggestion: z.string().nullable(),
});

export const ticketSurveyOut = z.object({
  state: z.enum(['none', 'open', 'answered', 'expired']),
  recipient: z.string().nullable().optional(),
  sentAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answers: z.array(z.number().int()).nullable(),
  suggestion: z.string().nullable(),
  average: z.number().nullable(),
});

const day = z.iso.date();
export const csatQuery = z.strictObject({ from: day.optional(), to: day.optional(), by: z.enum(CSAT_GROUPINGS).default('team') });

const figures = {
  responses: z.number().int(),
  service: z.number().nullable(),
  restored: z.number().nullable(),
  information: z.number().nullable(),
  overall: z.number().nullable(),
  satisfiedPercent: z.number().nullable(),
  lowScores: z.number().int(),
};
export const csatOut = z.object({
  from: z.string(),
  to: z.string(),
  by: z.enum(CSAT_GROUPINGS),
  total: z.object(figures),
  groups: z.array(z.object({ key: z.string(), label: z.string(), ...figures })),
});

/** A report's number and its tracking code: how its contact reaches the survey. */
export const trackedParams = z.strictObject({ number: z.string().trim().min(1).max(40) });
export const trackedQuery = z.strictObject({ code: z.string().trim().min(1).max(20) });
export const trackedSurveyOut = z.object({
  survey: z.object({ state: z.enum(['open', 'answered', 'expired']), url: z.string().nullable() }).nullable(),
});
