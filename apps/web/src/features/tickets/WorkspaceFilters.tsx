import { Button, Group, MultiSelect, type MultiSelectProps, Select, SimpleGrid, Switch, TagsInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCalendar, IconFilterOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { idOptions } from '../../lib/options.ts';
import { CategoryTreeFilter } from './CategorySelect.tsx';
import { usePeople } from './people.queries.ts';
import { type TicketSummary, useBusinessServices, useCompanies, useStatusLabels, useTeams, useUnits } from './tickets.queries.ts';
import { csvFrom, csvOf, FILTER_KEYS, type FilterKey, type WorkspaceSearch } from './workspace-search.ts';

const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
const TYPES = ['incident', 'request', 'question'] as const;
const CHANNELS = ['web', 'email', 'phone', 'walk_in', 'web_form'] as const;
const SLA = ['breached', 'response_breached', 'resolution_breached', 'met'] as const;
const indent = (depth: number | undefined) => '— '.repeat(depth ?? 0);

interface WorkspaceFiltersProps {
  search: WorkspaceSearch;
  onChange: (changes: Partial<Record<FilterKey, string | undefined>>) => void;
  /** Tickets on screen: they name assignees a saved view filters by. */
  items: readonly TicketSummary[];
}

/** The agent queue's filter panel; every value lives in the URL as the list endpoint takes it. */
export function WorkspaceFilters({ search, onChange, items }: WorkspaceFiltersProps) {
  const { t, i18n } = useTranslation(['tickets', 'common']);
  const labels = useStatusLabels();
  const services = useBusinessServices();
  const companies = useCompanies();
  const units = useUnits();
  const teams = useTeams();
  const multi = (key: FilterKey, label: string, data: MultiSelectProps['data'], props: Partial<MultiSelectProps> = {}) => (
    <MultiSelect
      label={label}
      data={data}
      value={csvOf(search[key])}
      onChange={(values) => onChange({ [key]: csvFrom(values) })}
      searchable
      clearable
      hidePickedOptions
      comboboxProps={{ withinPortal: true }}
      data-testid={`filter-${key}`}
      {...props}
    />
  );

  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" data-testid="ticket-filters">
      {multi(
        'status',
        t('field.status'),
        (labels.data?.items ?? []).filter((l) => l.locale === i18n.language).map((l) => ({ value: l.status, label: l.label })),
      )}
      {multi(
        'priority',
        t('field.priority'),
        PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) })),
      )}
      <CategoryTreeFilter
        label={t('field.category')}
        value={csvOf(search.categoryId)}
        onChange={(ids) => onChange({ categoryId: csvFrom(ids) })}
      />
      {multi(
        'serviceId',
        t('field.service'),
        idOptions(services.data?.items, (s) => s.name),
      )}
      {multi(
        'companyId',
        t('field.company'),
        idOptions(companies.data, (c) => c.name),
      )}
      {multi(
        'unitId',
        t('field.unit'),
        idOptions(units.data, (u) => `${indent(u.depth)}${u.name}`),
      )}
      {multi(
        'teamId',
        t('field.team'),
        idOptions(teams.data?.items, (team) => team.name),
      )}
      <Select
        label={t('field.type')}
        data={TYPES.map((v) => ({ value: v, label: t(`type.${v}`) }))}
        value={search.type ?? null}
        onChange={(value) => onChange({ type: value ?? undefined })}
        clearable
        data-testid="filter-type"
      />
      {multi(
        'channel',
        t('field.channel'),
        CHANNELS.map((v) => ({ value: v, label: t(`channel.${v}`) })),
      )}
      <Select
        label={t('filters.sla')}
        data={SLA.map((v) => ({ value: v, label: t(`filters.slaOutcome.${v}`) }))}
        value={search.sla ?? null}
        onChange={(value) => onChange({ sla: value ?? undefined })}
        clearable
        data-testid="filter-sla"
      />
      <AssigneeFilter value={csvOf(search.assigneeId)} onChange={(ids) => onChange({ assigneeId: csvFrom(ids) })} items={items} />
      <TagsInput
        label={t('field.tags')}
        value={csvOf(search.tag)}
        onChange={(tags) => onChange({ tag: csvFrom(tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean)) })}
        clearable
        data-testid="filter-tag"
      />
      <DatePickerInput
        type="range"
        label={t('field.createdRange')}
        placeholder={t('filters.anyDate')}
        value={[search.createdFrom ?? null, search.createdTo ?? null]}
        onChange={([from, to]) => onChange({ createdFrom: from ?? undefined, createdTo: to ?? undefined })}
        leftSection={<IconCalendar size={16} />}
        clearable
        allowSingleDateInRange
        data-testid="filter-created"
      />
      <DatePickerInput
        type="range"
        label={t('filters.resolvedRange')}
        placeholder={t('filters.anyDate')}
        value={[search.resolvedFrom ?? null, search.resolvedTo ?? null]}
        onChange={([from, to]) => onChange({ resolvedFrom: from ?? undefined, resolvedTo: to ?? undefined })}
        leftSection={<IconCalendar size={16} />}
        clearable
        allowSingleDateInRange
        data-testid="filter-resolved"
      />
      <Switch
        label={t('filters.permanentPending')}
        description={t('filters.permanentPendingHelp')}
        checked={search.permanentPending === 'true'}
        onChange={(e) => onChange({ permanentPending: e.currentTarget.checked ? 'true' : undefined })}
        data-testid="filter-permanentPending"
      />
      <Group align="flex-end">
        <Button
          variant="subtle"
          leftSection={<IconFilterOff size={16} />}
          onClick={() => onChange(Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined])))}
          data-testid="filters-clear"
        >
          {t('common:actions.clearFilters')}
        </Button>
      </Group>
    </SimpleGrid>
  );
}

/** Assignees by name: the people directory, plus whoever the listed tickets name (a saved view may filter by anyone). */
function AssigneeFilter({
  value,
  onChange,
  items,
}: {
  value: string[];
  onChange: (ids: string[]) => void;
  items: readonly TicketSummary[];
}) {
  const { t } = useTranslation('tickets');
  const [typed, setTyped] = useState('');
  const [search] = useDebouncedValue(typed, 250);
  const { people } = usePeople(search);
  const names = new Map<string, string>();
  for (const ticket of items) if (ticket.assignee) names.set(String(ticket.assignee.id), ticket.assignee.name);
  for (const person of people) names.set(String(person.id), person.name);
  for (const id of value) if (!names.has(id)) names.set(id, `#${id}`);
  return (
    <MultiSelect
      label={t('field.assignee')}
      data={[...names].map(([id, name]) => ({ value: id, label: name }))}
      value={value}
      onChange={onChange}
      searchValue={typed}
      onSearchChange={setTyped}
      searchable
      clearable
      hidePickedOptions
      data-testid="filter-assigneeId"
    />
  );
}
