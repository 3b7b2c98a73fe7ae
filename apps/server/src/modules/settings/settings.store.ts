import { DEFAULT_TIME_ZONE } from '@ish/shared';
import { eq } from 'drizzle-orm';
import { referenceCache } from '../../platform/cache/reference.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { SmtpConfig } from '../../platform/mail/mailer.ts';
import { decryptSecret } from '../../platform/security/tokens.ts';
import { settings } from './settings.tables.ts';

export interface IdentitySettings {
  organisationName: string;
  primaryColor: string;
  logoFileId: number | null;
}
export interface RegionalSettings {
  defaultTimeZone: string;
}
export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  /** AES-GCM sealed with APP_SECRET; never returned by the API. */
  passwordEncrypted: string | null;
  from: string;
}

export interface SettingsShape {
  identity: IdentitySettings;
  regional: RegionalSettings;
  smtp: SmtpSettings | null;
}

export const SETTING_DEFAULTS: SettingsShape = {
  identity: { organisationName: 'Internal Service Hub', primaryColor: '#1c7ed6', logoFileId: null },
  regional: { defaultTimeZone: DEFAULT_TIME_ZONE },
  smtp: null,
};

const settingCache = referenceCache<{ value: unknown; version: number } | null>('settings');

/** A settings row, cached for a few seconds outside transactions (a save drops it in every process at once). */
async function settingRow(tx: Tx, key: string): Promise<{ value: unknown; version: number } | null> {
  return settingCache(tx, key, async () => {
    const [row] = await tx.select({ value: settings.value, version: settings.version }).from(settings).where(eq(settings.key, key));
    return row ?? null;
  });
}

/** A setting's value and row version (0 when never saved). */
export async function readSetting<K extends keyof SettingsShape>(tx: Tx, key: K): Promise<{ value: SettingsShape[K]; version: number }> {
  const row = await settingRow(tx, key);
  if (!row) return { value: SETTING_DEFAULTS[key], version: 0 };
  return { value: { ...(SETTING_DEFAULTS[key] ?? {}), ...(row.value as object) } as SettingsShape[K], version: row.version };
}

/** The SMTP configuration with the password decrypted, or null when not configured. */
export async function getSmtpConfig(
  tx: Tx,
  env: { APP_SECRET: string; ALLOW_INSECURE_SMTP: 'true' | 'false' },
): Promise<SmtpConfig | null> {
  const { value } = await readSetting(tx, 'smtp');
  if (!value?.host) return null;
  return {
    host: value.host,
    port: value.port,
    secure: value.secure,
    user: value.user,
    password: value.passwordEncrypted ? decryptSecret(value.passwordEncrypted, env.APP_SECRET) : null,
    from: value.from,
    allowInsecure: env.ALLOW_INSECURE_SMTP === 'true',
  };
}

/** A module's own settings document under `key`, merged over its defaults (version 0 when never saved). */
export async function readModuleSetting<T extends object>(tx: Tx, key: string, defaults: T): Promise<{ value: T; version: number }> {
  const row = await settingRow(tx, key);
  return row ? { value: { ...defaults, ...(row.value as object) }, version: row.version } : { value: defaults, version: 0 };
}

/** The organisation's own zone (regional settings): for what belongs to no company, such as the audit log's days. */
export async function organisationTimeZone(tx: Tx): Promise<string> {
  return (await readSetting(tx, 'regional')).value.defaultTimeZone;
}
