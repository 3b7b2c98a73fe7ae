import { createRoute } from '@tanstack/react-router';
import { appRoute, denied } from './app.tsx';
import { page } from './page.ts';

/** What these pages read besides common and auth. */
const NAMESPACES = ['help', 'knowledge', 'problems', 'tickets'];

// The knowledge base (everyone reads it) and problem records (the service desk and report readers).

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 200) : undefined);
const positive = (value: unknown) => (Number.isInteger(Number(value)) && Number(value) > 0 ? Number(value) : undefined);
const defined = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export const knowledgeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'knowledge',
  validateSearch: (s: Record<string, unknown>) =>
    defined({
      q: text(s.q),
      view: s.view === 'review' || s.view === 'mine' ? (s.view as 'review' | 'mine') : undefined,
      categoryId: positive(s.categoryId),
      page: positive(s.page),
    }),
  component: page(NAMESPACES, () => import('../features/knowledge/KnowledgePage.tsx'), 'KnowledgePage'),
});
export const newArticleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'knowledge/new',
  beforeLoad: ({ context, location }) => {
    if (!context.me.permissions.includes('knowledge:write')) throw denied(location);
  },
  component: page(NAMESPACES, () => import('../features/knowledge/ArticleEditorPage.tsx'), 'ArticleEditorPage'),
});
export const articleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'knowledge/$id',
  validateSearch: (s: Record<string, unknown>) => defined({ q: text(s.q) }),
  component: page(NAMESPACES, () => import('../features/knowledge/ArticlePage.tsx'), 'ArticlePage'),
});
export const editArticleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'knowledge/$id/edit',
  beforeLoad: ({ context, location }) => {
    if (!context.me.permissions.includes('knowledge:write')) throw denied(location);
  },
  component: page(NAMESPACES, () => import('../features/knowledge/ArticleEditorPage.tsx'), 'ArticleEditorPage'),
});

const readsProblems = ({ context, location }: { context: { me: { permissions: string[] } }; location: { pathname: string } }) => {
  if (!context.me.permissions.some((p) => p === 'ticket:work' || p === 'report:read')) throw denied(location);
};
export const problemsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'problems',
  beforeLoad: readsProblems,
  validateSearch: (s: Record<string, unknown>) =>
    defined({
      status: (['new', 'investigating', 'known_error', 'resolved', 'closed'] as const).find((v) => v === s.status),
      page: positive(s.page),
    }),
  component: page(NAMESPACES, () => import('../features/problems/ProblemsPage.tsx'), 'ProblemsPage'),
});
export const problemRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'problems/$id',
  beforeLoad: readsProblems,
  component: page(NAMESPACES, () => import('../features/problems/ProblemPage.tsx'), 'ProblemPage'),
});

export const helpRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'help',
  validateSearch: (s: Record<string, unknown>) => defined({ guide: text(s.guide) }),
  component: page(NAMESPACES, () => import('../features/help/HelpPage.tsx'), 'HelpPage'),
});
