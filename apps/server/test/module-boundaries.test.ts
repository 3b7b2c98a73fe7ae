import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);
let dir = '';

/** A throw-away tree shaped like ours, checked with the project's own dependency-cruiser configurations. */
function tree(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'ish-boundaries-'));
  for (const config of ['.dependency-cruiser.cjs', '.dependency-cruiser-modules.cjs']) cpSync(join(root, config), join(dir, config));
  const all: Record<string, string> = {
    'apps/server/tsconfig.json': '{ "compilerOptions": { "allowImportingTsExtensions": true } }',
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function lint(cwd: string, config: string, target: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await run(join(root, 'node_modules/.bin/depcruise'), [target, '--config', config], { cwd });
    return { ok: true, output: stdout };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout) };
  }
}

const face = (name: string, body = `export const ${name} = 1;`) => ({
  [`apps/server/src/modules/${name}/index.ts`]: `export * from './${name}.service.ts';\n`,
  [`apps/server/src/modules/${name}/${name}.service.ts`]: body,
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('module boundaries (npm run lint)', () => {
  it('accepts modules that reach each other through their faces in one direction', async () => {
    const cwd = tree({ ...face('a', "import { b } from '../b/index.ts';\nexport const a = b;"), ...face('b') });
    expect((await lint(cwd, '.dependency-cruiser.cjs', 'apps')).ok).toBe(true);
    expect((await lint(cwd, '.dependency-cruiser-modules.cjs', 'apps/server/src/modules')).ok).toBe(true);
  });

  it('fails on an import that bypasses another module’s face', async () => {
    const cwd = tree({ ...face('a', "import { b } from '../b/b.service.ts';\nexport const a = b;"), ...face('b') });
    const result = await lint(cwd, '.dependency-cruiser.cjs', 'apps');
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(
      /module-face: apps\/server\/src\/modules\/a\/a\.service\.ts → apps\/server\/src\/modules\/b\/b\.service\.ts/,
    );
  });

  it('fails on a cycle between modules, even through their faces', async () => {
    const cwd = tree({
      ...face('a', "import { b } from '../b/index.ts';\nexport const a = () => b;"),
      ...face('b', "import { a } from '../a/index.ts';\nexport const b = () => a;"),
    });
    const result = await lint(cwd, '.dependency-cruiser-modules.cjs', 'apps/server/src/modules');
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/no-module-cycle/);
  });
});
