import { describe, expect, it } from 'vitest';
import { buildContext } from '../src/context.ts';
import { parseEnv } from '../src/env.ts';
import { connect } from '../src/platform/db/client.ts';
import { buildPendingSerializers } from '../src/platform/http/serializer.ts';
import { buildServer } from '../src/server.ts';

// Response serializers are compiled on a route's first answer; this builds every route's now.
describe('response serializers', () => {
  it('compiles the response schema of every route of the server (none falls back to zod)', async () => {
    const url = 'postgres://serializer@127.0.0.1:1/none';
    const env = parseEnv({ NODE_ENV: 'test', DATABASE_URL: url, LOG_LEVEL: 'silent', WEB_DIST: '' });
    const database = connect(url, 1);
    const app = await buildServer(buildContext(env, database, url, console));
    await app.ready();
    const all = buildPendingSerializers();
    await app.close();
    await database.close();
    expect(all.built).toBeGreaterThan(200);
    expect(all.fellBack).toBe(0);
  });
});
