import { accessMatrix, type Cell, unique } from '../../../test/access-matrix.ts';

// Business calendars and holidays: read by everyone signed in (forms and SLA badges), written by Administrators.

const OFFICE = [[], [[480, 1020]], [[480, 1020]], [[480, 1020]], [[480, 1020]], [[480, 1020]], []];
const calendar = async (c: Cell) =>
  Number(
    (
      await c.ctx.pool.query(
        "INSERT INTO business_calendars (name_id, name_en, time_zone, hours) VALUES ($1, $1, 'Asia/Makassar', $2) RETURNING id",
        [unique('Kalender'), JSON.stringify(OFFICE)],
      )
    ).rows[0].id,
  );
let day = 0;
/** A day nobody has taken as a holiday yet (one a cell, from 2031 on). */
const freeDay = () => new Date(Date.UTC(2031, 0, 1) + day++ * 86_400_000).toISOString().slice(0, 10);

export const matrix = accessMatrix({
  'GET /calendars': { call: () => '/calendars', expect: { anonymous: 401, others: '200' } },
  'POST /calendars': {
    call: () => ({
      path: '/calendars',
      body: { nameId: unique('Kalender WITA'), nameEn: unique('WITA calendar'), timeZone: 'Asia/Makassar', always: false, hours: OFFICE },
    }),
    expect: { anonymous: 401, administrator: '201', others: '403' },
  },
  'PATCH /calendars/{id}': {
    call: async (c) => ({ path: `/calendars/${await calendar(c)}`, body: { version: 1, nameId: unique('Kalender kantor') } }),
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
  'GET /holidays': { call: () => '/holidays?from=2026-01-01&to=2026-12-31', expect: { anonymous: 401, others: '200' } },
  'POST /holidays': {
    call: () => ({
      path: '/holidays',
      body: { calendarId: null, day: freeDay(), nameId: 'Cuti bersama', nameEn: 'Collective leave', kind: 'cuti_bersama' },
    }),
    expect: { anonymous: 401, administrator: '201', others: '403' },
  },
  'DELETE /holidays/{id}': {
    call: async (c) => {
      const { rows } = await c.ctx.pool.query(
        "INSERT INTO holidays (day, name_id, name_en, kind) VALUES ($1, 'Libur daerah', 'Local holiday', 'local') RETURNING id",
        [freeDay()],
      );
      return `/holidays/${rows[0].id}`;
    },
    expect: { anonymous: 401, administrator: '204', others: '403' },
  },
});
