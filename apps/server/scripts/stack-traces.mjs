// Stack traces of the bundled server name the .ts files and their lines, as the sources would.
// Node's own source-map support (--enable-source-maps) parses every map when its module loads; here
// a bundle file's map is read the first time a stack trace passes through that file (a dependency,
// bluebird under exceljs, formats one while loading, so that is still once per start, but the maps
// hold only our own code: see unmappedDependencies in build.ts). Plain JavaScript: see
// scripts/stale.mjs.
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Installs Error.prepareStackTrace: frames in `dist` show their original file, line and column.
 * @param {string} dist the bundle's directory
 */
export function mapStackTraces(dist) {
  /** @type {Map<string, SourceMap | null>} */
  const maps = new Map();
  /** @param {string} file */
  const mapOf = (file) => {
    if (!maps.has(file)) {
      try {
        maps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))));
      } catch {
        maps.set(file, null);
      }
    }
    return maps.get(file) ?? null;
  };
  /** @param {NodeJS.CallSite} site */
  const frame = (site) => {
    const name = site.getFileName() ?? '';
    const file = name.startsWith('file:') ? fileURLToPath(name) : name;
    const line = (site.getLineNumber() ?? 0) - 1;
    const column = (site.getColumnNumber() ?? 0) - 1;
    const entry = file.startsWith(dist) && line >= 0 ? mapOf(file)?.findEntry(line, column) : undefined;
    // Only a mapping on the frame's own line: dependencies' lines have none (they stay as they are).
    if (!entry || !('originalSource' in entry) || entry.generatedLine !== line) return `    at ${site}`;
    const where = `${resolve(dirname(file), entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    const fn = site.getFunctionName();
    return fn ? `    at ${site.isAsync() ? 'async ' : ''}${fn} (${where})` : `    at ${where}`;
  };
  Error.prepareStackTrace = (error, sites) => {
    let head = '';
    try {
      head = String(error);
    } catch {
      head = '<error>';
    }
    return [head, ...sites.map(frame)].join('\n');
  };
}
