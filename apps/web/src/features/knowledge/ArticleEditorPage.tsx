import { Button, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { htmlToPlainText, textToHtml } from '../../components/plain-text.ts';
import { useCompanies } from '../tickets/tickets.queries.ts';
import { type Article, useArticle, useArticleChange, useKnowledgeCategories } from './knowledge.queries.ts';

type Visibility = 'everyone' | 'agents' | 'company';

/** Writing an article, or the next revision of one: Indonesian first, English when there is one. */
export function ArticleEditorPage() {
  const { id } = useParams({ strict: false }) as { id?: string };
  const article = useArticle(Number(id ?? 0));
  if (!id) return <ArticleEditor article={null} />;
  if (article.error) return <ProblemAlert error={article.error} />;
  if (!article.data) return <LoadingState />;
  return <ArticleEditor article={article.data} />;
}

function ArticleEditor({ article }: { article: Article | null }) {
  const { t } = useTranslation('knowledge');
  const navigate = useNavigate();
  const change = useArticleChange();
  const categories = useKnowledgeCategories();
  const companies = useCompanies();
  // A published article is edited from its working revision when one is under way.
  const source =
    article?.working ?? (article ? { ...article, categoryId: article.category?.id ?? null, companyId: article.company?.id ?? null } : null);
  const [form, setForm] = useState({
    titleId: source?.titleId ?? '',
    titleEn: source?.titleEn ?? '',
    bodyId: htmlToPlainText(source?.bodyId ?? ''),
    bodyEn: htmlToPlainText(source?.bodyEn ?? ''),
    categoryId: source?.categoryId ? String(source.categoryId) : null,
    tags: source?.tags ?? [],
    visibility: (source?.visibility ?? 'everyone') as Visibility,
    companyId: source?.companyId ? String(source.companyId) : null,
  });
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => setForm((f) => ({ ...f, [key]: value }));
  const save = () => {
    const body = {
      titleId: form.titleId,
      titleEn: form.titleEn,
      bodyId: textToHtml(form.bodyId),
      bodyEn: textToHtml(form.bodyEn),
      categoryId: form.categoryId ? Number(form.categoryId) : null,
      tags: form.tags,
      visibility: form.visibility,
      companyId: form.visibility === 'company' && form.companyId ? Number(form.companyId) : null,
    };
    const done = { onSuccess: (saved: Article) => void navigate({ to: '/knowledge/$id', params: { id: String(saved.id) } }) };
    if (article) change.update.mutate({ id: article.id, body: { ...body, version: article.version } }, done);
    else change.create.mutate(body, done);
  };
  return (
    <Stack maw={880}>
      <PageHeader
        title={article ? t('editor.editTitle', { number: article.number }) : t('editor.newTitle')}
        description={t('editor.description')}
      />
      <Card
        withBorder
        component="form"
        onSubmit={(e: React.FormEvent) => {
          e.preventDefault();
          save();
        }}
        data-testid="article-form"
      >
        <Stack>
          <ProblemAlert error={change.create.error ?? change.update.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('editor.titleId')}
              required
              maxLength={200}
              value={form.titleId}
              onChange={(e) => set('titleId', e.currentTarget.value)}
              data-testid="article-title-id"
            />
            <TextInput
              label={t('editor.titleEn')}
              maxLength={200}
              value={form.titleEn}
              onChange={(e) => set('titleEn', e.currentTarget.value)}
              data-testid="article-title-en"
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('editor.formatting')}
          </Text>
          <Textarea
            label={t('editor.bodyId')}
            autosize
            minRows={8}
            value={form.bodyId}
            onChange={(e) => set('bodyId', e.currentTarget.value)}
            data-testid="article-body-id"
          />
          <Textarea
            label={t('editor.bodyEn')}
            autosize
            minRows={4}
            value={form.bodyEn}
            onChange={(e) => set('bodyEn', e.currentTarget.value)}
            data-testid="article-body-en"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('category')}
              data={(categories.data?.items ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
              value={form.categoryId}
              onChange={(v) => set('categoryId', v)}
              clearable
            />
            <TagsInput label={t('editor.tags')} value={form.tags} onChange={(v) => set('tags', v)} maxTags={20} />
          </SimpleGrid>
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('editor.visibility')}
            </Text>
            <SegmentedControl
              data={(['everyone', 'agents', 'company'] as const).map((v) => ({ value: v, label: t(`visibility.${v}`) }))}
              value={form.visibility}
              onChange={(v) => set('visibility', v as Visibility)}
              data-testid="article-visibility"
            />
          </div>
          {form.visibility === 'company' && (
            <Select
              label={t('fact.company')}
              required
              data={(companies.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
              value={form.companyId}
              onChange={(v) => set('companyId', v)}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => window.history.back()}>
              {t('editor.cancel')}
            </Button>
            <Button type="submit" loading={change.create.isPending || change.update.isPending} data-testid="article-save">
              {t('editor.save')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
