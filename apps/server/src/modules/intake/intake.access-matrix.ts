import { accessMatrix, type Cell } from '../../../test/access-matrix.ts';
import { channelFactories, ticketReaders } from '../../../test/factories/channels.ts';
import { PROTECTION_DEFAULTS } from './intake.settings.ts';

// Lapor Gangguan (004): the form and the report are public (no sign-in, the same for everyone); each company's
// form is set up by whoever manages settings for that company (Administrators); the report behind a ticket is
// read by those who see the ticket.

/** The demo city's form, switched on (seed: Kominfo Bukittinggi). */
const SLUG = 'kominfo-bukittinggi';

async function formVersion(c: Cell): Promise<number> {
  const { rows } = await c.ctx.pool.query('SELECT version FROM public_forms WHERE company_id = $1', [c.place.companyId]);
  return Number(rows[0]?.version ?? 0);
}

export const matrix = accessMatrix({
  'GET /public/{orgSlug}/form': {
    call: () => `/public/${SLUG}/form`,
    expect: { anonymous: 200, others: '200' },
  },
  'POST /public/{orgSlug}/reports': {
    // The report is a multipart form with text fields (name, phone, formToken…); the matrix sends an upload
    // without fields, so the report reaches the form's checks and is refused as incomplete, the same for every
    // caller (no 401/403: the route is public). See intake.test.ts for reports that go through. The matrix's
    // app trusts no proxy, so every cell comes from one address, and every attempt counts against it: each cell
    // starts the per-address limit afresh, as it is not what the row is about.
    call: async (c) => {
      await c.ctx.pool.query(`DELETE FROM rate_limit_hits WHERE key LIKE 'public:report:ip:%'`);
      return {
        path: `/public/${SLUG}/reports`,
        upload: { field: 'evidence', name: 'bukti.txt', type: 'text/plain', data: Buffer.from('-') },
      };
    },
    expect: { anonymous: 400, others: '400' },
    // One after another, so that no cell finds the address's counter filled by its neighbours.
    serial: true,
  },
  'GET /intake/forms': { call: () => '/intake/forms', expect: { anonymous: 401, administrator: '200', others: '403' } },
  'PUT /intake/forms/{companyId}': {
    call: async (c) => ({
      path: `/intake/forms/${c.place.companyId}`,
      body: {
        version: await formVersion(c),
        slug: `lapor-${c.place.companyId}`,
        enabled: true,
        unitId: c.place.unitId,
        teamId: null,
        serviceIds: [],
        protection: PROTECTION_DEFAULTS,
      },
    }),
    expect: { anonymous: 401, administrator: '200', others: '403' },
    serial: true,
  },
  'GET /tickets/{id}/public-report': {
    call: async (c) =>
      `/tickets/${(await c.shared('report', () => channelFactories(c.ctx, c.f).publicReport(c.place))).ticket.id}/public-report`,
    expect: { anonymous: 401, ...ticketReaders },
  },
});
