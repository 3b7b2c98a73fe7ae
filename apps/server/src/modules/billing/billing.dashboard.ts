import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeCondition } from '../../platform/authz/scope-sql.ts';
import type { AppContext } from '../../platform/context.ts';
import { loadExcel } from '../../platform/files/excel.ts';
import { neutraliseCell } from '../../platform/files/spreadsheet.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { monthRange, periodOf, shiftPeriod } from '../../platform/time/zoned.ts';
import { companyTimeZone } from '../org/index.ts';
import { fullInvoices } from './billing.policy.ts';

/** At most two years on one dashboard. */
const MAX_MONTHS = 24;

const monthsBetween = (from: string, to: string) => {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
};

/** Charges readable by the actor on one side: the side's division must be in their charge-reading scope. */
const readable = (actor: Actor, division: string) =>
  scopeCondition(actor, 'charge:read', { companyId: sql.raw(`${division}.company_id`), unitPath: sql.raw(`${division}.path`) });

/**
 * The billing dashboard for a company and a range of months (its calendar):
 * spend per requesting division against its budget, revenue per providing
 * division, the most-used services by count and by amount, the month-by-month
 * trend, and what is outstanding and overdue now. Everyone sees the divisions
 * whose charges they read: Executives and Administrators all, a Billing
 * Coordinator their own.
 */
export async function billingDashboard(ctx: AppContext, actor: Actor, input: { from?: string; to?: string; company?: number }) {
  const companyId = input.company ?? actor.companyId;
  const { rows: company } = await ctx.db.execute<{ name: string }>(sql`SELECT name FROM companies WHERE id = ${companyId}`);
  if (!company[0]) throw notFound();
  const zone = await companyTimeZone(ctx.db, companyId);
  const to = input.to ?? periodOf(ctx.clock.now(), zone);
  const from = input.from ?? shiftPeriod(to, -11);
  const span = monthsBetween(from, to);
  if (span < 1 || span > MAX_MONTHS)
    throw new AppError(400, 'DASHBOARD_RANGE_INVALID', { max: MAX_MONTHS }, [{ path: 'from', message: 'DASHBOARD_RANGE_INVALID' }]);
  const start = monthRange(from, zone).from.toISOString();
  const end = monthRange(to, zone).to.toISOString();
  const inRange = sql`c.charged_at >= ${start}::timestamptz AND c.charged_at < ${end}::timestamptz`;
  const base = sql`FROM charges c
    JOIN units ru ON ru.id = c.requesting_unit_id JOIN units rd ON rd.id = split_part(ru.path, '/', 2)::bigint
    JOIN units pu ON pu.id = c.providing_unit_id JOIN units pd ON pd.id = split_part(pu.path, '/', 2)::bigint`;
  const spendSide = sql`rd.company_id = ${companyId} AND ${readable(actor, 'rd')}`;
  const revenueSide = sql`pd.company_id = ${companyId} AND ${readable(actor, 'pd')}`;
  const run = <T extends Record<string, unknown>>(query: SQL) => ctx.db.execute<T>(query).then((r) => r.rows);

  const spend = await run<{ id: number; name: string; requests: number; amount: string; budget: string | null }>(sql`
    SELECT rd.id, rd.name, count(*) FILTER (WHERE c.kind = 'charge')::int AS requests, sum(c.amount)::text AS amount,
      (SELECT b.monthly_amount::text FROM division_budgets b WHERE b.unit_id = rd.id) AS budget
    ${base} WHERE ${inRange} AND ${spendSide} GROUP BY rd.id, rd.name ORDER BY sum(c.amount) DESC, rd.name`);
  const revenue = await run<{ id: number; name: string; requests: number; amount: string }>(sql`
    SELECT pd.id, pd.name, count(*) FILTER (WHERE c.kind = 'charge')::int AS requests, sum(c.amount)::text AS amount
    ${base} WHERE ${inRange} AND ${revenueSide} GROUP BY pd.id, pd.name ORDER BY sum(c.amount) DESC, pd.name`);
  const services = await run<{ id: number; name: string; provider: string; requests: number; amount: string }>(sql`
    SELECT c.item_id AS id, max(${actor.locale === 'en' ? sql`v.name_en` : sql`v.name_id`}) AS name, max(pd.name) AS provider,
      count(*) FILTER (WHERE c.kind = 'charge')::int AS requests, sum(c.amount)::text AS amount
    ${base} JOIN catalog_item_versions v ON v.id = c.version_id
    WHERE ${inRange} AND ((${spendSide}) OR (${revenueSide})) GROUP BY c.item_id`);
  const month = sql`to_char(c.charged_at AT TIME ZONE ${zone}, 'YYYY-MM')`;
  const trendRows = await run<{ period: string; spend: string; revenue: string }>(sql`
    SELECT ${month} AS period,
      coalesce(sum(c.amount) FILTER (WHERE ${spendSide}), 0)::text AS spend,
      coalesce(sum(c.amount) FILTER (WHERE ${revenueSide}), 0)::text AS revenue
    ${base} WHERE ${inRange} AND ((${spendSide}) OR (${revenueSide})) GROUP BY 1`);
  const [open] = await run<{ outstanding: string; overdue: string; open_count: number; overdue_count: number }>(sql`
    SELECT coalesce(sum(total) FILTER (WHERE status IN ('issued', 'overdue', 'disputed')), 0)::text AS outstanding,
      coalesce(sum(total) FILTER (WHERE status = 'overdue'), 0)::text AS overdue,
      count(*) FILTER (WHERE status IN ('issued', 'overdue', 'disputed'))::int AS open_count,
      count(*) FILTER (WHERE status = 'overdue')::int AS overdue_count
    FROM invoices WHERE company_id = ${companyId} AND ${fullInvoices(actor)}`);
  const outstandingByDivision = await run<{ id: number; name: string; outstanding: string; overdue: string }>(sql`
    SELECT invoices.unit_id AS id, (SELECT u.name FROM units u WHERE u.id = invoices.unit_id) AS name,
      sum(invoices.total)::text AS outstanding,
      coalesce(sum(invoices.total) FILTER (WHERE invoices.status = 'overdue'), 0)::text AS overdue
    FROM invoices WHERE invoices.company_id = ${companyId} AND ${fullInvoices(actor)} AND invoices.status IN ('issued', 'overdue', 'disputed')
    GROUP BY invoices.unit_id ORDER BY sum(invoices.total) DESC`);
  const thisMonth = periodOf(ctx.clock.now(), zone);
  const budgets = await run<{ id: number; name: string; budget: string; spent: string }>(sql`
    SELECT rd.id, rd.name, b.monthly_amount::text AS budget,
      (SELECT coalesce(sum(c.amount), 0)::text FROM charges c JOIN units ru ON ru.id = c.requesting_unit_id
        WHERE ru.path LIKE rd.path || '%' AND c.charged_at >= ${monthRange(thisMonth, zone).from.toISOString()}::timestamptz
          AND c.charged_at < ${monthRange(thisMonth, zone).to.toISOString()}::timestamptz) AS spent
    FROM division_budgets b JOIN units rd ON rd.id = b.unit_id
    WHERE rd.company_id = ${companyId} AND ${readable(actor, 'rd')} ORDER BY rd.name`);

  const money = (v: string | null) => (v === null ? null : Number(v));
  const byAmount = [...services].sort((a, b) => Number(b.amount) - Number(a.amount) || a.name.localeCompare(b.name));
  const byCount = [...services].sort((a, b) => b.requests - a.requests || a.name.localeCompare(b.name));
  const service = (s: (typeof services)[number]) => ({
    id: Number(s.id),
    name: s.name,
    provider: s.provider,
    requests: s.requests,
    amount: Number(s.amount),
  });
  return {
    company: { id: companyId, name: company[0].name },
    from,
    to,
    spendByDivision: spend.map((r) => ({
      id: Number(r.id),
      name: r.name,
      requests: r.requests,
      amount: Number(r.amount),
      budget: money(r.budget),
    })),
    revenueByProvider: revenue.map((r) => ({ id: Number(r.id), name: r.name, requests: r.requests, amount: Number(r.amount) })),
    topServicesByCount: byCount.slice(0, 10).map(service),
    topServicesByAmount: byAmount.slice(0, 10).map(service),
    trend: Array.from({ length: span }, (_, i) => {
      const period = shiftPeriod(from, i);
      const row = trendRows.find((r) => r.period === period);
      return { period, spend: Number(row?.spend ?? 0), revenue: Number(row?.revenue ?? 0) };
    }),
    outstanding: {
      total: Number(open?.outstanding ?? 0),
      overdue: Number(open?.overdue ?? 0),
      openInvoices: open?.open_count ?? 0,
      overdueInvoices: open?.overdue_count ?? 0,
      byDivision: outstandingByDivision.map((r) => ({
        id: Number(r.id),
        name: r.name,
        outstanding: Number(r.outstanding),
        overdue: Number(r.overdue),
      })),
    },
    budgets: budgets.map((r) => ({
      id: Number(r.id),
      name: r.name,
      period: thisMonth,
      budget: Number(r.budget),
      spent: Number(r.spent),
      percent: Math.round((Number(r.spent) * 100) / Number(r.budget)),
    })),
  };
}

export type Dashboard = Awaited<ReturnType<typeof billingDashboard>>;

/** The dashboard's tables as XLSX, one sheet each (text cells neutralised, amounts numeric). */
export async function dashboardXlsx(ctx: AppContext, actor: Actor, input: { from?: string; to?: string; company?: number }) {
  const data = await billingDashboard(ctx, actor, input);
  const L = (key: string) => t(actor.locale, `dashboard.${key}`);
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  const sheet = (name: string, headers: string[], rows: (string | number | null)[][]) => {
    const ws = workbook.addWorksheet(L(`sheet.${name}`).slice(0, 31));
    ws.addRow(headers.map((h) => neutraliseCell(L(`col.${h}`)))).font = { bold: true };
    for (const row of rows) ws.addRow(row.map((v) => (typeof v === 'number' ? v : neutraliseCell(v ?? ''))));
    ws.columns.forEach((c) => {
      c.width = 22;
    });
  };
  sheet(
    'spend',
    ['division', 'count', 'amount', 'budget'],
    data.spendByDivision.map((r) => [r.name, r.requests, r.amount, r.budget]),
  );
  sheet(
    'revenue',
    ['division', 'count', 'amount'],
    data.revenueByProvider.map((r) => [r.name, r.requests, r.amount]),
  );
  sheet(
    'services',
    ['service', 'division', 'count', 'amount'],
    data.topServicesByAmount.map((r) => [r.name, r.provider, r.requests, r.amount]),
  );
  sheet(
    'trend',
    ['period', 'spend', 'revenue'],
    data.trend.map((r) => [r.period, r.spend, r.revenue]),
  );
  sheet(
    'outstanding',
    ['division', 'outstanding', 'overdue'],
    data.outstanding.byDivision.map((r) => [r.name, r.outstanding, r.overdue]),
  );
  return {
    name: `dasbor-penagihan-${data.from}-${data.to}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    data: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}
