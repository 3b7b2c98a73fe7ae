import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { ROOT } from './bench-db.ts';

/**
 * The web app's first page, cold: which JavaScript the browser fetches before the
 * sign-in page (and, signed in, the landing page) has rendered, and how long that
 * takes. Sizes are the built files gzipped here (level 9, as a compressing proxy
 * would send them); the file list and the timing come from Chromium's Performance API.
 */

const DIST = join(ROOT, 'apps/web/dist');
const kB = (bytes: number) => Math.round(bytes / 102.4) / 10;
const gzipped = new Map<string, number>();

/** Gzipped size of a built asset, by its URL path. */
function gzipSize(path: string): number {
  const cached = gzipped.get(path);
  if (cached !== undefined) return cached;
  const file = join(DIST, path);
  const size = existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : 0;
  gzipped.set(path, size);
  return size;
}

/** The entry script and what index.html preloads: loaded on every first visit, whatever the route. */
export function entryJs(): { files: number; gzipKb: number } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const paths = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  return { files: paths.length, gzipKb: kB(paths.reduce((sum, p) => sum + gzipSize(p), 0)) };
}

export interface PageLoad {
  page: string;
  /** Scripts fetched before the page had rendered. */
  jsFiles: number;
  jsGzipKb: number;
  /** Translation bundles fetched (lazy namespaces). */
  localeFiles: number;
  /** From navigation start until the page's marker element is visible, median of the runs. */
  renderedMs: number;
}

const executablePath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Opens each page `runs` times in a fresh browser context (cold cache) and reports
 * the median. `cookie` signs the landing page's context in.
 */
export async function measurePages(baseUrl: string, cookie: string, runs = 3): Promise<PageLoad[]> {
  if (!executablePath) throw new Error('Chromium not found: apt-get install -y chromium, or set CHROMIUM_PATH');
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const pages = [
    { page: 'sign-in', path: '/login', marker: '[data-testid="login-submit"]', signedIn: false },
    { page: 'landing', path: '/', marker: '[data-testid="tile-core"]', signedIn: true },
  ];
  const [name, value] = cookie.split('=');
  try {
    const results: PageLoad[] = [];
    for (const target of pages) {
      const samples: Omit<PageLoad, 'page'>[] = [];
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext({ locale: 'id-ID', viewport: { width: 1280, height: 800 } });
        if (target.signedIn && name && value) await context.addCookies([{ name, value, url: baseUrl }]);
        const page = await context.newPage();
        await page.goto(`${baseUrl}${target.path}`);
        await page.locator(target.marker).waitFor({ state: 'visible' });
        const { resources, renderedMs } = await page.evaluate(() => ({
          renderedMs: performance.now(),
          resources: performance.getEntriesByType('resource').map((e) => ({ name: e.name, start: e.startTime })),
        }));
        await context.close();
        const paths = resources.map((r) => new URL(r.name).pathname);
        const js = paths.filter((p) => p.startsWith('/assets/') && p.endsWith('.js'));
        // The entry script is in the resource list too (type=module), so the sum covers everything executed.
        samples.push({
          jsFiles: js.length,
          jsGzipKb: kB(js.reduce((sum, p) => sum + gzipSize(p), 0)),
          localeFiles: js.filter((p) => /\/assets\/locale-/.test(p)).length,
          renderedMs: Math.round(renderedMs),
        });
      }
      const last = samples[samples.length - 1] as Omit<PageLoad, 'page'>;
      results.push({ page: target.page, ...last, renderedMs: median(samples.map((s) => s.renderedMs)) });
    }
    return results;
  } finally {
    await browser.close();
  }
}
