import { Button, Group, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActiveBadge } from '../../../components/ActiveBadge.tsx';
import { DataTable } from '../../../components/DataTable.tsx';
import { ActiveToggleAction, EditAction } from '../../../components/RowAction.tsx';
import { ToggleActiveModal } from '../../../components/ToggleActiveModal.tsx';
import { RuleFormModal } from './RuleFormModal.tsx';
import { useRuleText } from './rule-text.ts';
import { type EscalationRule, type NewEscalationRule, useEscalationRules, useSaveEscalationRule } from './sla.queries.ts';

/** The rule as the server holds it, to be sent back whole (its list types priorities and role as plain strings). */
const ruleBody = ({ id: _id, version: _version, ...rule }: EscalationRule) => rule as NewEscalationRule;

export function RulesTab() {
  const { t } = useTranslation('sla');
  const rules = useEscalationRules();
  const text = useRuleText();
  const save = useSaveEscalationRule();
  const [editing, setEditing] = useState<EscalationRule | 'new' | null>(null);
  const [toggling, setToggling] = useState<EscalationRule | null>(null);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" gap="sm">
        <Text size="sm" c="dimmed" style={{ flex: '1 1 300px' }}>
          {t('rules.intro')}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="rule-create">
          {t('rules.create')}
        </Button>
      </Group>
      <DataTable
        testId="rules-table"
        rows={rules.data}
        rowKey={(r) => r.id}
        loading={rules.isPending}
        error={rules.error}
        onRetry={() => void rules.refetch()}
        emptyText={t('rules.empty')}
        columns={[
          { key: 'name', header: t('rules.fields.name'), render: (r) => r.name },
          {
            key: 'when',
            header: t('rules.whenTitle'),
            render: (r) => {
              const filters = text.filters(r);
              return (
                <Stack gap={0}>
                  <Text size="sm">{text.trigger(r)}</Text>
                  <Text size="xs" c="dimmed">
                    {filters.length ? filters.join(' · ') : t('rules.allTickets')}
                  </Text>
                </Stack>
              );
            },
          },
          { key: 'then', header: t('rules.thenTitle'), render: (r) => text.action(r) },
          { key: 'active', header: t('rules.fields.status'), render: (r) => <ActiveBadge active={r.active} /> },
        ]}
        actions={(r) => (
          <>
            <EditAction onClick={() => setEditing(r)} testId="rule-edit" />
            <ActiveToggleAction active={r.active} onClick={() => setToggling(r)} testId="rule-toggle" />
          </>
        )}
      />
      {editing && <RuleFormModal rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {toggling && (
        <ToggleActiveModal
          item={toggling}
          onClose={() => setToggling(null)}
          onConfirm={() =>
            save.mutateAsync({ id: toggling.id, version: toggling.version, body: { ...ruleBody(toggling), active: !toggling.active } })
          }
          message={t(toggling.active ? 'rules.confirmDeactivate' : 'rules.confirmActivate', { name: toggling.name })}
        />
      )}
    </Stack>
  );
}
