import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../lib/api.d.ts';
import { api, type BodyOf, type ResponseOf, unwrap } from '../../lib/api-client.ts';

export type Article = ResponseOf<'/api/v1/knowledge/articles/{id}', 'get'>;
export type ArticleSummary = ResponseOf<'/api/v1/knowledge/articles', 'get'>['items'][number];
type ListQuery = NonNullable<paths['/api/v1/knowledge/articles']['get']['parameters']['query']>;

export function useArticles(query: ListQuery, enabled = true) {
  return useQuery({
    queryKey: ['knowledge', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/knowledge/articles', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useArticle(id: number) {
  return useQuery({
    queryKey: ['knowledge', 'article', id],
    queryFn: () => unwrap(api.GET('/api/v1/knowledge/articles/{id}', { params: { path: { id } } })),
  });
}

export function useKnowledgeCategories() {
  return useQuery({
    queryKey: ['knowledge', 'categories'],
    queryFn: () => unwrap(api.GET('/api/v1/knowledge/categories', { params: { query: { pageSize: 200, active: 'true' } } })),
    staleTime: 300_000,
  });
}

/** The cache after a change: the article as answered, lists refreshed. */
function useSettle() {
  const client = useQueryClient();
  return (article: Article) => {
    client.setQueryData(['knowledge', 'article', article.id], article);
    void client.invalidateQueries({ queryKey: ['knowledge', 'list'] });
  };
}

/** One lifecycle step (knowledge.lifecycle.ts on the server). */
function useStep(action: 'submit' | 'approve' | 'reject' | 'retire' | 'restore') {
  const settle = useSettle();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/knowledge/articles/{id}/submit', 'post'> }) =>
      unwrap(
        api.POST(`/api/v1/knowledge/articles/{id}/${action}` as '/api/v1/knowledge/articles/{id}/submit', {
          params: { path: { id } },
          body,
        }),
      ),
    onSuccess: settle,
  });
}

/** Every change answers with the article; lists refresh. */
export function useArticleChange() {
  const client = useQueryClient();
  const settle = useSettle();
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/knowledge/articles', 'post'>) => unwrap(api.POST('/api/v1/knowledge/articles', { body })),
      onSuccess: settle,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/knowledge/articles/{id}', 'patch'> }) =>
        unwrap(api.PATCH('/api/v1/knowledge/articles/{id}', { params: { path: { id } }, body })),
      onSuccess: settle,
    }),
    submit: useStep('submit'),
    approve: useStep('approve'),
    reject: useStep('reject'),
    retire: useStep('retire'),
    restore: useStep('restore'),
    send: useMutation({
      mutationFn: ({ id, ticketId }: { id: number; ticketId: number }) =>
        unwrap(api.POST('/api/v1/knowledge/articles/{id}/tickets', { params: { path: { id } }, body: { ticketId } })),
      onSuccess: (article) => {
        settle(article);
        void client.invalidateQueries({ queryKey: ['ticket'] });
      },
    }),
    solved: useMutation({
      mutationFn: ({ id, query }: { id: number; query?: string }) =>
        unwrap(api.POST('/api/v1/knowledge/articles/{id}/deflections', { params: { path: { id } }, body: query ? { query } : {} })),
    }),
  };
}
