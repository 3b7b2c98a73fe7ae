import type { Locale } from '@ish/shared';
import type { AuditSource } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { postgresFileStore } from '../../platform/files/file-store.ts';
import { reencodeImage } from '../../platform/files/images.ts';
import { IMAGE_TYPES, sniffType } from '../../platform/files/sniff.ts';
import type { Upload } from '../../platform/files/upload.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { deliver } from '../../platform/mail/mailer.ts';
import { encryptSecret } from '../../platform/security/tokens.ts';
import { companyLogoUrl, readCompanyBranding } from './company-branding.ts';
import { writeModuleSetting } from './module-settings.ts';
import type { IdentityInput, RegionalInput, SmtpInput } from './settings.schemas.ts';
import { getSmtpConfig, readSetting } from './settings.store.ts';

const logoUrl = (fileId: number | null) => (fileId ? `/api/v1/settings/logo?v=${fileId}` : null);

/**
 * Organisation name, colour, logo and time zone for the sign-in page and the shell; with `companyId` (a
 * signed-in user's company) the company's own name, colour and logo win over the organisation's.
 */
export async function branding(tx: Tx, companyId?: number) {
  const [identity, regional, own] = await Promise.all([
    readSetting(tx, 'identity'),
    readSetting(tx, 'regional'),
    companyId ? readCompanyBranding(tx, companyId) : null,
  ]);
  return {
    organisationName: own?.name ?? identity.value.organisationName,
    primaryColor: own?.primaryColor ?? identity.value.primaryColor,
    logoUrl: own?.logoFileId && companyId ? companyLogoUrl(companyId, own.logoFileId) : logoUrl(identity.value.logoFileId),
    defaultTimeZone: regional.value.defaultTimeZone,
  };
}

/** Every setting with its version; the SMTP password only as "set". */
export async function presentSettings(tx: Tx) {
  const [identity, regional, smtp] = await Promise.all([readSetting(tx, 'identity'), readSetting(tx, 'regional'), readSetting(tx, 'smtp')]);
  const s = smtp.value;
  return {
    identity: {
      organisationName: identity.value.organisationName,
      primaryColor: identity.value.primaryColor,
      logoUrl: logoUrl(identity.value.logoFileId),
      version: identity.version,
    },
    regional: { defaultTimeZone: regional.value.defaultTimeZone, version: regional.version },
    smtp: {
      host: s?.host ?? null,
      port: s?.port ?? null,
      secure: s?.secure ?? false,
      user: s?.user ?? null,
      from: s?.from ?? null,
      passwordSet: !!s?.passwordEncrypted,
      version: smtp.version,
    },
  };
}

export async function updateIdentity(ctx: AppContext, userId: number, source: AuditSource, input: IdentityInput) {
  const { version, ...value } = input;
  const current = (await readSetting(ctx.db, 'identity')).value;
  await writeModuleSetting(ctx, userId, source, 'identity', { ...current, ...value }, version);
}

export async function updateRegional(ctx: AppContext, userId: number, source: AuditSource, input: RegionalInput) {
  await writeModuleSetting(ctx, userId, source, 'regional', { defaultTimeZone: input.defaultTimeZone }, input.version);
}

/** The password is stored encrypted: absent keeps it, null or empty clears it. */
export async function updateSmtp(ctx: AppContext, userId: number, source: AuditSource, input: SmtpInput) {
  const { version, password, ...value } = input;
  const current = (await readSetting(ctx.db, 'smtp')).value;
  // The stored password belongs to one server and account: another host, port or user never receives it.
  const sameAccount = !!current && current.host === value.host && current.port === value.port && current.user === value.user;
  const passwordEncrypted =
    password === undefined
      ? sameAccount
        ? (current?.passwordEncrypted ?? null)
        : null
      : password === null || password === ''
        ? null
        : encryptSecret(password, ctx.env.APP_SECRET);
  await writeModuleSetting(ctx, userId, source, 'smtp', { ...value, passwordEncrypted }, version);
}

/** Sends a test email now with the saved SMTP settings, in the caller's language. */
export async function sendTestMail(ctx: AppContext, locale: Locale, to: string, log: { warn(o: object, msg: string): void }) {
  const smtp = await getSmtpConfig(ctx.db, ctx.env);
  if (!smtp) throw new AppError(409, 'SMTP_NOT_CONFIGURED');
  const organisation = (await readSetting(ctx.db, 'identity')).value.organisationName;
  try {
    await deliver(smtp, {
      to,
      subject: t(locale, 'settings.test.subject', { organisation }),
      text: t(locale, 'settings.test.body', { organisation }),
    });
  } catch (error) {
    // The raw error would tell which hosts and ports answer (a port scanner): log it, answer generically.
    log.warn({ err: error }, 'SMTP test failed');
    throw new AppError(502, 'SMTP_TEST_FAILED');
  }
}

/** Stores a sniffed image as the logo, resized to fit 512×512 as PNG. */
export async function setLogo(ctx: AppContext, userId: number, source: AuditSource, upload: Upload) {
  await sniffType(upload.data, IMAGE_TYPES);
  const png = await reencodeImage(upload.data, (image) => image.resize(512, 512, { fit: 'inside', withoutEnlargement: true }).png());
  const current = await readSetting(ctx.db, 'identity');
  const logoFileId = await postgresFileStore.put(ctx.db, { purpose: 'logo', contentType: 'image/png', data: png, createdBy: userId });
  await writeModuleSetting(ctx, userId, source, 'identity', { ...current.value, logoFileId }, current.version);
}

export async function removeLogo(ctx: AppContext, userId: number, source: AuditSource) {
  const current = await readSetting(ctx.db, 'identity');
  await writeModuleSetting(ctx, userId, source, 'identity', { ...current.value, logoFileId: null }, current.version);
}

export async function readLogo(tx: Tx) {
  const { logoFileId } = (await readSetting(tx, 'identity')).value;
  const file = logoFileId ? await postgresFileStore.get(tx, logoFileId) : null;
  if (!file) throw notFound();
  return file;
}
