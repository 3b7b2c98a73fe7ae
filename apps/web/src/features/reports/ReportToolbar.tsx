import {
  Badge,
  Button,
  Card,
  Collapse,
  Group,
  Menu,
  MultiSelect,
  type MultiSelectProps,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconBellPlus, IconCalendar, IconDownload, IconFilter, IconFilterOff, IconPrinter } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { urlWithQuery } from '../../lib/api-client.ts';
import { todayIn } from '../../lib/dates.ts';
import { i18n } from '../../lib/i18n.ts';
import { idOptions } from '../../lib/options.ts';
import { useTimeZone } from '../session/session.queries.ts';
import { useCategories, useCompanies, useStatusLabels, useTeams, useUnits } from '../tickets/tickets.queries.ts';
import {
  FILTER_KEYS,
  type FilterKey,
  PRESETS,
  type Preset,
  periodOf,
  presetRange,
  type ReportSearch,
  reportQuery,
} from './report-search.ts';
import { SubscribeModal } from './SubscribeModal.tsx';

const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
const TYPES = ['incident', 'request', 'question'] as const;
const CHANNELS = ['web', 'email', 'phone', 'walk_in', 'web_form'] as const;
const indent = (depth: number | undefined) => '— '.repeat(depth ?? 0);
const csvOf = (value: string | undefined) => (value ? value.split(',').filter(Boolean) : []);
const csvFrom = (values: string[]) => (values.length ? values.join(',') : undefined);

/** A report screen's URL search and the way to change it (any change but paging starts at page 1). */
export function useReportSearch() {
  const search = useSearch({ strict: false }) as ReportSearch;
  const navigate = useNavigate();
  const go = (changes: Partial<ReportSearch>) =>
    void navigate({
      to: '.',
      search: ((prev: ReportSearch) => ({ ...prev, ...('page' in changes ? {} : { page: undefined }), ...changes })) as never,
    });
  return { search, go };
}

/**
 * Fetches an export and saves it, showing how much has arrived: CSV and XLSX
 * stream from the server, so a large one shows progress as it comes.
 */
async function download(url: string, onProgress: (bytes: number) => void) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { 'Accept-Language': i18n.language } });
  if (!response.ok || !response.body) throw new Error(String(response.status));
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'report';
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: response.headers.get('content-type') ?? undefined }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** CSV, XLSX and PDF of the report on screen (`path` with the same query), and the browser's print. */
export function ExportMenu({ path, query }: { path: string; query: Record<string, string | number | undefined> }) {
  const { t } = useTranslation('reports');
  const [progress, setProgress] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const start = (format: 'csv' | 'xlsx' | 'pdf') => {
    setFailed(false);
    setProgress(0);
    download(urlWithQuery(path, { ...query, format }), setProgress)
      .catch(() => setFailed(true))
      .finally(() => setProgress(null));
  };
  return (
    <Group gap="xs" data-noprint>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" leftSection={<IconDownload size={16} />} loading={progress !== null} data-testid="report-export">
            {t('export.label')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {(['pdf', 'xlsx', 'csv'] as const).map((format) => (
            <Menu.Item key={format} onClick={() => start(format)} data-testid={`report-export-${format}`}>
              {t(`export.${format}`)}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
            {t('export.print')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {progress !== null && (
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="report-export-progress">
          {t('export.progress', { size: (progress / 1024).toFixed(progress > 1024 * 100 ? 0 : 1) })}
        </Text>
      )}
      {failed && (
        <Text size="sm" c="red" role="alert">
          {t('export.failed')}
        </Text>
      )}
    </Group>
  );
}

interface ToolbarProps {
  /** The report's code on the server (`/reports/<kind>`), for exports and subscriptions. */
  kind: string;
  /** The report's own query beyond period and filters (rows, by, interval…). */
  extra?: Record<string, string | undefined>;
  /** Report-specific choices shown beside the period. */
  children?: ReactNode;
  /** Filters this report offers (all by default). */
  filters?: readonly FilterKey[];
}

/** Period, filters, export and subscription of a report; everything lives in the URL. */
export function ReportToolbar({ kind, extra = {}, children, filters = FILTER_KEYS }: ToolbarProps) {
  const { t, i18n: active } = useTranslation(['reports', 'tickets', 'common']);
  const { search, go } = useReportSearch();
  const timeZone = useTimeZone();
  const { from, to } = periodOf(search, timeZone);
  const preset: Preset = search.period ?? (search.from ? 'custom' : 'month');
  const count = filters.filter((key) => search[key]).length;
  const [open, setOpen] = useState(count > 0);
  const [subscribing, setSubscribing] = useState(false);
  const labels = useStatusLabels();
  const categories = useCategories();
  const companies = useCompanies();
  const units = useUnits();
  const teams = useTeams();
  const query = reportQuery(search, timeZone, extra);

  const multi = (key: FilterKey, data: MultiSelectProps['data']) =>
    filters.includes(key) && (
      <MultiSelect
        key={key}
        label={t(`reports:filter.${key}`)}
        data={data}
        value={csvOf(search[key])}
        onChange={(values) => go({ [key]: csvFrom(values) })}
        searchable
        clearable
        hidePickedOptions
        comboboxProps={{ withinPortal: true }}
        data-testid={`report-filter-${key}`}
      />
    );

  return (
    <Stack gap="sm" mb="md" data-noprint>
      <Group align="flex-end" gap="sm">
        <Select
          label={t('period.label')}
          data={PRESETS.map((p) => ({ value: p, label: t(`period.${p}`) }))}
          value={preset}
          onChange={(value) => {
            if (!value || value === 'custom') return go({ period: 'custom', from, to });
            go({ period: value as Preset, ...presetRange(value as Exclude<Preset, 'custom'>, todayIn(timeZone)) });
          }}
          allowDeselect={false}
          w={{ base: '100%', xs: 170 }}
          data-testid="report-period"
        />
        <DatePickerInput
          type="range"
          label={t('period.range')}
          value={[from, to]}
          onChange={([start, end]) => start && end && go({ period: 'custom', from: start, to: end })}
          leftSection={<IconCalendar size={16} />}
          valueFormat="D MMM YYYY"
          allowSingleDateInRange
          w={{ base: '100%', xs: 260 }}
          data-testid="report-range"
        />
        {children}
        <Button
          variant={open ? 'light' : 'default'}
          leftSection={<IconFilter size={16} />}
          rightSection={count > 0 ? <Badge size="sm">{count}</Badge> : undefined}
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          data-testid="report-filters-toggle"
        >
          {t('filter.title')}
        </Button>
        <ExportMenu path={`/api/v1/reports/${kind}`} query={query} />
        <Button
          variant="subtle"
          leftSection={<IconBellPlus size={16} />}
          onClick={() => setSubscribing(true)}
          data-testid="report-subscribe"
        >
          {t('subscribe.open')}
        </Button>
      </Group>
      <Collapse expanded={open}>
        <Card withBorder>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            {multi(
              'companyId',
              idOptions(companies.data, (c) => c.name),
            )}
            {multi(
              'unitId',
              idOptions(units.data, (u) => `${indent(u.depth)}${u.name}`),
            )}
            {multi(
              'teamId',
              idOptions(teams.data?.items, (team) => team.name),
            )}
            {multi(
              'categoryId',
              idOptions(categories.data?.items, (c) => `${indent(c.depth)}${c.name}`),
            )}
            {multi(
              'status',
              (labels.data?.items ?? []).filter((l) => l.locale === active.language).map((l) => ({ value: l.status, label: l.label })),
            )}
            {multi(
              'priority',
              PRIORITIES.map((p) => ({ value: p, label: t(`tickets:priority.${p}`) })),
            )}
            {multi(
              'type',
              TYPES.map((v) => ({ value: v, label: t(`tickets:type.${v}`) })),
            )}
            {multi(
              'channel',
              CHANNELS.map((v) => ({ value: v, label: t(`reports:channel.${v}`) })),
            )}
            <Group align="flex-end">
              <Button
                variant="subtle"
                leftSection={<IconFilterOff size={16} />}
                onClick={() => go(Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined])))}
              >
                {t('common:actions.clearFilters')}
              </Button>
            </Group>
          </SimpleGrid>
        </Card>
      </Collapse>
      <SubscribeModal opened={subscribing} onClose={() => setSubscribing(false)} kind={kind} query={query} />
    </Stack>
  );
}
