// Plain JavaScript on purpose: `npm start` runs this before anything else, and the first .ts file a
// process loads starts Node's type stripper (a few hundred milliseconds of a cold start).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time under a file or directory (0 if it does not exist). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // a deleted file changes its directory
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    const mtime = statSync(join(entry.parentPath, entry.name)).mtimeMs;
    if (mtime > latest) latest = mtime;
  }
  return latest;
}

/**
 * True when `output` is missing or older than any of `inputs` (files or directories).
 * @param {string} output
 * @param {string[]} inputs
 */
export function isStale(output, inputs) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return inputs.some((input) => newest(input) > built);
}
