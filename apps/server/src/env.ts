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
  /** Set to "false" to skip the demo organisation on an empty development database. */
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  /** Directory of the built web app to serve; empty disables static serving. */
  WEB_DIST: z.string().default('../web/dist'),
  /**
   * "true" lets outbound requests (webhooks) reach loopback, private and link-local
   * addresses: for a receiver on the same network, and for tests. Off by default.
   */
  ALLOW_PRIVATE_OUTBOUND: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
