import { accessMatrix, type Cell, PNG } from '../../../test/access-matrix.ts';
import { transitionTicket } from '../tickets/index.ts';
import { uploadAnswerFile } from './requests.files.ts';

// Service requests (requests.policy.ts): seen by their requester, by those who read tickets or charges where
// it was asked or provided, by its approvers and by whoever sees its fulfilment ticket; anyone else gets 404.
// Recording quantities and completing is for those who work the fulfilment ticket (its team, leads); deciding
// a step is for its approvers, never the requester.

/** Someone of the cell's place who works tickets, in the team that fulfils the place's items. */
const worker = (c: Cell) => c.shared('worker', () => c.f.user(c.place, { roles: [['agent', 'unit']] }));
/** An item provided by the cell's place and fulfilled by the place's team. */
async function provided(c: Cell, o: { rate?: number; costModel?: 'fixed' | 'per_hour'; form?: unknown[] } = {}) {
  const member = await worker(c);
  const team = await c.shared('team', () => c.f.team(c.place, { members: [member.id] }));
  return c.f.catalogItem(c.place, { teamId: team.id, rate: o.rate ?? 250_000, costModel: o.costModel ?? 'fixed', form: o.form ?? [] });
}
/** A request ordered by a colleague in the cell's place from an item provided there. */
async function ordered(c: Cell, o: Parameters<typeof provided>[1] & { answers?: Record<string, unknown> } = {}) {
  const requester = await c.f.user(c.place);
  const item = await provided(c, o);
  return c.f.serviceRequest({ requesterId: requester.id, itemId: item.id, answers: o.answers });
}
const seen = (c: Cell) => c.shared('request', () => ordered(c));

export const matrix = accessMatrix({
  'GET /service-requests': { call: () => '/service-requests', expect: { anonymous: 401, others: '200' } },
  'POST /service-requests': {
    call: async (c) => {
      const item = await c.shared('offered', () => c.f.catalogItem(c.place, { audience: { companyIds: [c.place.companyId] } }));
      return { path: '/service-requests', body: { itemId: item.id, quantity: 1 } };
    },
    expect: { anonymous: 401, catalog_manager: '201 201 403', administrator: '201 201 403', others: '201 201 404' },
  },
  'POST /service-requests/answer-files': {
    call: () => ({ path: '/service-requests/answer-files', upload: { name: 'spesifikasi.png', type: 'image/png', data: PNG } }),
    expect: { anonymous: 401, others: '201' },
  },
  'GET /service-requests/{id}/files/{fileId}': {
    call: async (c) => {
      const { request, fileId } = await c.shared('withFile', async () => {
        const requester = await c.f.user(c.place);
        const file = await uploadAnswerFile(c.ctx, await c.f.actor(requester.id), { filename: 'spek.png', data: PNG } as never);
        const item = await provided(c, { form: [{ key: 'spec', type: 'file', labelId: 'Spesifikasi', labelEn: 'Specification' }] });
        const request = await c.f.serviceRequest({
          requesterId: requester.id,
          itemId: item.id,
          answers: { spec: { fileId: file.fileId } },
        });
        return { request, fileId: file.fileId };
      });
      return `/service-requests/${request.id}/files/${fileId}`;
    },
    expect: {
      anonymous: 401,
      agent: '200 200 404',
      team_lead: '200 200 404',
      // She reads the charges, so the requests, of her whole company.
      billing_admin: '200 200 404',
      executive: '200',
      administrator: '200',
      others: '200 404 404',
    },
  },
  'GET /service-requests/{id}': {
    call: async (c) => `/service-requests/${(await seen(c)).id}`,
    expect: {
      anonymous: 401,
      agent: '200 200 404',
      team_lead: '200 200 404',
      // She reads the charges, so the requests, of her whole company.
      billing_admin: '200 200 404',
      executive: '200',
      administrator: '200',
      others: '200 404 404',
    },
  },
  'POST /service-requests/{id}/actual-quantity': {
    call: async (c) => {
      const request = await ordered(c, { costModel: 'per_hour' });
      return { path: `/service-requests/${request.id}/actual-quantity`, body: { version: request.version, actualQuantity: 2.5 } };
    },
    expect: {
      anonymous: 401,
      agent: '403 403 404',
      team_lead: '200 200 404',
      service_provider: '403 404 404',
      administrator: '200',
      others: '403',
    },
  },
  'POST /service-requests/{id}/complete': {
    // The provider team has started the fulfilment ticket; completing resolves it.
    call: async (c) => {
      const request = await ordered(c);
      const member = await worker(c);
      await transitionTicket(c.ctx, await c.f.actor(member.id), request.ticketId as number, { to: 'in_progress', assigneeId: member.id });
      return { path: `/service-requests/${request.id}/complete`, body: { version: request.version, solutionSummary: 'Akses sudah aktif' } };
    },
    expect: {
      anonymous: 401,
      agent: '403 403 404',
      team_lead: '200 200 404',
      service_provider: '403 404 404',
      administrator: '200',
      others: '403',
    },
  },
  'POST /service-requests/{id}/withdraw': {
    // Separation of duties: only the requester withdraws. Own scope: the caller's own request waiting for approval
    // (above Rp 5.000.000); elsewhere a colleague's, which those who see it may not withdraw (403), others 404.
    call: async (c) => {
      const requesterId = c.scope === 'own' && c.me ? c.me.userId : (await c.f.user(c.place)).id;
      const item = await provided(c, { rate: 7_500_000 });
      const request = await c.f.serviceRequest({ requesterId, itemId: item.id });
      return { path: `/service-requests/${request.id}/withdraw`, body: { version: request.version, reason: 'Tidak jadi dibutuhkan' } };
    },
    expect: {
      anonymous: 401,
      agent: '200 403 404',
      team_lead: '200 403 404',
      billing_admin: '200 403 404',
      executive: '200 403 403',
      administrator: '200 403 403',
      others: '200 404 404',
    },
  },
  'GET /approvals': { call: () => '/approvals', expect: { anonymous: 401, others: '200' } },
  'POST /approvals/{id}/decision': {
    // Above Rp 5.000.000 the requesting division's Approver decides the first step.
    call: async (c) => {
      const request = await ordered(c, { rate: 7_500_000 });
      return { path: `/approvals/${request.steps[0]?.id}/decision`, body: { decision: 'approve', comment: 'Disetujui' } };
    },
    expect: { anonymous: 401, approver: '200 404 404', others: '404' },
  },
  'GET /reports/catalog-gaps': {
    call: () => '/reports/catalog-gaps?from=2026-01-01&to=2026-12-31',
    expect: { anonymous: 401, team_lead: '200', executive: '200', administrator: '200', others: '403' },
  },
});
