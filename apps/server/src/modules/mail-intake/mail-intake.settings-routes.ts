import { z } from 'zod';
import type { AuditSource } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { encryptSecret } from '../../platform/security/tokens.ts';
import { findTeam, findUnitPlacement } from '../org/index.ts';
import { writeModuleSetting } from '../settings/index.ts';
import { type MailIntakeSettings, mailIntakeSettings } from './mail-intake.settings.ts';

export const mailSettingsBody = z.strictObject({
  version: z.number().int().min(0),
  helpdeskAddress: z.union([z.literal(''), z.email().max(254)]),
  companyId: z.number().int().positive().nullable(),
  unitId: z.number().int().positive().nullable(),
  teamId: z.number().int().positive().nullable(),
  unknownSenders: z.enum(['contact', 'refuse']),
  perSenderPerHour: z.number().int().min(1).max(1000),
  imap: z.strictObject({
    enabled: z.boolean(),
    host: z.string().trim().max(255),
    port: z.number().int().min(1).max(65535),
    secure: z.boolean(),
    user: z.string().trim().max(255),
    password: z.string().max(500).optional(),
    folder: z.string().trim().min(1).max(255),
  }),
});

export const mailSettingsOut = z.object({
  helpdeskAddress: z.string(),
  companyId: z.number().int().nullable(),
  unitId: z.number().int().nullable(),
  teamId: z.number().int().nullable(),
  unknownSenders: z.enum(['contact', 'refuse']),
  perSenderPerHour: z.number().int(),
  imap: z.object({
    enabled: z.boolean(),
    host: z.string(),
    port: z.number().int(),
    secure: z.boolean(),
    user: z.string(),
    folder: z.string(),
    passwordSet: z.boolean(),
  }),
  version: z.number().int(),
});

export function presentMailSettings({ value, version }: { value: MailIntakeSettings; version: number }) {
  const { passwordEncrypted, ...imap } = value.imap;
  return { ...value, imap: { ...imap, passwordSet: !!passwordEncrypted }, version };
}

const badRef = (field: string) => new AppError(400, 'UNKNOWN_REFERENCE', { field }, [{ path: field, message: 'UNKNOWN_REFERENCE' }]);

/** Saves the settings; the unit and team must be the company's, the IMAP password is sealed with APP_SECRET. */
export async function saveMailSettings(ctx: AppContext, userId: number, source: AuditSource, input: z.infer<typeof mailSettingsBody>) {
  const current = (await mailIntakeSettings(ctx.db)).value;
  if (input.unitId !== null) {
    const unit = await findUnitPlacement(ctx.db, input.unitId);
    if (!unit || unit.companyId !== input.companyId) throw badRef('unitId');
  }
  if (input.teamId !== null && (await findTeam(ctx.db, input.teamId))?.companyId !== input.companyId) throw badRef('teamId');
  const { password, ...imap } = input.imap;
  const passwordEncrypted =
    password === undefined ? current.imap.passwordEncrypted : password === '' ? null : encryptSecret(password, ctx.env.APP_SECRET);
  const { version, ...rest } = input;
  const value: MailIntakeSettings = { ...rest, imap: { ...imap, passwordEncrypted } };
  await writeModuleSetting(ctx, userId, source, 'mail_intake', value, version);
  return presentMailSettings(await mailIntakeSettings(ctx.db));
}
