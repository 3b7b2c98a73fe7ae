import pg from 'pg';
import { openBenchDatabase } from './bench-db.ts';
import { loadFixtures } from './statements.ts';
const db = await openBenchDatabase();
const pool = new pg.Pool({ connectionString: db.url, max: 1 });
const f = await loadFixtures(pool);
const c = await pool.connect();
const time = async (label: string, stmts: { text: string; params: unknown[] }[]) => {
  let best = 1e9;
  for (let i = 0; i < 8; i++) { const t0 = performance.now(); for (const s of stmts) await c.query(s.text, s.params); best = Math.min(best, performance.now() - t0); }
  console.log(label, best.toFixed(2), 'ms');
};
for (const mode of ['auto', 'force_generic_plan']) {
  await c.query(`SET plan_cache_mode = ${mode}`);
  await time(`${mode} search-word`, f.statements.search[0]!);
  await time(`${mode} search-rare`, f.statements.rareSearch[0]!);
  await time(`${mode} dashboard`, f.statements.dashboard);
  await time(`${mode} report`, f.statements.report);
  await time(`${mode} number`, f.statements.numberSearch[0]!);
}
c.release(); await pool.end(); await db.stop();
