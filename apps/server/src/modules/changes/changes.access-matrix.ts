import { accessMatrix, type Cell, PNG, settingVersion } from '../../../test/access-matrix.ts';
import { changeFactories } from '../../../test/factories/changes.ts';

// Change management (changes.policy.ts): a change is seen by its requester, its implementers and whoever
// holds a change permission or reads reports over its place; a change outside that answers 404. Working on
// one needs a change permission (report readers only read); a visible change the caller may not act on
// answers 403. Separation of duties: nobody approves a change they requested or carry out, nor votes on it
// in the CAB. In their own unit the caller is the change's requester; elsewhere a colleague there is.
// Templates, freezes, maintenance windows, CAB meetings and the CAB's settings are the (organisation-wide)
// Change Manager's.

const cf = (c: Cell) => changeFactories(c.ctx, c.f);
/** The caller, in their own unit (anonymous cells have none). */
const mine = (c: Cell) => (c.scope === 'own' && c.me ? c.me.userId : null);
/** Who raised the cell's change: the caller in their own unit, a colleague elsewhere. */
const requester = (c: Cell) => (mine(c) ? { requesterId: mine(c) as number } : {});
/** A change of the cell's place waiting for the CAB, shared by the reads of one role and scope (roles share units). */
const seen = (c: Cell) => c.shared(`change-${c.role}`, () => cf(c).change(c.place, { status: 'pending_approval', ...requester(c) }));

/** Read by whoever may see the change: Change Requesters in their unit, Team Leads over their company, the rest everywhere. */
const reads = {
  anonymous: 401,
  requester: '200 404 404',
  team_lead: '200 200 404',
  service_provider: '200 404 404',
  change_requester: '200 404 404',
  change_manager: '200',
  cab_member: '200',
  implementer: '200',
  executive: '200',
  administrator: '200',
  others: '403',
};
/** Work on a visible change (not for report readers). */
const works = { ...reads, team_lead: '403', executive: '403' };
/** What the change's participants do (requester, Change Manager, assigned implementer); CAB members and unassigned implementers only see it. */
const participates = (ok: number) => ({
  ...works,
  requester: `${ok} 404 404`,
  service_provider: `${ok} 404 404`,
  change_requester: `${ok} 404 404`,
  change_manager: `${ok}`,
  cab_member: `${ok} 403 403`,
  implementer: `${ok} 403 403`,
  administrator: `${ok}`,
});
/** Anyone working with changes, or reading reports. */
const readers = { anonymous: 401, agent: '403', catalog_manager: '403', approver: '403', billing_coordinator: '403' };
const anyReader = (ok: number) => ({
  ...readers,
  billing_admin: '403',
  division_admin: '403',
  others: `${ok}`,
});
/** The Change Manager's (and the Administrator's). */
const manages = (ok: number) => ({ anonymous: 401, change_manager: `${ok}`, administrator: `${ok}`, others: '403' });
/** Change Managers and CAB members. */
const cab = (ok: number) => ({ ...manages(ok), cab_member: `${ok}` });

export const matrix = accessMatrix({
  'GET /changes': { call: () => '/changes', expect: anyReader(200) },
  'POST /changes': {
    // Raised in the caller's own unit, by whoever may request changes there, naming an implementer of the cell's
    // place: one who implements changes in the caller's unit may carry it out, one of another unit or company may
    // not (naming them would show them the change).
    call: async (c) => ({
      path: '/changes',
      body: {
        title: 'Pembaruan kernel server aplikasi',
        reason: 'Tambalan keamanan',
        implementerId: (await c.shared('implementer', () => c.f.user(c.place, { roles: [['implementer', 'unit']] }))).id,
      },
    }),
    expect: {
      anonymous: 401,
      requester: '201 400 400',
      service_provider: '201 400 400',
      change_requester: '201 400 400',
      change_manager: '201 400 400',
      administrator: '201 400 400',
      others: '403',
    },
  },
  'GET /changes/{id}': { call: async (c) => `/changes/${(await seen(c)).id}`, expect: reads },
  'PATCH /changes/{id}': {
    // The requester edits their draft; the Change Manager too.
    call: async (c) => ({
      path: `/changes/${(await cf(c).change(c.place, requester(c))).id}`,
      body: { version: 1, title: 'Pembaruan sertifikat TLS semua gateway' },
    }),
    expect: participates(200),
  },
  'POST /changes/{id}/transitions': {
    // The Change Manager approves a low-risk change, never one they requested.
    call: async (c) => ({
      path: `/changes/${(await cf(c).change(c.place, { status: 'pending_approval', route: 'manager', ...requester(c) })).id}/transitions`,
      body: { to: 'approved', version: 1 },
    }),
    expect: {
      ...works,
      requester: '403 404 404',
      service_provider: '403 404 404',
      change_requester: '403 404 404',
      change_manager: '403 200 200',
      cab_member: '403',
      implementer: '403',
      administrator: '403 200 200',
    },
  },
  'POST /changes/{id}/votes': {
    // CAB members vote, never on a change they carry out (in their own unit the caller is its implementer).
    call: async (c) => ({
      path: `/changes/${(await cf(c).change(c.place, { status: 'pending_approval', implementerId: mine(c) })).id}/votes`,
      body: { vote: 'approve' },
    }),
    expect: { anonymous: 401, cab_member: '403 201 201', administrator: '403 201 201', others: '403' },
  },
  'POST /changes/{id}/comments': {
    call: async (c) => ({
      path: `/changes/${(await cf(c).change(c.place, { status: 'pending_approval', ...requester(c) })).id}/comments`,
      body: { body: 'Mohon jadwalkan di luar jam sibuk.' },
    }),
    // CAB members comment on what they vote on.
    expect: { ...participates(200), cab_member: '200' },
  },
  'POST /changes/{id}/links': {
    call: async (c) => {
      const change = await cf(c).change(c.place, requester(c));
      // A ticket of the caller's own (one they may see).
      const ticket = c.me ? await c.f.ticket(await c.f.placeOf(c.me.unitId), { requesterId: c.me.userId }) : await c.f.ticket(c.place);
      return { path: `/changes/${change.id}/links`, body: { kind: 'ticket', ref: ticket.number } };
    },
    expect: participates(200),
  },
  'DELETE /changes/{id}/links/{linkId}': {
    call: async (c) => {
      const change = await cf(c).change(c.place, requester(c));
      const ticket = await c.f.ticket(c.place);
      const link = await cf(c).link(change.id, ticket.id, change.requesterId);
      return `/changes/${change.id}/links/${link.id}`;
    },
    expect: participates(200),
  },
  'POST /changes/{id}/tasks/{taskId}': {
    // Only the change's implementer ticks its tasks (in their own unit the caller is; elsewhere a colleague is).
    call: async (c) => {
      const implementerId = mine(c) ?? (await c.f.user(c.place, { roles: [['implementer', 'unit']] })).id;
      const change = await cf(c).change(c.place, { status: 'in_progress', implementerId });
      return { path: `/changes/${change.id}/tasks/${change.taskId}`, body: { done: true } };
    },
    expect: { anonymous: 401, implementer: '200 403 403', administrator: '200 403 403', others: '403' },
  },
  'PUT /changes/{id}/review': {
    call: async (c) => ({
      path: `/changes/${(await cf(c).change(c.place, { status: 'completed', ...requester(c) })).id}/review`,
      body: { objectivesMet: true, lessonsLearned: 'Siapkan sertifikat lebih awal.' },
    }),
    expect: participates(200),
  },
  'POST /changes/{id}/attachments': {
    call: async (c) => ({
      path: `/changes/${(await cf(c).change(c.place, requester(c))).id}/attachments`,
      upload: { name: 'rencana.png', type: 'image/png', data: PNG },
    }),
    expect: participates(201),
  },
  'GET /changes/{id}/attachments/{attachmentId}': {
    call: async (c) => {
      const change = await seen(c);
      const file = await c.shared(`attachment-${c.role}`, () => cf(c).attachment(change.id, change.requesterId));
      return `/changes/${change.id}/attachments/${file.id}`;
    },
    expect: reads,
  },
  'GET /changes/{id}/timeline': { call: async (c) => `/changes/${(await seen(c)).id}/timeline`, expect: reads },
  'GET /changes/{id}/gate': { call: async (c) => `/changes/${(await seen(c)).id}/gate`, expect: works },
  'GET /changes/{id}/conflicts': {
    call: async (c) => `/changes/${(await seen(c)).id}/conflicts?start=2034-02-01T01:00:00Z&end=2034-02-01T03:00:00Z`,
    expect: works,
  },
  'GET /change-people': { call: () => '/change-people?role=implementer', expect: anyReader(200) },
  'GET /changes/{id}/incident-suggestions': {
    call: async (c) => `/changes/${(await seen(c)).id}/incident-suggestions`,
    expect: participates(200),
  },
  'GET /changes/calendar': { call: () => '/changes/calendar?from=2034-01-01T00:00:00Z&to=2034-02-01T00:00:00Z', expect: anyReader(200) },
  // A calendar app brings the feed's secret; without it (or a session) the feed answers 401.
  'GET /changes/calendar.ics': { call: () => '/changes/calendar.ics', expect: anyReader(200) },
  'POST /changes/calendar-feed': { call: () => '/changes/calendar-feed', expect: anyReader(201) },
  'DELETE /changes/calendar-feed': { call: () => '/changes/calendar-feed', expect: anyReader(204) },

  // Templates are for those who raise, decide or carry out changes (not report readers).
  'GET /change-templates': { call: () => '/change-templates', expect: { ...anyReader(200), team_lead: '403', executive: '403' } },
  'POST /change-templates': {
    call: () => ({
      path: '/change-templates',
      body: {
        name: 'Penambahan pengguna VPN',
        reason: 'Permintaan rutin',
        impact: 'Tidak ada',
        implementationPlan: 'Tambah akun di konsol VPN',
        testPlan: 'Uji masuk',
        rollbackPlan: 'Hapus akun',
      },
    }),
    expect: manages(201),
  },
  'PATCH /change-templates/{id}': {
    call: async (c) => ({ path: `/change-templates/${(await cf(c).template()).id}`, body: { version: 1, category: 'Akses' } }),
    expect: manages(200),
  },
  'GET /change-freezes': { call: () => '/change-freezes', expect: anyReader(200) },
  'POST /change-freezes': {
    call: (c) => ({
      path: '/change-freezes',
      body: {
        name: 'Tutup buku akhir tahun',
        companyId: c.place.companyId,
        startsAt: '2035-12-20T00:00:00Z',
        endsAt: '2036-01-02T00:00:00Z',
      },
    }),
    expect: manages(201),
  },
  'PATCH /change-freezes/{id}': {
    call: async (c) => ({ path: `/change-freezes/${(await cf(c).freeze(c.place.companyId)).id}`, body: { version: 1, reason: 'Audit' } }),
    expect: manages(200),
  },
  'GET /change-maintenance-windows': { call: () => '/change-maintenance-windows', expect: anyReader(200) },
  'POST /change-maintenance-windows': {
    call: async (c) => ({
      path: '/change-maintenance-windows',
      body: { serviceId: await cf(c).serviceId(), weekday: 6, startTime: '22:00', durationMinutes: 240, timeZone: 'Asia/Jakarta' },
    }),
    expect: manages(201),
  },
  'DELETE /change-maintenance-windows/{id}': {
    call: async (c) => `/change-maintenance-windows/${(await cf(c).maintenanceWindow()).id}?version=1`,
    expect: manages(204),
  },

  'GET /cab-meetings': { call: () => '/cab-meetings', expect: cab(200) },
  'POST /cab-meetings': {
    call: (c) => ({
      path: '/cab-meetings',
      body: {
        title: 'Rapat CAB mingguan',
        startsAt: '2033-04-01T03:00:00Z',
        endsAt: '2033-04-01T04:00:00Z',
        companyId: c.place.companyId,
        changeIds: [],
      },
    }),
    expect: manages(201),
  },
  'GET /cab-meetings/{id}': {
    call: async (c) => `/cab-meetings/${(await c.shared('meeting', () => cf(c).meeting(c.place.companyId))).id}`,
    expect: cab(200),
  },
  'PATCH /cab-meetings/{id}': {
    call: async (c) => ({
      path: `/cab-meetings/${(await cf(c).meeting(c.place.companyId)).id}`,
      body: { version: 1, minutes: 'Disetujui.' },
    }),
    expect: manages(200),
  },
  'POST /cab-meetings/{id}/decisions': {
    // The Change Manager records the meeting's decision, never on a change they carry out.
    call: async (c) => {
      const change = await cf(c).change(c.place, { status: 'pending_approval', implementerId: mine(c) });
      const meeting = await cf(c).meeting(c.place.companyId, [change.id]);
      return { path: `/cab-meetings/${meeting.id}/decisions`, body: { changeId: change.id, decision: 'approve' } };
    },
    expect: { ...manages(200), change_manager: '403 200 200', administrator: '403 200 200' },
  },
  'GET /change-settings': { call: () => '/change-settings', expect: cab(200) },
  'PUT /change-settings': {
    call: async (c) => ({
      path: '/change-settings',
      body: {
        version: await settingVersion(c.ctx, 'changes'),
        numberPattern: 'CHG-{yyyy}-{seq:6}',
        cabRule: 'majority',
        quorum: 2,
        emergencyCabUserIds: [],
        emergencyQuorum: 1,
      },
    }),
    expect: manages(200),
    serial: true,
  },
});
