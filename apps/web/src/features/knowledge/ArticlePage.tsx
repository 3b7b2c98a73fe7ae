import { Alert, Anchor, Badge, Button, Card, Grid, Group, Modal, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconCheck, IconPencil } from '@tabler/icons-react';
import { Link, useParams, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Fact } from '../../components/Fact.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { RecordHeader } from '../../components/RecordHeader.tsx';
import { SafeHtml } from '../../components/SafeHtml.tsx';
import { useFormat } from '../session/use-format.ts';
import { ArticleStatus } from './KnowledgePage.tsx';
import { type Article, useArticle, useArticleChange } from './knowledge.queries.ts';

/** One article: its text in my language, "this solved my problem", and for writers the revision under way, its review and history. */
export function ArticlePage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const article = useArticle(Number(id));
  if (article.error) return <ProblemAlert error={article.error} onRetry={() => void article.refetch()} />;
  if (!article.data) return <LoadingState />;
  return <ArticleView article={article.data} />;
}

function ArticleView({ article }: { article: Article }) {
  const { t } = useTranslation('knowledge');
  const { dateTime } = useFormat();
  const search = useSearch({ strict: false }) as { q?: string };
  const change = useArticleChange();
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState('');
  const can = (action: string) => article.allowedActions.includes(action);
  const body = { version: article.version };
  const error = change.submit.error ?? change.approve.error ?? change.retire.error ?? change.restore.error ?? change.solved.error;
  return (
    <Stack maw={960}>
      <RecordHeader
        number={`${article.number}${article.category ? ` · ${article.category.name}` : ''}`}
        numberTestId="article-number"
        title={article.title}
        badges={<ArticleStatus article={article} />}
        actions={
          <>
            {can('edit') && (
              <Button
                variant="default"
                leftSection={<IconPencil size={16} />}
                renderRoot={(props) => <Link {...props} to="/knowledge/$id/edit" params={{ id: String(article.id) }} />}
                data-testid="article-edit"
              >
                {t('action.edit')}
              </Button>
            )}
            {can('submit') && (
              <Button
                onClick={() => change.submit.mutate({ id: article.id, body })}
                loading={change.submit.isPending}
                data-testid="article-submit"
              >
                {t('action.submit')}
              </Button>
            )}
            {can('approve') && (
              <Button
                color="teal"
                onClick={() => change.approve.mutate({ id: article.id, body })}
                loading={change.approve.isPending}
                data-testid="article-approve"
              >
                {t('action.approve')}
              </Button>
            )}
            {can('reject') && (
              <Button variant="default" onClick={() => setRejecting(true)} data-testid="article-reject">
                {t('action.reject')}
              </Button>
            )}
            {can('retire') && (
              <Button
                variant="subtle"
                color="red"
                onClick={() => change.retire.mutate({ id: article.id, body })}
                loading={change.retire.isPending}
              >
                {t('action.retire')}
              </Button>
            )}
            {can('restore') && (
              <Button variant="subtle" onClick={() => change.restore.mutate({ id: article.id, body })} loading={change.restore.isPending}>
                {t('action.restore')}
              </Button>
            )}
          </>
        }
      />
      <ProblemAlert error={error} />
      {article.working && (
        <Alert
          color={article.working.status === 'rejected' ? 'red' : 'violet'}
          title={t(`working.${article.working.status}` as 'working.draft', { revision: article.working.revision })}
          data-testid="article-working"
        >
          <Text size="sm">{t('working.by', { name: article.working.author.name, at: dateTime(article.working.createdAt) })}</Text>
          {article.working.reviewComment && (
            <Text size="sm" mt={4}>
              {t('working.comment', { name: article.working.reviewer?.name ?? '', comment: article.working.reviewComment })}
            </Text>
          )}
          {article.working.titleId !== article.titleId && (
            <Text size="sm" mt={4}>
              {t('working.newTitle', { title: article.working.titleId })}
            </Text>
          )}
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder>
            <SafeHtml html={article.body || `<p>${t('noBody')}</p>`} />
          </Card>
          {article.status === 'published' && (
            <Card withBorder mt="md" data-testid="article-solved-card">
              {change.solved.isSuccess ? (
                <Group gap="xs" data-testid="article-solved-thanks">
                  <IconCheck size={18} color="var(--mantine-color-teal-6)" />
                  <Text size="sm">{t('solved.thanks')}</Text>
                  <Anchor component={Link} to="/" size="sm">
                    {t('solved.home')}
                  </Anchor>
                </Group>
              ) : (
                <Group justify="space-between">
                  <Text size="sm">{t('solved.question')}</Text>
                  <Group gap="xs">
                    <Button
                      size="xs"
                      color="teal"
                      onClick={() => change.solved.mutate({ id: article.id, query: search.q })}
                      loading={change.solved.isPending}
                      data-testid="article-solved"
                    >
                      {t('solved.yes')}
                    </Button>
                    <Button size="xs" variant="default" component={Link} to="/tickets/new" search={{ title: search.q } as never}>
                      {t('solved.no')}
                    </Button>
                  </Group>
                </Group>
              )}
            </Card>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder>
            <Stack gap="xs">
              <Fact label={t('fact.revision')}>{article.revision ? String(article.revision) : t('status.draft')}</Fact>
              {article.publishedAt && <Fact label={t('fact.published')}>{dateTime(article.publishedAt)}</Fact>}
              <Fact label={t('fact.author')}>{article.author.name}</Fact>
              {article.reviewer && <Fact label={t('fact.reviewer')}>{article.reviewer.name}</Fact>}
              {article.company && <Fact label={t('fact.company')}>{article.company.name}</Fact>}
              {article.tags.length > 0 && (
                <Group gap={4}>
                  {article.tags.map((tag) => (
                    <Badge key={tag} variant="light" size="sm">
                      {tag}
                    </Badge>
                  ))}
                </Group>
              )}
              {article.sourceTicket && (
                <Fact label={t('fact.source')}>
                  <Anchor
                    size="sm"
                    renderRoot={(props) => (
                      <Link {...props} to="/tickets/$number" params={{ number: article.sourceTicket?.number ?? '' }} />
                    )}
                  >
                    {article.sourceTicket.number}
                  </Anchor>
                </Fact>
              )}
              {can('edit') && <Fact label={t('fact.deflections')}>{String(article.deflections)}</Fact>}
            </Stack>
          </Card>
          {article.history.length > 0 && (
            <Card withBorder mt="md">
              <Title order={5} mb="xs">
                {t('history')}
              </Title>
              <Table.ScrollContainer minWidth={0}>
                <Table data-testid="article-history">
                  <Table.Tbody>
                    {article.history.map((h) => (
                      <Table.Tr key={h.revision}>
                        <Table.Td>#{h.revision}</Table.Td>
                        <Table.Td>
                          <Badge size="xs" variant="light">
                            {t(`revision.${h.status}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <Text size="xs">{h.author.name}</Text>
                          <Text size="xs" c="dimmed">
                            {dateTime(h.reviewedAt ?? h.createdAt)}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Card>
          )}
        </Grid.Col>
      </Grid>
      <Modal opened={rejecting} onClose={() => setRejecting(false)} title={t('action.reject')}>
        <Stack>
          <ProblemAlert error={change.reject.error} />
          <Textarea
            label={t('rejectComment')}
            required
            autosize
            minRows={3}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            data-testid="article-reject-comment"
          />
          <Group justify="flex-end">
            <Button
              onClick={() => change.reject.mutate({ id: article.id, body: { ...body, comment } }, { onSuccess: () => setRejecting(false) })}
              loading={change.reject.isPending}
              data-testid="article-reject-submit"
            >
              {t('action.reject')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
