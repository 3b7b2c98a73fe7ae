import { Badge, Button, Card, Group, Modal, Pagination, Select, Stack, Table, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { textToHtml } from '../../components/plain-text.ts';
import { useMe } from '../session/session.queries.ts';
import { useFormat } from '../session/use-format.ts';
import { CategorySelect } from '../tickets/CategorySelect.tsx';
import { useBusinessServices } from '../tickets/tickets.queries.ts';
import { useProblemChange, useProblems } from './problems.queries.ts';

export const PROBLEM_STATUSES = ['new', 'investigating', 'known_error', 'resolved', 'closed'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];
const COLORS: Record<ProblemStatus, string> = {
  new: 'blue',
  investigating: 'orange',
  known_error: 'yellow',
  resolved: 'teal',
  closed: 'gray',
};

export function ProblemStatusBadge({ status }: { status: ProblemStatus }) {
  const { t } = useTranslation('problems');
  return (
    <Badge color={COLORS[status]} style={{ flexShrink: 0 }}>
      {t(`status.${status}`)}
    </Badge>
  );
}

const PAGE_SIZE = 25;

/** Problem records of my companies: the causes behind recurring incidents. */
export function ProblemsPage() {
  const { t } = useTranslation('problems');
  const me = useMe();
  const { dateTime } = useFormat();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { status?: ProblemStatus; page?: number };
  const page = search.page ?? 1;
  const list = useProblems({ status: search.status, page, pageSize: PAGE_SIZE });
  const go = (changes: Record<string, unknown>) =>
    void navigate({ to: '/problems', search: ((prev: object) => ({ ...prev, page: undefined, ...changes })) as never });
  return (
    <Stack>
      <PageHeader title={t('title')} description={t('description')} actions={me.permissions.includes('problem:manage') && <NewProblem />} />
      <Select
        aria-label={t('statusFilter')}
        placeholder={t('allStatuses')}
        data={PROBLEM_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        value={search.status ?? null}
        onChange={(v) => go({ status: v ?? undefined })}
        clearable
        w={{ base: '100%', xs: 240 }}
        data-testid="problem-status-filter"
      />
      {list.error && <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending ? (
        <LoadingState />
      ) : !list.data?.items.length ? (
        <Card withBorder>
          <Text c="dimmed" ta="center">
            {t('empty')}
          </Text>
        </Card>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover data-testid="problem-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('field.number')}</Table.Th>
                <Table.Th w="45%">{t('field.title')}</Table.Th>
                <Table.Th>{t('field.status')}</Table.Th>
                <Table.Th>{t('field.incidents')}</Table.Th>
                <Table.Th>{t('field.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Link to="/problems/$id" params={{ id: String(p.id) }}>
                      {p.number}
                    </Link>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.title}</Text>
                    <Text size="xs" c="dimmed">
                      {[p.category?.name, p.service?.name].filter(Boolean).join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ProblemStatusBadge status={p.status} />
                  </Table.Td>
                  <Table.Td>{p.incidentCount}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{dateTime(p.updatedAt)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.data && list.data.total > PAGE_SIZE && (
        <Pagination total={Math.ceil(list.data.total / PAGE_SIZE)} value={page} onChange={(p) => go({ page: p })} size="sm" />
      )}
    </Stack>
  );
}

function NewProblem() {
  const { t } = useTranslation('problems');
  const navigate = useNavigate();
  const [opened, modal] = useDisclosure(false);
  const change = useProblemChange();
  const services = useBusinessServices();
  const [form, setForm] = useState({
    title: '',
    description: '',
    categoryId: null as string | null,
    serviceId: null as string | null,
    incidents: [] as string[],
  });
  const create = () =>
    change.create.mutate(
      {
        title: form.title,
        description: textToHtml(form.description),
        categoryId: form.categoryId ? Number(form.categoryId) : null,
        serviceId: form.serviceId ? Number(form.serviceId) : null,
        incidents: form.incidents,
      },
      { onSuccess: (problem) => void navigate({ to: '/problems/$id', params: { id: String(problem.id) } }) },
    );
  return (
    <>
      <Button leftSection={<IconPlus size={16} />} onClick={modal.open} data-testid="problem-new">
        {t('new')}
      </Button>
      <Modal opened={opened} onClose={modal.close} title={t('new')} size="lg">
        <Stack>
          <ProblemAlert error={change.create.error} />
          <TextInput
            label={t('field.title')}
            required
            value={form.title}
            onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
            data-testid="problem-title"
          />
          <Textarea
            label={t('field.description')}
            autosize
            minRows={3}
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
          />
          <CategorySelect value={form.categoryId} onChange={(v) => setForm({ ...form, categoryId: v })} />
          <Select
            label={t('field.service')}
            data={(services.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
            value={form.serviceId}
            onChange={(v) => setForm({ ...form, serviceId: v })}
            clearable
            searchable
          />
          <TagsInput
            label={t('field.incidents')}
            description={t('incidentsHelp')}
            value={form.incidents}
            onChange={(v) => setForm({ ...form, incidents: v })}
            data-testid="problem-incidents"
          />
          <Group justify="flex-end">
            <Button onClick={create} loading={change.create.isPending} disabled={!form.title.trim()} data-testid="problem-create">
              {t('create')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
