import { Badge, Button, Card, Group, Pagination, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useMe } from '../session/session.queries.ts';
import { QueueSearch } from '../tickets/QueueSearch.tsx';
import { type ArticleSummary, useArticles, useKnowledgeCategories } from './knowledge.queries.ts';

export interface KnowledgeSearch {
  q?: string;
  view?: 'review' | 'mine';
  categoryId?: number;
  page?: number;
}

const PAGE_SIZE = 20;

export function ArticleStatus({ article }: { article: Pick<ArticleSummary, 'status' | 'pendingReview' | 'visibility'> }) {
  const { t } = useTranslation('knowledge');
  return (
    <Group gap={4}>
      {article.status !== 'published' && (
        <Badge color={article.status === 'retired' ? 'gray' : 'yellow'}>{t(`status.${article.status}`)}</Badge>
      )}
      {article.pendingReview && article.status === 'published' && <Badge color="violet">{t('pendingReview')}</Badge>}
      {article.visibility !== 'everyone' && (
        <Badge color="gray" variant="outline">
          {t(`visibility.${article.visibility}`)}
        </Badge>
      )}
    </Group>
  );
}

/** The knowledge base: search in Indonesian or English for everyone; writing and the review queue for the service desk. */
export function KnowledgePage() {
  const { t } = useTranslation('knowledge');
  const me = useMe();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as KnowledgeSearch;
  const writer = me.permissions.includes('knowledge:write');
  const reviewer = me.permissions.includes('knowledge:review');
  const go = (changes: Partial<KnowledgeSearch>) =>
    void navigate({ to: '/knowledge', search: ((prev: KnowledgeSearch) => ({ ...prev, page: undefined, ...changes })) as never });
  // Stable, so the search box does not push its words again on every render.
  const searchFor = useCallback(
    (q: string | undefined) =>
      void navigate({ to: '/knowledge', search: ((prev: KnowledgeSearch) => ({ ...prev, q, page: undefined })) as never }),
    [navigate],
  );
  const categories = useKnowledgeCategories();
  const page = search.page ?? 1;
  const list = useArticles({ q: search.q, view: search.view, categoryId: search.categoryId, page, pageSize: PAGE_SIZE });
  const views = [
    { value: 'all', label: t('view.all') },
    ...(reviewer ? [{ value: 'review', label: t('view.review') }] : []),
    ...(writer ? [{ value: 'mine', label: t('view.mine') }] : []),
  ];
  return (
    <Stack>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          writer && (
            <Button component={Link} to="/knowledge/new" leftSection={<IconPlus size={16} />} data-testid="article-new">
              {t('new')}
            </Button>
          )
        }
      />
      <Group gap="xs" align="flex-end">
        <QueueSearch value={search.q ?? ''} onChange={searchFor} placeholder={t('search')} testId="knowledge-search" />
        <Select
          aria-label={t('category')}
          placeholder={t('allCategories')}
          data={(categories.data?.items ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
          value={search.categoryId ? String(search.categoryId) : null}
          onChange={(v) => go({ categoryId: v ? Number(v) : undefined })}
          clearable
          w={{ base: '100%', xs: 220 }}
        />
      </Group>
      {views.length > 1 && (
        <SegmentedControl
          data={views}
          value={search.view ?? 'all'}
          onChange={(v) => go({ view: v === 'all' ? undefined : (v as KnowledgeSearch['view']) })}
          style={{ alignSelf: 'flex-start' }}
          data-testid="knowledge-view"
        />
      )}
      {list.error && <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending ? (
        <LoadingState />
      ) : list.data?.items.length === 0 ? (
        <Card withBorder>
          <Text c="dimmed" ta="center" data-testid="knowledge-empty">
            {search.q ? t('noMatch') : t('empty')}
          </Text>
        </Card>
      ) : (
        <Stack gap="sm" data-testid="knowledge-list">
          {list.data?.items.map((a) => (
            <Card
              key={a.id}
              withBorder
              padding="md"
              renderRoot={(props) => <Link {...props} to="/knowledge/$id" params={{ id: String(a.id) }} />}
              data-testid="knowledge-item"
            >
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div style={{ minWidth: 0 }}>
                  <Text size="xs" c="dimmed">
                    {a.number}
                    {a.category ? ` · ${a.category.name}` : ''}
                  </Text>
                  <Title order={4} size="h5">
                    {a.title}
                  </Title>
                </div>
                <ArticleStatus article={a} />
              </Group>
              <Text size="sm" c="dimmed" lineClamp={2} mt={4}>
                {a.excerpt}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
      {list.data && list.data.total > PAGE_SIZE && (
        <Pagination total={Math.ceil(list.data.total / PAGE_SIZE)} value={page} onChange={(p) => go({ page: p })} size="sm" />
      )}
    </Stack>
  );
}
