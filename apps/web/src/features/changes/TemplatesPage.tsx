import { Button, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActiveBadge } from '../../components/ActiveBadge.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { fromId, idOptions, toId } from '../../lib/options.ts';
import { type Template, useServices, useTeams, useTemplates, useTemplateWrites } from './changes.queries.ts';

const PLAN_FIELDS = ['reason', 'impact', 'implementationPlan', 'testPlan', 'rollbackPlan'] as const;

/** Templates of standard changes: pre-approved models whose plans a standard change takes (the Change Manager keeps them). */
export function TemplatesPage() {
  const { t } = useTranslation(['changes', 'common']);
  const templates = useTemplates(true);
  const services = useServices();
  const writes = useTemplateWrites();
  const [editing, setEditing] = useState<Template | 'new' | null>(null);
  const serviceName = (id: number) => services.data?.items.find((s) => s.id === id)?.name ?? `#${id}`;
  return (
    <Stack>
      <Button w="fit-content" leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="template-new">
        {t('templates.new')}
      </Button>
      <DataTable
        testId="templates"
        rows={templates.data?.items}
        rowKey={(tp) => tp.id}
        loading={templates.isLoading}
        error={templates.error}
        onRetry={() => void templates.refetch()}
        emptyText={t('templates.empty')}
        columns={[
          { key: 'name', header: t('templates.name'), render: (tp) => tp.name },
          { key: 'services', header: t('templates.services'), render: (tp) => tp.serviceIds.map(serviceName).join(', ') || '—' },
          { key: 'duration', header: t('templates.duration'), render: (tp) => tp.durationMinutes },
          { key: 'active', header: t('list.status'), render: (tp) => <ActiveBadge active={tp.active} /> },
        ]}
        actions={(tp) => (
          <>
            <Button size="xs" variant="subtle" onClick={() => setEditing(tp)}>
              {t('common:actions.edit')}
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color={tp.active ? 'red' : undefined}
              onClick={() => writes.update.mutate({ id: tp.id, body: { version: tp.version, active: !tp.active } })}
            >
              {tp.active ? t('templates.retire') : t('templates.activate')}
            </Button>
          </>
        )}
      />
      {editing && <TemplateModal template={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function TemplateModal({ template, onClose }: { template: Template | null; onClose: () => void }) {
  const { t } = useTranslation('changes');
  const services = useServices();
  const teams = useTeams();
  const writes = useTemplateWrites();
  const [v, setV] = useState({
    name: template?.name ?? '',
    description: template?.description ?? '',
    category: template?.category ?? '',
    reason: template?.reason ?? '',
    impact: template?.impact ?? '',
    implementationPlan: template?.implementationPlan ?? '',
    testPlan: template?.testPlan ?? '',
    rollbackPlan: template?.rollbackPlan ?? '',
    tasks: (template?.tasks ?? []).join('\n'),
    serviceIds: template?.serviceIds ?? [],
    teamId: template?.teamId ?? null,
    durationMinutes: template?.durationMinutes ?? 60,
  });
  const mutation = template ? writes.update : writes.create;
  const set = (key: keyof typeof v, value: unknown) => setV((old) => ({ ...old, [key]: value }));
  return (
    <FormModal
      opened
      onClose={onClose}
      title={template ? t('templates.edit') : t('templates.new')}
      submitting={mutation.isPending}
      error={mutation.error}
      fields={[]}
      onSubmit={(e) => {
        e?.preventDefault();
        const body = {
          ...v,
          tasks: v.tasks
            .split('\n')
            .map((x) => x.trim())
            .filter(Boolean),
        };
        if (template) writes.update.mutate({ id: template.id, body: { ...body, version: template.version } }, { onSuccess: onClose });
        else writes.create.mutate(body, { onSuccess: onClose });
      }}
    >
      <TextInput
        label={t('templates.name')}
        required
        value={v.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        data-testid="template-name"
      />
      <Textarea
        label={t('field.description')}
        autosize
        minRows={2}
        value={v.description}
        onChange={(e) => set('description', e.currentTarget.value)}
      />
      {PLAN_FIELDS.map((key) => (
        <Textarea
          key={key}
          label={t(`field.${key}`)}
          required
          autosize
          minRows={2}
          value={v[key]}
          onChange={(e) => set(key, e.currentTarget.value)}
          data-testid={`template-${key}`}
        />
      ))}
      <MultiSelect
        label={t('field.services')}
        searchable
        data={idOptions(services.data?.items, (s) => s.name)}
        value={v.serviceIds.map(String)}
        onChange={(ids) => set('serviceIds', ids.map(Number))}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('field.team')}
          clearable
          data={idOptions(teams.data?.items, (tm) => tm.name)}
          value={fromId(v.teamId) || null}
          onChange={(id) => set('teamId', toId(id))}
        />
        <NumberInput
          label={t('templates.duration')}
          min={5}
          max={10_080}
          value={v.durationMinutes}
          onChange={(n) => set('durationMinutes', Number(n) || 60)}
        />
      </SimpleGrid>
      <Textarea label={t('templates.tasks')} autosize minRows={3} value={v.tasks} onChange={(e) => set('tasks', e.currentTarget.value)} />
      <Text size="xs" c="dimmed">
        {t('help.template')}
      </Text>
    </FormModal>
  );
}
