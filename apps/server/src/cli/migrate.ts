// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database) and exits.
import { openRuntime } from '../bootstrap.ts';
import { parseEnv } from '../env.ts';

const runtime = await openRuntime(parseEnv(), console);
console.log('Database is up to date.');
await runtime.stop();
