import { z } from 'zod';

const DEV_SECRET = 'dev-only-secret-change-me-0123456789abcdef';

/** Every environment variable the server reads, parsed once at start. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** External PostgreSQL; when absent an embedded server is started under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Where the embedded database and local files live. */
  DATA_DIR: z.string().default('./data'),
  /** Port of the embedded PostgreSQL. */
  EMBEDDED_PG_PORT: z.coerce.number().int().positive().default(54329),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().nonnegative().default(3000),
  /** Public base URL used in links inside emails. */
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  /** Signs and encrypts (sessions, CSRF, SMTP password at rest). 32+ characters. */
  APP_SECRET: z.string().min(32).default(DEV_SECRET),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  /** Seconds a process serves a signed-in actor or reference data (status labels, settings) from memory; changes still apply at once. 0 turns the cache off. */
  CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
  /** Set to "false" to skip the demo organisation on an empty development database. */
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  /** Directory of the built web app to serve; empty disables static serving. */
  WEB_DIST: z.string().default('../web/dist'),
  /** Port of the inbound SMTP listener for the helpdesk address (email to ticket); off when unset. For development, tests and behind a relay. */
  MAIL_INBOUND_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  MAIL_INBOUND_HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Proxies in front of the server whose X-Forwarded-For/-Proto/-Host are believed:
   * `none` (default: the socket's address is the client), a hop count (`1`), or a
   * comma-separated list of addresses and CIDRs (`10.0.0.0/8,127.0.0.1`, also
   * `loopback`, `linklocal`, `uniquelocal`).
   */
  TRUST_PROXY: z
    .string()
    .default('none')
    .transform((value, ctx): false | number | string[] => {
      const v = value.trim();
      if (v === '' || v === 'none' || v === 'false') return false;
      if (/^\d+$/.test(v)) return Number(v);
      const list = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const keyword = /^(loopback|linklocal|uniquelocal)$/;
      const address = /^[0-9a-fA-F:.]+(\/\d{1,3})?$/;
      const wrong = list.find((s) => !keyword.test(s) && !address.test(s));
      if (wrong) ctx.addIssue({ code: 'custom', message: `not an address, CIDR or hop count: ${wrong}` });
      return list;
    }),
  /** Lets outbound calls (SMS gateway, webhooks) reach loopback and private addresses: development and tests only. */
  ALLOW_PRIVATE_OUTBOUND: z.enum(['true', 'false']).default('false'),
  /** Lets SMTP send a password without TLS (a relay on the same host); refused otherwise. */
  ALLOW_INSECURE_SMTP: z.enum(['true', 'false']).default('false'),
  /** Bearer token for GET /metrics (Prometheus); without it /metrics answers 404. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Outgoing webhooks: the wait after a first failed delivery, doubling after each further failure (retried for 24 hours). */
  WEBHOOK_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Outgoing webhooks: failed attempts in a row after which an endpoint is disabled (its owner and the Administrators are told). */
  WEBHOOK_DISABLE_AFTER: z.coerce.number().int().min(1).max(1000).default(20),
  /** Where backup archives are written (default `<DATA_DIR>/backups`). */
  BACKUP_DIR: z.string().optional(),
  /** Daily backup time in the organisation's time zone (`HH:MM`), or `off`. */
  BACKUP_TIME: z.union([z.literal('off'), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)]).default('01:30'),
  /** Days a backup archive is kept before it is pruned. */
  BACKUP_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new Error(`Invalid environment:\n${z.prettifyError(result.error)}`);
  }
  const env = result.data;
  if (env.NODE_ENV === 'production') {
    if (env.APP_SECRET === DEV_SECRET) throw new Error('APP_SECRET must be set to a secret of 32+ characters in production');
  }
  return env;
}
