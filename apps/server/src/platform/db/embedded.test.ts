import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded.ts';

it('says why the embedded PostgreSQL did not start (here: its port is taken)', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '::', resolve));
  const { port } = taken.address() as { port: number };
  const dir = mkdtempSync(join(tmpdir(), 'ish-pg-'));
  try {
    const refusal = await startEmbeddedPostgres(dir, port).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(Error);
    expect((refusal as Error).message).toMatch(
      new RegExp(`PostgreSQL did not start on port ${port} .*(already in use|could not create)`, 's'),
    );
  } finally {
    taken.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
