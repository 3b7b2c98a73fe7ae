import { CHANGE_STATUSES, CHANGE_TYPES } from '@ish/shared';
import { createRoute, redirect } from '@tanstack/react-router';
import type { ChangeSection } from '../features/changes/change-sections.ts';
import type { Me } from '../features/session/session.queries.ts';
import { appRoute } from './app.tsx';
import { page } from './page.ts';

/** What these pages read besides common and auth. */
const NAMESPACES = ['changes'];
// The section list (with its icons) is fetched by the guards, not carried in the entry the sign-in page loads.
const sections = () => import('../features/changes/change-sections.ts');

// Change management lives under the Service Desk tile; it is loaded on first visit and each list keeps its filters in the URL.

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);
const positive = (value: unknown) => (Number.isInteger(Number(value)) && Number(value) > 0 ? Number(value) : undefined);
const defined = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
const listSearch = (s: Record<string, unknown>) =>
  defined({
    q: text(s.q),
    status: CHANGE_STATUSES.find((x) => x === s.status),
    type: CHANGE_TYPES.find((x) => x === s.type),
    page: positive(s.page),
  });

/** A screen the server would refuse anyway is not offered: back to the first change screen the user may use. */
const guard =
  (code: ChangeSection['code']) =>
  async ({ context }: { context: { me: Me } }) => {
    const { CHANGE_SECTIONS } = await sections();
    if (CHANGE_SECTIONS.find((s) => s.code === code)?.allowed(context.me)) return;
    const first = CHANGE_SECTIONS.find((s) => s.allowed(context.me));
    throw redirect({ to: first?.to ?? '/' });
  };

export const changesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'changes',
  beforeLoad: async ({ context }) => {
    if (!(await sections()).worksWithChanges(context.me)) throw redirect({ to: '/' });
  },
  component: page(NAMESPACES, () => import('../features/changes/ChangesLayout.tsx'), 'ChangesLayout'),
});

export const changeCalendarRoute = createRoute({
  getParentRoute: () => changesRoute,
  path: 'calendar',
  beforeLoad: guard('calendar'),
  validateSearch: (s: Record<string, unknown>) =>
    defined({
      view: ['month', 'week', 'list'].find((v) => v === s.view) as 'month' | 'week' | 'list' | undefined,
      date: typeof s.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s.date) ? s.date : undefined,
      service: text(s.service),
      team: text(s.team),
      type: CHANGE_TYPES.find((x) => x === s.type),
    }),
  component: page(NAMESPACES, () => import('../features/changes/CalendarPage.tsx'), 'CalendarPage'),
});

export const newChangeRoute = createRoute({
  getParentRoute: () => changesRoute,
  path: 'new',
  beforeLoad: guard('mine'),
  validateSearch: (s: Record<string, unknown>) => defined({ request: text(s.request) }),
  component: page(NAMESPACES, () => import('../features/changes/NewChangePage.tsx'), 'NewChangePage'),
});

export const changeRoute = createRoute({
  getParentRoute: () => changesRoute,
  path: '$number',
  component: page(NAMESPACES, () => import('../features/changes/ChangePage.tsx'), 'ChangePage'),
});

export const editChangeRoute = createRoute({
  getParentRoute: () => changesRoute,
  path: '$number/edit',
  component: page(NAMESPACES, () => import('../features/changes/NewChangePage.tsx'), 'EditChangePage'),
});

export const myChangesRoute = createRoute({
  getParentRoute: () => changesRoute,
  path: '/',
  beforeLoad: guard('mine'),
  validateSearch: listSearch,
  component: page(NAMESPACES, () => import('../features/changes/ChangeListPage.tsx'), 'MyChangesPage'),
});
export const reviewQueueRoute = createRoute({
  getParentRoute: () => changesRoute,
  path: 'review',
  beforeLoad: guard('review'),
  validateSearch: listSearch,
  component: page(NAMESPACES, () => import('../features/changes/ChangeListPage.tsx'), 'ReviewQueuePage'),
});
export const votingQueueRoute = createRoute({
  getParentRoute: () => changesRoute,
  path: 'votes',
  beforeLoad: guard('votes'),
  validateSearch: listSearch,
  component: page(NAMESPACES, () => import('../features/changes/ChangeListPage.tsx'), 'VotingQueuePage'),
});
export const implementationQueueRoute = createRoute({
  getParentRoute: () => changesRoute,
  path: 'implementation',
  beforeLoad: guard('implementation'),
  validateSearch: listSearch,
  component: page(NAMESPACES, () => import('../features/changes/ChangeListPage.tsx'), 'ImplementationQueuePage'),
});
export const allChangesRoute = createRoute({
  getParentRoute: () => changesRoute,
  path: 'all',
  beforeLoad: guard('all'),
  validateSearch: listSearch,
  component: page(NAMESPACES, () => import('../features/changes/ChangeListPage.tsx'), 'AllChangesPage'),
});
export const meetingsRoute = createRoute({
  getParentRoute: () => changesRoute,
  path: 'meetings',
  beforeLoad: guard('meetings'),
  component: page(NAMESPACES, () => import('../features/changes/MeetingsPage.tsx'), 'MeetingsPage'),
});
export const meetingRoute = createRoute({
  getParentRoute: () => changesRoute,
  path: 'meetings/$id',
  beforeLoad: guard('meetings'),
  component: page(NAMESPACES, () => import('../features/changes/MeetingsPage.tsx'), 'MeetingPage'),
});
export const templatesRoute = createRoute({
  getParentRoute: () => changesRoute,
  path: 'templates',
  beforeLoad: guard('templates'),
  component: page(NAMESPACES, () => import('../features/changes/TemplatesPage.tsx'), 'TemplatesPage'),
});
export const windowsRoute = createRoute({
  getParentRoute: () => changesRoute,
  path: 'windows',
  beforeLoad: guard('windows'),
  component: page(NAMESPACES, () => import('../features/changes/WindowsPage.tsx'), 'WindowsPage'),
});
export const changeSettingsRoute = createRoute({
  getParentRoute: () => changesRoute,
  path: 'settings',
  beforeLoad: guard('settings'),
  component: page(NAMESPACES, () => import('../features/changes/ChangeSettingsPage.tsx'), 'ChangeSettingsPage'),
});

export const changeRoutes = changesRoute.addChildren([
  myChangesRoute,
  reviewQueueRoute,
  votingQueueRoute,
  implementationQueueRoute,
  allChangesRoute,
  changeCalendarRoute,
  meetingsRoute,
  meetingRoute,
  templatesRoute,
  windowsRoute,
  changeSettingsRoute,
  newChangeRoute,
  changeRoute,
  editChangeRoute,
]);
