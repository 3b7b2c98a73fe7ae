import type { Role } from '@ish/shared';
import type autocannon from 'autocannon';
import { type Fixtures, QUEUE_QUERY, REPORT_QUERY, type Statement, UNIT_LIST_QUERY } from './statements.ts';

type Request = autocannon.Request;
/** autocannon keeps one context object per connection. */
type Context = Record<string, unknown>;
const contextOf = (context: object) => context as Context;

export interface Scenario {
  name: string;
  description: string;
  /** The demo account it runs as. */
  as: Role;
  requests(f: Fixtures, connections: number): Request[];
  /** Route of the bare-driver baseline running the same SQL. */
  baseline?: string;
  /** The statements `--explain` shows; writes are explained inside a rolled-back transaction. */
  explain(f: Fixtures): Statement[];
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const cycle = <T>(items: readonly T[]) => {
  let n = 0;
  return () => items[n++ % items.length] as T;
};
const get = (path: () => string): Request => ({ method: 'GET', setupRequest: (req) => ({ ...req, path: path() }) });
/** Tickets the transition scenario is not changing right now, with their status (kept across warm-up and run). */
const idle: { id: number; status: string }[] = [];
const query = (params: Record<string, string>) => new URLSearchParams(params).toString();
/** A ticket search for each input in turn, a page of 50. */
const searchFor = (inputs: string[], sort?: string): Request => {
  const next = cycle(inputs);
  return get(() => `/api/v1/tickets?${query({ q: next(), pageSize: '50', ...(sort ? { sort } : {}) })}`);
};

export const SCENARIOS: Scenario[] = [
  {
    name: 'queue',
    description: 'Agent queue: team + open statuses, priority then due date, 50 rows',
    as: 'agent',
    requests: (f) => [get(() => `/api/v1/tickets?${query({ ...QUEUE_QUERY, teamId: String(f.teamId) })}`)],
    baseline: 'queue',
    explain: (f) => f.statements.queue,
  },
  {
    name: 'unit-list',
    description: "Requester's unit list, newest first, 50 rows",
    as: 'requester',
    requests: () => [get(() => `/api/v1/tickets?${query(UNIT_LIST_QUERY)}`)],
    explain: (f) => f.statements.unitList,
  },
  {
    name: 'detail',
    description: 'Ticket page: detail, then timeline, of random tickets',
    as: 'agent',
    requests: (f) => {
      const next = cycle(f.detailIds);
      return [
        {
          method: 'GET',
          setupRequest: (req, context) => {
            contextOf(context).id = next();
            return { ...req, path: `/api/v1/tickets/${contextOf(context).id}` };
          },
        },
        { method: 'GET', setupRequest: (req, context) => ({ ...req, path: `/api/v1/tickets/${contextOf(context).id}/timeline` }) },
      ];
    },
    baseline: 'detail',
    explain: (f) => f.statements.detail,
  },
  {
    name: 'search-word',
    description: 'Full-text search for a word, 50 rows',
    as: 'agent',
    requests: (f) => [searchFor(f.words)],
    baseline: 'search',
    explain: (f) => f.statements.search[0] ?? [],
  },
  {
    name: 'search-rare',
    description: 'Full-text search for words in few or no tickets, 50 rows',
    as: 'agent',
    requests: (f) => [searchFor(f.rareWords)],
    explain: (f) => f.statements.rareSearch.flat(),
  },
  {
    name: 'search-priority',
    description: 'Full-text search for a common word in priority order (the service desk’s), 50 rows',
    as: 'agent',
    requests: (f) => [searchFor(f.words, 'priority')],
    explain: (f) => f.statements.prioritySearch.flat(),
  },
  {
    name: 'search-number',
    description: 'Search for a partial ticket number (e.g. 2025-0012)',
    as: 'agent',
    requests: (f) => [searchFor(f.numbers)],
    explain: (f) => f.statements.numberSearch[0] ?? [],
  },
  {
    name: 'dashboard',
    description: 'Dashboard counts by status and unit, current month',
    as: 'executive',
    requests: () => [get(() => '/api/v1/tickets/counts')],
    explain: (f) => f.statements.dashboard,
  },
  {
    name: 'report',
    description: "This month's ticket recap by unit and status, from the summary tables",
    as: 'executive',
    requests: () => [get(() => `/api/v1/reports/tickets?${query(REPORT_QUERY)}`)],
    explain: (f) => f.statements.report,
  },
  {
    name: 'create',
    description: 'Create a ticket (number, priority, SLA clock, notifications queued)',
    as: 'requester',
    requests: () => {
      let n = 0;
      return [
        {
          method: 'POST',
          headers: JSON_HEADERS,
          setupRequest: (req) => ({
            ...req,
            path: '/api/v1/tickets',
            body: JSON.stringify({
              title: `Printer ruang arsip tidak bisa mencetak (${++n})`,
              description: '<p>Kertas tersangkut dan lampu indikator berkedip merah.</p>',
              urgency: n % 3 === 0 ? 'high' : 'medium',
              impact: 'medium',
            }),
          }),
        },
      ];
    },
    explain: () => [
      {
        text: `INSERT INTO tickets (number, type, title, description_html, company_id, requester_id, unit_id, unit_path, urgency, impact, priority, created_by)
               SELECT 'BENCH-EXPLAIN', 'incident', 'Printer ruang arsip tidak bisa mencetak', '<p>Kertas tersangkut.</p>', un.company_id, u.id, u.unit_id, un.path,
                      'medium', 'medium', 'P3', u.id
               FROM users u JOIN units un ON un.id = u.unit_id WHERE u.email = 'siti@nusantara.test'`,
        params: [],
      },
    ],
  },
  {
    name: 'reply',
    description: 'Add a public reply to an open ticket',
    as: 'team_lead',
    requests: (f) => {
      const next = cycle(f.workIds);
      return [
        {
          method: 'POST',
          headers: JSON_HEADERS,
          setupRequest: (req) => ({
            ...req,
            path: `/api/v1/tickets/${next()}/comments`,
            body: JSON.stringify({ body: '<p>Teknisi akan datang ke lokasi setelah jam istirahat.</p>' }),
          }),
        },
      ];
    },
    // Appending to replies_text rebuilds the ticket's search vector: the costly part of a reply.
    explain: (f) => [
      {
        text: `UPDATE tickets SET replies_text = replies_text || ' ' || $2, updated_at = now(), version = version + 1 WHERE id = $1`,
        params: [f.workIds[0], 'Teknisi akan datang ke lokasi setelah jam istirahat.'],
      },
    ],
  },
  {
    name: 'transition',
    description: 'Status change in_progress ⇄ pending (with reason)',
    as: 'team_lead',
    requests: (f, connections) => {
      // A ticket is taken from the idle queue for one request and returns with its new status, so no two requests race on it.
      if (f.progressIds.length < connections)
        throw new Error(`The transition scenario needs ${connections} tickets in progress; seed more`);
      if (idle.length === 0) idle.push(...f.progressIds.map((id) => ({ id, status: 'in_progress' })));
      return [
        {
          method: 'POST',
          headers: JSON_HEADERS,
          setupRequest: (req, context) => {
            const ticket = idle.shift() as { id: number; status: string };
            const to = ticket.status === 'pending' ? 'in_progress' : 'pending';
            contextOf(context).ticket = { ...ticket, to };
            const body = to === 'pending' ? { to, pendingReason: 'vendor', reason: 'Menunggu suku cadang dari vendor' } : { to };
            return { ...req, path: `/api/v1/tickets/${ticket.id}/transitions`, body: JSON.stringify(body) };
          },
          onResponse: (status, _body, context) => {
            const ticket = contextOf(context).ticket as { id: number; status: string; to: string };
            idle.push({ id: ticket.id, status: status < 300 ? ticket.to : ticket.status });
          },
        },
      ];
    },
    explain: (f) => [
      {
        text: `UPDATE tickets SET status = 'pending', pending_reason = 'vendor', updated_at = now(), version = version + 1 WHERE id = $1`,
        params: [f.progressIds[0] ?? f.detailIds[0]],
      },
    ],
  },
];
