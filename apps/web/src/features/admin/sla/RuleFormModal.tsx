import { ROLES } from '@ish/shared';
import { Group, MultiSelect, NumberInput, Radio, Select, SimpleGrid, Stack, Switch, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/FormModal.tsx';
import { applyServerErrors } from '../../../components/form-errors.ts';
import { fromId, idOptions, toId } from '../../../lib/options.ts';
import { categoryOptions, PRIORITIES } from './policy-match.ts';
import { useRuleText } from './rule-text.ts';
import { type EscalationRule, type NewEscalationRule, useSaveEscalationRule } from './sla.queries.ts';

const TRIGGERS = ['percent', 'breach', 'idle'] as const;
const TARGETS = ['resolution', 'response'] as const;
const ACTIONS = ['notify_assignee', 'notify_lead', 'notify_role', 'notify_user', 'escalate_level', 'reassign', 'raise_priority'] as const;
type Action = (typeof ACTIONS)[number];

export function RuleFormModal({ rule, onClose }: { rule: EscalationRule | null; onClose: () => void }) {
  const { t } = useTranslation(['sla', 'common']);
  const { labels, teams, users } = useRuleText();
  const save = useSaveEscalationRule();
  const required = t('common:validation.required');
  const form = useForm({
    name: 'escalation-rule',
    initialValues: {
      name: rule?.name ?? '',
      trigger: rule?.trigger ?? 'percent',
      target: rule?.target ?? 'resolution',
      percent: rule?.percent ?? 75,
      idleHours: rule?.idleHours ?? 4,
      priorities: rule?.priorities ?? [],
      categoryIds: rule?.categoryIds.map(String) ?? [],
      teamIds: rule?.teamIds.map(String) ?? [],
      action: (rule?.action ?? 'notify_assignee') as Action,
      role: rule?.role ?? null,
      userId: fromId(rule?.userId) || null,
      teamId: fromId(rule?.teamId) || null,
      active: rule?.active ?? true,
    },
    validate: {
      name: (v) => (v.trim() ? null : required),
      percent: (v, values) => (values.trigger === 'percent' && !(v >= 1 && v <= 99) ? t('rules.percentRange') : null),
      idleHours: (v, values) => (values.trigger === 'idle' && !(v >= 1 && v <= 720) ? t('rules.idleRange') : null),
      role: (v, values) => (values.action === 'notify_role' && !v ? required : null),
      userId: (v, values) => {
        if (values.action === 'notify_user' && !v) return t('rules.whoRequired');
        return values.action === 'reassign' && !v && !values.teamId ? t('rules.reassignRequired') : null;
      },
    },
  });
  const { trigger, action } = form.values;

  const submit = form.onSubmit((values) => {
    // Only the parameters of the chosen trigger and action are kept; the rest are cleared.
    const body: NewEscalationRule = {
      name: values.name.trim(),
      trigger: values.trigger,
      // Percentage warnings are measured on the resolution target.
      target: values.trigger === 'percent' ? 'resolution' : values.target,
      percent: values.trigger === 'percent' ? values.percent : null,
      idleHours: values.trigger === 'idle' ? values.idleHours : null,
      priorities: values.priorities as NewEscalationRule['priorities'],
      categoryIds: values.categoryIds.map(Number),
      teamIds: values.teamIds.map(Number),
      action: values.action,
      role: values.action === 'notify_role' ? (values.role as NewEscalationRule['role']) : null,
      userId: values.action === 'notify_user' || values.action === 'reassign' ? toId(values.userId) : null,
      teamId: values.action === 'reassign' || values.action === 'escalate_level' ? toId(values.teamId) : null,
      active: values.active,
    };
    save.mutate(
      { id: rule?.id, version: rule?.version, body },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('rules.saved') });
          onClose();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    );
  });

  const userOptions = idOptions(users.data, (u) => `${u.name} (${u.email})`);
  return (
    <FormModal
      opened
      onClose={onClose}
      title={rule ? t('rules.edit') : t('rules.create')}
      onSubmit={submit}
      submitting={save.isPending}
      error={save.error}
      fields={Object.keys(form.values)}
    >
      <TextInput label={t('rules.fields.name')} required data-autofocus data-testid="rule-name" {...form.getInputProps('name')} />

      <Stack gap="sm">
        <Title order={4} size="h5">
          {t('rules.whenTitle')}
        </Title>
        <Radio.Group label={t('rules.fields.trigger')} data-testid="rule-trigger" {...form.getInputProps('trigger')}>
          <Group gap="lg" mt={6}>
            {TRIGGERS.map((value) => (
              <Radio key={value} value={value} label={t(`rules.triggers.${value}`)} data-testid={`rule-trigger-${value}`} />
            ))}
          </Group>
        </Radio.Group>
        {trigger === 'percent' && (
          <NumberInput
            label={t('rules.fields.percent')}
            description={t('rules.percentHint')}
            min={1}
            max={99}
            allowDecimal={false}
            rightSection="%"
            maw={240}
            data-testid="rule-percent"
            {...form.getInputProps('percent')}
          />
        )}
        {trigger === 'breach' && (
          <Select
            label={t('rules.fields.target')}
            allowDeselect={false}
            data={TARGETS.map((value) => ({ value, label: t(`rules.targets.${value}`) }))}
            maw={320}
            {...form.getInputProps('target')}
          />
        )}
        {trigger === 'idle' && (
          <NumberInput
            label={t('rules.fields.idleHours')}
            description={t('rules.idleHint')}
            min={1}
            max={720}
            allowDecimal={false}
            rightSection={t('duration.hoursUnit')}
            rightSectionWidth={52}
            maw={240}
            data-testid="rule-idle"
            {...form.getInputProps('idleHours')}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <MultiSelect
            label={t('rules.fields.priorities')}
            placeholder={t('rules.anyPriority')}
            data={PRIORITIES.map((p) => ({ value: p, label: labels.priority(p) }))}
            clearable
            {...form.getInputProps('priorities')}
          />
          <MultiSelect
            label={t('rules.fields.categories')}
            placeholder={t('rules.anyCategory')}
            data={categoryOptions(labels.categories.data)}
            searchable
            clearable
            {...form.getInputProps('categoryIds')}
          />
          <MultiSelect
            label={t('rules.fields.teams')}
            placeholder={t('rules.anyTeam')}
            data={idOptions(teams.data, (team) => team.name)}
            searchable
            clearable
            {...form.getInputProps('teamIds')}
          />
        </SimpleGrid>
      </Stack>

      <Stack gap="sm">
        <Title order={4} size="h5">
          {t('rules.thenTitle')}
        </Title>
        <Select
          label={t('rules.fields.action')}
          allowDeselect={false}
          data={ACTIONS.map((value) => ({ value, label: t(`rules.actions.${value}`) }))}
          data-testid="rule-action"
          {...form.getInputProps('action')}
        />
        {action === 'notify_role' && (
          <Select
            label={t('rules.fields.role')}
            description={t('rules.roleHint')}
            required
            data={ROLES.map((role) => ({ value: role, label: t(`common:roles.${role}`) }))}
            data-testid="rule-role"
            {...form.getInputProps('role')}
          />
        )}
        {(action === 'reassign' || action === 'escalate_level') && (
          <Select
            label={action === 'reassign' ? t('rules.fields.team') : t('rules.fields.levelTwoTeam')}
            description={action === 'escalate_level' ? t('rules.levelTwoHint') : undefined}
            clearable
            searchable
            data={idOptions(
              teams.data?.filter((team) => action === 'reassign' || team.level === 2),
              (team) => team.name,
            )}
            {...form.getInputProps('teamId')}
          />
        )}
        {(action === 'notify_user' || action === 'reassign') && (
          <Select
            label={action === 'reassign' ? t('rules.fields.assignee') : t('rules.fields.user')}
            description={action === 'reassign' ? t('rules.reassignHint') : undefined}
            required={action === 'notify_user'}
            clearable
            searchable
            data={userOptions}
            data-testid="rule-user"
            {...form.getInputProps('userId')}
          />
        )}
      </Stack>
      <Switch label={t('rules.fields.active')} data-testid="rule-active" {...form.getInputProps('active', { type: 'checkbox' })} />
    </FormModal>
  );
}
