import { assessRisk, type ChangeType, type RiskAnswers } from '@ish/shared';
import {
  ActionIcon,
  Button,
  Card,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { TimeZoneSelect } from '../../components/TimeZoneSelect.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { fromId, idOptions, toId } from '../../lib/options.ts';
import { useMe, useTimeZone } from '../session/session.queries.ts';
import { RiskBadge } from './ChangeBadges.tsx';
import { wallIn, zonedIso } from './change-format.ts';
import { type Change, type Template, useChangePeople, useCompanyUnits, useServices, useTeams, useTemplates } from './changes.queries.ts';

/** What the form edits; the page turns it into a create or a patch. */
export interface ChangeFormValues {
  type: ChangeType;
  templateId: number | null;
  title: string;
  description: string;
  reason: string;
  category: string;
  impact: string;
  implementationPlan: string;
  testPlan: string;
  rollbackPlan: string;
  emergencyJustification: string;
  serviceIds: number[];
  unitIds: number[];
  plannedStart: string | null;
  plannedEnd: string | null;
  timeZone: string;
  teamId: number | null;
  implementerId: number | null;
  riskAnswers: RiskAnswers;
  tasks: string[];
  links: string;
}

const PLAN_FIELDS = ['reason', 'impact', 'implementationPlan', 'testPlan', 'rollbackPlan'] as const;
const SAFE: RiskAnswers = { production: true, usersAffected: 'some', testedInStaging: false, rollbackTested: false, doneBefore: false };

export function emptyValues(timeZone: string): ChangeFormValues {
  return {
    type: 'normal',
    templateId: null,
    title: '',
    description: '',
    reason: '',
    category: '',
    impact: '',
    implementationPlan: '',
    testPlan: '',
    rollbackPlan: '',
    emergencyJustification: '',
    serviceIds: [],
    unitIds: [],
    plannedStart: null,
    plannedEnd: null,
    timeZone,
    teamId: null,
    implementerId: null,
    riskAnswers: SAFE,
    tasks: [],
    links: '',
  };
}

/** A change as the form edits it (its window in the zone it was planned in). */
export function valuesOf(change: Change): ChangeFormValues {
  return {
    type: change.type,
    templateId: change.template?.id ?? null,
    title: change.title,
    description: change.description,
    reason: change.reason,
    category: change.category,
    impact: change.impact,
    implementationPlan: change.implementationPlan,
    testPlan: change.testPlan,
    rollbackPlan: change.rollbackPlan,
    emergencyJustification: change.emergencyJustification ?? '',
    serviceIds: change.services.map((s) => s.id),
    unitIds: change.units.map((u) => u.id),
    plannedStart: change.plannedStart,
    plannedEnd: change.plannedEnd,
    timeZone: change.timeZone,
    teamId: change.team?.id ?? null,
    implementerId: change.implementer?.id ?? null,
    riskAnswers: { ...SAFE, ...change.riskAssessment.answers },
    tasks: change.tasks.map((t) => t.text),
    links: '',
  };
}

/** `INC-2026-000012, REQ-2026-000003` → the links the server expects. */
export function linksOf(text: string) {
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((ref) => ({ kind: /^REQ-/i.test(ref) ? ('request' as const) : ('ticket' as const), ref: ref.toUpperCase() }));
}

/** The body fields shared by create and patch (the window as instants). */
export function bodyOf(v: ChangeFormValues) {
  return {
    title: v.title.trim(),
    description: v.description,
    reason: v.reason,
    category: v.category,
    impact: v.impact,
    implementationPlan: v.implementationPlan,
    testPlan: v.testPlan,
    rollbackPlan: v.rollbackPlan,
    emergencyJustification: v.type === 'emergency' ? v.emergencyJustification || null : null,
    serviceIds: v.serviceIds,
    unitIds: v.unitIds,
    plannedStart: v.plannedStart,
    plannedEnd: v.plannedEnd,
    timeZone: v.timeZone,
    teamId: v.teamId,
    implementerId: v.implementerId,
    riskAnswers: v.riskAnswers,
    tasks: v.tasks.map((t) => t.trim()).filter(Boolean),
  };
}

interface ChangeFormProps {
  initial: ChangeFormValues;
  /** A new change may start from a template and carry links; an existing one keeps its type family. */
  creating: boolean;
  pending: boolean;
  error: unknown;
  onSave: (values: ChangeFormValues, submit: boolean) => void;
  onCancel?: () => void;
}

/**
 * The request for change: what and why, the plans a submission needs (a
 * standard change takes them from its template), the affected services, the
 * proposed window in a chosen time zone, who implements, the risk
 * questionnaire with its level as the server will compute it, and the tasks.
 */
export function ChangeForm({ initial, creating, pending, error, onSave, onCancel }: ChangeFormProps) {
  const { t } = useTranslation(['changes', 'common']);
  const myZone = useTimeZone();
  const [v, setV] = useState<ChangeFormValues>(initial);
  // Stable keys for the task inputs while tasks are added and removed.
  const nextKey = useRef(initial.tasks.length);
  const [taskKeys, setTaskKeys] = useState(() => initial.tasks.map((_, i) => i));
  const resetTaskKeys = (count: number) => {
    setTaskKeys(Array.from({ length: count }, () => nextKey.current++));
  };
  const set = <K extends keyof ChangeFormValues>(key: K, value: ChangeFormValues[K]) => setV((old) => ({ ...old, [key]: value }));
  const templates = useTemplates();
  const services = useServices();
  const teams = useTeams();
  const implementers = useChangePeople('implementer');
  const units = useCompanyUnits(useMe().company.id);
  const risk = assessRisk(v.riskAnswers);
  // The server's field errors sit under the inputs they concern.
  const fieldError = (path: string) => (error instanceof ApiError ? error.errors.find((e) => e.path === path)?.message : undefined);
  const shown = [...PLAN_FIELDS, 'title', 'serviceIds', 'plannedStart', 'plannedEnd', 'emergencyJustification', 'ref'];

  const applyTemplate = (template: Template | undefined) => {
    if (!template) return setV((old) => ({ ...old, templateId: null, type: old.type === 'standard' ? 'normal' : old.type }));
    resetTaskKeys(template.tasks.length);
    setV((old) => {
      const start = old.plannedStart ?? null;
      return {
        ...old,
        type: 'standard',
        templateId: template.id,
        title: old.title || template.name,
        description: template.description,
        reason: template.reason,
        category: template.category,
        impact: template.impact,
        implementationPlan: template.implementationPlan,
        testPlan: template.testPlan,
        rollbackPlan: template.rollbackPlan,
        serviceIds: template.serviceIds,
        teamId: template.teamId,
        tasks: template.tasks,
        plannedEnd: start ? new Date(Date.parse(start) + template.durationMinutes * 60_000).toISOString() : old.plannedEnd,
      };
    });
  };

  const wall = (iso: string | null) => (iso ? wallIn(iso, v.timeZone).slice(0, 16).replace(' ', 'T') : '');
  const fromWall = (text: string) => (text ? zonedIso(text, v.timeZone) : null);
  const textArea = (key: (typeof PLAN_FIELDS)[number] | 'description' | 'emergencyJustification', required = false) => (
    <Textarea
      label={t(`field.${key}`)}
      description={t(`help.${key}`)}
      withAsterisk={required}
      autosize
      minRows={2}
      maxRows={12}
      value={v[key]}
      error={fieldError(key)}
      onChange={(e) => set(key, e.currentTarget.value)}
      data-testid={`change-${key}`}
    />
  );

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSave(v, false);
      }}
      noValidate
      data-testid="change-form"
    >
      <Stack>
        <ProblemAlert error={error} fields={shown} />
        <Card withBorder>
          <Stack>
            {creating && (
              <Select
                label={t('field.template')}
                description={t('help.template')}
                placeholder={t('form.noTemplate')}
                clearable
                data={idOptions(templates.data?.items, (tp) => tp.name)}
                value={fromId(v.templateId) || null}
                onChange={(id) => applyTemplate(templates.data?.items.find((tp) => tp.id === toId(id)))}
                data-testid="change-template"
              />
            )}
            {v.type !== 'standard' && (
              <SegmentedControl
                data={(['normal', 'emergency'] as const).map((type) => ({ value: type, label: t(`type.${type}`) }))}
                value={v.type}
                onChange={(type) => set('type', type as ChangeType)}
                data-testid="change-type"
              />
            )}
            <TextInput
              label={t('field.title')}
              withAsterisk
              maxLength={200}
              value={v.title}
              error={fieldError('title')}
              onChange={(e) => set('title', e.currentTarget.value)}
              data-testid="change-title"
            />
            {textArea('description')}
            <TextInput
              label={t('field.category')}
              maxLength={100}
              value={v.category}
              onChange={(e) => set('category', e.currentTarget.value)}
              data-testid="change-category"
            />
            {v.type === 'emergency' && textArea('emergencyJustification', true)}
          </Stack>
        </Card>

        <Card withBorder>
          <Title order={4} mb="sm">
            {t('form.plans')}
          </Title>
          <Stack>
            {textArea('reason', true)}
            {textArea('impact', true)}
            {textArea('implementationPlan', true)}
            {textArea('testPlan', true)}
            {textArea('rollbackPlan', true)}
          </Stack>
        </Card>

        <Card withBorder>
          <Title order={4} mb="sm">
            {t('form.where')}
          </Title>
          <Stack>
            <MultiSelect
              label={t('field.services')}
              description={t('help.services')}
              withAsterisk
              searchable
              data={idOptions(services.data?.items, (s) => (s.usersDescription ? `${s.name} · ${s.usersDescription}` : s.name))}
              value={v.serviceIds.map(String)}
              error={fieldError('serviceIds')}
              onChange={(ids) => set('serviceIds', ids.map(Number))}
              data-testid="change-services"
            />
            <MultiSelect
              label={t('field.units')}
              description={t('help.units')}
              searchable
              data={idOptions(units.data?.items, (u) => u.name)}
              value={v.unitIds.map(String)}
              onChange={(ids) => set('unitIds', ids.map(Number))}
              data-testid="change-units"
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                type="datetime-local"
                label={t('field.plannedStart')}
                withAsterisk
                value={wall(v.plannedStart)}
                error={fieldError('plannedStart')}
                onChange={(e) => set('plannedStart', fromWall(e.currentTarget.value))}
                data-testid="change-start"
              />
              <TextInput
                type="datetime-local"
                label={t('field.plannedEnd')}
                withAsterisk
                value={wall(v.plannedEnd)}
                error={fieldError('plannedEnd')}
                onChange={(e) => set('plannedEnd', fromWall(e.currentTarget.value))}
                data-testid="change-end"
              />
              <TimeZoneSelect
                label={t('field.timeZone')}
                value={v.timeZone || myZone}
                onChange={(zone) => {
                  if (!zone) return;
                  // The wall-clock times stay as typed; they now mean that time in the new zone.
                  setV((old) => ({
                    ...old,
                    timeZone: zone,
                    plannedStart: old.plannedStart ? zonedIso(wallIn(old.plannedStart, old.timeZone), zone) : null,
                    plannedEnd: old.plannedEnd ? zonedIso(wallIn(old.plannedEnd, old.timeZone), zone) : null,
                  }));
                }}
                data-testid="change-zone"
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('field.team')}
                clearable
                searchable
                data={idOptions(teams.data?.items, (tm) => tm.name)}
                value={fromId(v.teamId) || null}
                onChange={(id) => set('teamId', toId(id))}
                data-testid="change-team"
              />
              <Select
                label={t('field.implementer')}
                clearable
                searchable
                data={idOptions(implementers.data?.items, (p) => `${p.name} · ${p.unit.name}`)}
                value={fromId(v.implementerId) || null}
                onChange={(id) => set('implementerId', toId(id))}
                data-testid="change-implementer"
              />
            </SimpleGrid>
          </Stack>
        </Card>

        <Card withBorder data-testid="change-risk-questions">
          <Group justify="space-between" mb="sm">
            <Title order={4}>{t('form.risk')}</Title>
            <Group gap="xs">
              <Text size="sm" c="dimmed" data-testid="change-risk-score">
                {t('form.score', { score: risk.score })}
              </Text>
              <RiskBadge risk={risk.level} />
            </Group>
          </Group>
          <Stack gap="sm">
            {(['production', 'testedInStaging', 'rollbackTested', 'doneBefore'] as const).map((key) => (
              <Switch
                key={key}
                label={t(`question.${key}`)}
                checked={v.riskAnswers[key]}
                onChange={(e) => set('riskAnswers', { ...v.riskAnswers, [key]: e.currentTarget.checked })}
                data-testid={`risk-${key}`}
              />
            ))}
            <Select
              label={t('question.usersAffected')}
              allowDeselect={false}
              data={(['none', 'some', 'many', 'all'] as const).map((o) => ({ value: o, label: t(`question.users.${o}`) }))}
              value={v.riskAnswers.usersAffected}
              onChange={(o) => o && set('riskAnswers', { ...v.riskAnswers, usersAffected: o as RiskAnswers['usersAffected'] })}
              data-testid="risk-usersAffected"
            />
          </Stack>
        </Card>

        <Card withBorder>
          <Title order={4} mb="sm">
            {t('detail.tasks')}
          </Title>
          <Stack gap="xs">
            {v.tasks.map((task, i) => (
              <Group key={taskKeys[i] ?? `new-${i}`} gap="xs" wrap="nowrap">
                <TextInput
                  aria-label={t('form.task', { n: i + 1 })}
                  style={{ flex: 1 }}
                  maxLength={300}
                  value={task}
                  onChange={(e) => {
                    const text = e.currentTarget.value;
                    setV((old) => ({ ...old, tasks: old.tasks.map((x, j) => (j === i ? text : x)) }));
                  }}
                  data-testid={`change-task-${i}`}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('form.removeTask')}
                  onClick={() => {
                    setV((old) => ({ ...old, tasks: old.tasks.filter((_, j) => j !== i) }));
                    setTaskKeys((old) => old.filter((_, j) => j !== i));
                  }}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Button
              variant="light"
              leftSection={<IconPlus size={16} />}
              onClick={() => {
                set('tasks', [...v.tasks, '']);
                setTaskKeys((old) => [...old, nextKey.current++]);
              }}
              w="fit-content"
              data-testid="change-task-add"
            >
              {t('form.addTask')}
            </Button>
          </Stack>
        </Card>

        {creating && (
          <Card withBorder>
            <TextInput
              label={t('field.links')}
              description={t('help.links')}
              placeholder="INC-2026-000012, REQ-2026-000003"
              value={v.links}
              error={fieldError('ref')}
              onChange={(e) => set('links', e.currentTarget.value)}
              data-testid="change-links"
            />
          </Card>
        )}

        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common:actions.cancel')}
            </Button>
          )}
          <Button type="submit" variant="light" loading={pending} data-testid="change-save">
            {creating ? t('form.saveDraft') : t('common:actions.save')}
          </Button>
          {creating && (
            <Button loading={pending} onClick={() => onSave(v, true)} data-testid="change-submit">
              {t('form.submit')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
