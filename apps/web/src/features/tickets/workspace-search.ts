import type { paths } from '../../lib/api.d.ts';

/** The list endpoint's query string: the workspace keeps exactly this in the URL, and a saved view stores it. */
export type ListQuery = NonNullable<paths['/api/v1/tickets']['get']['parameters']['query']>;
export type Queue = NonNullable<ListQuery['queue']>;
export type Sort = NonNullable<ListQuery['sort']>;

export const WORKER_QUEUES: Queue[] = ['mine', 'team', 'unassigned', 'open', 'breaching', 'all'];
export const REQUESTER_QUEUES: Queue[] = ['my_requests', 'my_unit'];
/** Readers of reports (Executives) open the tickets behind a report's numbers: every ticket in their scope, filtered. */
export const READER_QUEUES: Queue[] = ['all', 'breaching', 'my_requests', 'my_unit'];

/** Sort choices offered; `priority` orders by priority, then by the resolution due date. */
export const SORTS = ['priority', 'due', '-created', '-updated', 'number'] as const satisfies readonly Sort[];

/** Filters of the panel, each a comma-separated list (or a date) as the API takes it. */
export const FILTER_KEYS = [
  'status',
  'priority',
  'categoryId',
  'serviceId',
  'companyId',
  'unitId',
  'teamId',
  'assigneeId',
  'type',
  'channel',
  'sla',
  'tag',
  'createdFrom',
  'createdTo',
  'resolvedFrom',
  'resolvedTo',
  'permanentPending',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export type WorkspaceSearch = Partial<Record<FilterKey | 'queue' | 'q' | 'sort', string>> & { page?: number };

const TEXT_KEYS = ['queue', 'q', 'sort', ...FILTER_KEYS] as const;

/**
 * The router parses `?q=123` as a number and `?unitId=4,5` as a string; the
 * workspace wants strings throughout (and a whole page number).
 */
export function parseWorkspaceSearch(raw: Record<string, unknown>): WorkspaceSearch {
  const search: WorkspaceSearch = {};
  for (const key of TEXT_KEYS) {
    const value = raw[key];
    if (value !== undefined && value !== null && value !== '') search[key] = String(value);
  }
  const page = Number(raw.page);
  if (Number.isInteger(page) && page > 1) search.page = page;
  return search;
}

export const csvOf = (value: string | undefined): string[] => (value ? value.split(',').filter(Boolean) : []);
export const csvFrom = (values: readonly string[]): string | undefined => (values.length ? values.join(',') : undefined);

/** Busy queues open on what needs doing first; the requester's lists on what was filed last. */
export function defaultSort(queue: Queue): Sort {
  if (queue === 'breaching') return 'due';
  return queue === 'my_requests' || queue === 'my_unit' ? '-created' : 'priority';
}

/** Filters in use; a date range counts once. */
export const activeFilterCount = (search: WorkspaceSearch) =>
  FILTER_KEYS.filter((key) => search[key] && key !== 'createdTo' && key !== 'resolvedTo').length +
  (search.createdTo && !search.createdFrom ? 1 : 0) +
  (search.resolvedTo && !search.resolvedFrom ? 1 : 0);

/** What a saved view keeps: queue, search words, sort and filters (never the page). */
export function viewFiltersOf(search: WorkspaceSearch): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const key of TEXT_KEYS) {
    const value = search[key];
    if (value) filters[key] = value;
  }
  return filters;
}

export function sameFilters(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}
