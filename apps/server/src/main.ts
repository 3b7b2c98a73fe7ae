import { openRuntime } from './bootstrap.ts';
import { parseEnv } from './env.ts';
import { startInboundSmtp } from './modules/mail-intake/index.ts';
import { seedIfEmpty } from './seed/seed.ts';
import { buildServer } from './server.ts';

// Process entry: environment → database → migrations → demo data → jobs → HTTP.
async function main() {
  const env = parseEnv();
  const runtime = await openRuntime(env, console);
  let closing = false;
  let smtp: { close(): Promise<void> } | undefined;
  const app = await buildServer(runtime.ctx);
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: shutting down`);
    await smtp?.close().catch(() => {});
    await app.close().catch(() => {});
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    // Jobs first: seeding goes through the real services, which queue notifications.
    await runtime.ctx.jobs.start();
    await seedIfEmpty(runtime.ctx, app.log);
    await app.listen({ host: env.HOST, port: env.PORT });
    if (env.MAIL_INBOUND_PORT) {
      const listener = await startInboundSmtp(runtime.ctx, { host: env.MAIL_INBOUND_HOST, port: env.MAIL_INBOUND_PORT });
      smtp = listener;
      app.log.info(`Inbound SMTP for the helpdesk address on ${env.MAIL_INBOUND_HOST}:${listener.port}`);
    }
  } catch (error) {
    app.log.error(error);
    await runtime.stop();
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(`Internal Service Hub could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
