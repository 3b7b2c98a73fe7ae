// Fails when a translation key exists in one language and not the other:
// the server's message bundles and the web app's locale files (id and en).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundles } from '../apps/server/src/messages.ts';

const problems: string[] = [];

function compare(where: string, id: Record<string, unknown>, en: Record<string, unknown>) {
  const flat = (o: Record<string, unknown>, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) =>
      v && typeof v === 'object' ? flat(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
    );
  const idKeys = new Set(flat(id));
  const enKeys = new Set(flat(en));
  for (const k of idKeys) if (!enKeys.has(k)) problems.push(`${where}: "${k}" missing in en`);
  for (const k of enKeys) if (!idKeys.has(k)) problems.push(`${where}: "${k}" missing in id`);
  for (const [k, v] of Object.entries(id)) if (v === '') problems.push(`${where}: "${k}" is empty in id`);
}

for (const [name, bundle] of Object.entries(bundles)) compare(`server/${name}`, bundle.id, bundle.en);

const webLocales = join(import.meta.dirname, '../apps/web/src/locales');
if (existsSync(join(webLocales, 'id'))) {
  const files = new Set([...readdirSync(join(webLocales, 'id')), ...readdirSync(join(webLocales, 'en'))]);
  for (const file of files) {
    const read = (lang: string) => {
      const path = join(webLocales, lang, file);
      return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
    };
    compare(`web/${file}`, read('id'), read('en'));
  }
}

if (problems.length) {
  console.error(`i18n: ${problems.length} problem(s)\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('i18n: id and en hold the same keys');
