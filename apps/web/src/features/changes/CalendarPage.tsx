import type { ChangeType } from '@ish/shared';
import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Card,
  CopyButton,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconCalendarShare, IconChevronLeft, IconChevronRight, IconSnowflake } from '@tabler/icons-react';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { idOptions } from '../../lib/options.ts';
import { useTimeZone } from '../session/session.queries.ts';
import { ConflictList } from './ChangeActions.tsx';
import { ChangeStatusBadge, RISK_COLORS } from './ChangeBadges.tsx';
import { useChangeFormat, wallIn, zonedIso } from './change-format.ts';
import { type CalendarData, type CalendarEntry, useCalendar, useFeedUrl, useServices, useTeams } from './changes.queries.ts';

type View = 'month' | 'week' | 'list';
interface CalendarSearch {
  view?: View;
  date?: string;
  service?: string;
  team?: string;
  type?: ChangeType;
}

// Days are `YYYY-MM-DD` in the reader's time zone; arithmetic on them is done in UTC so it never drifts.
const toUtc = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (day: string, n: number) => fromUtc(toUtc(day) + n * 86_400_000);
/** Monday on or before the day (ISO weeks). */
const mondayOf = (day: string) => addDays(day, -((new Date(toUtc(day)).getUTCDay() + 6) % 7));
const LIST_DAYS = 31;

/** The days a view shows: a month's full weeks, one week, or a month ahead as a list. */
function periodOf(view: View, anchor: string): { first: string; days: string[] } {
  let first: string;
  let count: number;
  if (view === 'month') {
    const monthStart = `${anchor.slice(0, 8)}01`;
    const next = fromUtc(Date.UTC(Number(anchor.slice(0, 4)), Number(anchor.slice(5, 7)), 1));
    first = mondayOf(monthStart);
    count = Math.ceil((toUtc(next) - toUtc(first)) / 86_400_000 / 7) * 7;
  } else if (view === 'week') {
    first = mondayOf(anchor);
    count = 7;
  } else {
    first = anchor;
    count = LIST_DAYS;
  }
  return { first, days: Array.from({ length: count }, (_, i) => addDays(first, i)) };
}

/** The days an entry covers in the reader's zone (an end at midnight does not reach the next day). */
function daysOf(start: string, end: string, zone: string): string[] {
  const first = wallIn(start, zone).slice(0, 10);
  const last = wallIn(new Date(Date.parse(end) - 1).toISOString(), zone).slice(0, 10);
  const out: string[] = [];
  for (let d = first; d <= last && out.length < 40; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * The change calendar: approved, scheduled and running changes by month, week
 * or as a list, coloured by risk, with freezes and conflicts marked; filters
 * by service, team and type; a personal iCalendar feed for Outlook or Google.
 */
export function CalendarPage() {
  const { t, i18n } = useTranslation('changes');
  const zone = useTimeZone();
  const navigate = useNavigate();
  const search: CalendarSearch = useSearch({ strict: false });
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const today = wallIn(new Date().toISOString(), zone).slice(0, 10);
  const view: View = search.view ?? (phone ? 'list' : 'month');
  const anchor = search.date ?? today;
  const { first, days } = periodOf(view, anchor);
  const last = addDays(days[days.length - 1] ?? first, 1);
  const calendar = useCalendar({
    from: zonedIso(`${first} 00:00`, zone),
    to: zonedIso(`${last} 00:00`, zone),
    ...(search.service ? { serviceId: search.service } : {}),
    ...(search.team ? { teamId: search.team } : {}),
    ...(search.type ? { type: search.type } : {}),
  });
  const services = useServices();
  const teams = useTeams();
  const [selected, setSelected] = useState<string | null>(null);
  const [feedOpen, setFeedOpen] = useState(false);
  const go = (next: Partial<CalendarSearch>) =>
    void navigate({ to: '/changes/calendar', search: ((prev: CalendarSearch) => ({ ...prev, ...next })) as never, replace: true });
  const shift = (direction: 1 | -1) => {
    const next =
      view === 'month'
        ? fromUtc(Date.UTC(Number(anchor.slice(0, 4)), Number(anchor.slice(5, 7)) - 1 + direction, 1))
        : addDays(anchor, direction * (view === 'week' ? 7 : LIST_DAYS));
    setSelected(null);
    go({ date: next });
  };
  const locale = i18n.language === 'en' ? 'en-GB' : 'id-ID';
  const title =
    view === 'month'
      ? new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(toUtc(anchor))
      : `${new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(toUtc(first))} – ${new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(toUtc(addDays(last, -1)))}`;

  const byDay = new Map<string, CalendarEntry[]>();
  for (const e of calendar.data?.entries ?? [])
    for (const d of daysOf(e.plannedStart ?? '', e.plannedEnd ?? '', zone)) byDay.set(d, [...(byDay.get(d) ?? []), e]);
  const frozen = new Map<string, string[]>();
  for (const f of calendar.data?.freezes ?? [])
    for (const d of daysOf(f.startsAt, f.endsAt, zone)) frozen.set(d, [...(frozen.get(d) ?? []), f.name]);

  return (
    <Stack>
      <Group justify="space-between" gap="sm">
        <Group gap="xs" wrap="wrap">
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('calendar.previous')}
            onClick={() => shift(-1)}
            data-testid="calendar-previous"
          >
            <IconChevronLeft size={18} />
          </ActionIcon>
          <Button variant="default" px="sm" onClick={() => go({ date: undefined })}>
            {t('calendar.today')}
          </Button>
          <ActionIcon variant="default" size="lg" aria-label={t('calendar.next')} onClick={() => shift(1)} data-testid="calendar-next">
            <IconChevronRight size={18} />
          </ActionIcon>
          <Text fw={600} data-testid="calendar-title" style={{ textTransform: 'capitalize' }}>
            {title}
          </Text>
        </Group>
        <Group gap="xs">
          <SegmentedControl
            data={(['month', 'week', 'list'] as const).map((v) => ({ value: v, label: t(`calendar.${v}`) }))}
            value={view}
            onChange={(v) => go({ view: v as View })}
            data-testid="calendar-view"
          />
          <Button
            variant="light"
            leftSection={<IconCalendarShare size={16} />}
            onClick={() => setFeedOpen(true)}
            data-testid="calendar-subscribe"
          >
            {t('calendar.subscribe')}
          </Button>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
        <Select
          aria-label={t('calendar.service')}
          placeholder={t('calendar.anyService')}
          clearable
          searchable
          data={idOptions(services.data?.items, (s) => s.name)}
          value={search.service ?? null}
          onChange={(v) => go({ service: v ?? undefined })}
          data-testid="calendar-service"
        />
        <Select
          aria-label={t('calendar.team')}
          placeholder={t('calendar.anyTeam')}
          clearable
          data={idOptions(teams.data?.items, (tm) => tm.name)}
          value={search.team ?? null}
          onChange={(v) => go({ team: v ?? undefined })}
        />
        <Select
          aria-label={t('list.type')}
          placeholder={t('list.anyType')}
          clearable
          data={(['standard', 'normal', 'emergency'] as const).map((ty) => ({ value: ty, label: t(`type.${ty}`) }))}
          value={search.type ?? null}
          onChange={(v) => go({ type: (v as ChangeType | null) ?? undefined })}
        />
      </SimpleGrid>
      <Legend />
      {calendar.error ? <ProblemAlert error={calendar.error} onRetry={() => void calendar.refetch()} /> : null}
      {view === 'month' ? (
        <MonthGrid
          days={days}
          month={anchor.slice(0, 7)}
          today={today}
          byDay={byDay}
          frozen={frozen}
          selected={selected}
          onSelect={setSelected}
          compact={phone}
        />
      ) : (
        <DayList days={days} byDay={byDay} frozen={frozen} today={today} />
      )}
      {view === 'month' && selected && <DayList days={[selected]} byDay={byDay} frozen={frozen} today={today} />}
      {calendar.data && calendar.data.entries.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('calendar.empty')}
        </Text>
      )}
      {feedOpen && <FeedModal onClose={() => setFeedOpen(false)} data={calendar.data} />}
    </Stack>
  );
}

function Legend() {
  const { t } = useTranslation('changes');
  return (
    <Group gap="md">
      {(['low', 'medium', 'high'] as const).map((r) => (
        <Group key={r} gap={4}>
          <Box w={10} h={10} bg={`var(--mantine-color-${RISK_COLORS[r]}-6)`} style={{ borderRadius: 2 }} />
          <Text size="xs">{t('riskLabel', { level: t(`risk.${r}`) })}</Text>
        </Group>
      ))}
      <Group gap={4}>
        <IconSnowflake size={14} color="var(--mantine-color-blue-6)" />
        <Text size="xs">{t('calendar.freeze')}</Text>
      </Group>
      <Group gap={4}>
        <IconAlertTriangle size={14} color="var(--mantine-color-orange-6)" />
        <Text size="xs">{t('calendar.conflict')}</Text>
      </Group>
    </Group>
  );
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

function MonthGrid(props: {
  days: string[];
  month: string;
  today: string;
  byDay: Map<string, CalendarEntry[]>;
  frozen: Map<string, string[]>;
  selected: string | null;
  onSelect: (day: string) => void;
  compact: boolean;
}) {
  const { t, i18n } = useTranslation('changes');
  const { days, month, today, byDay, frozen, selected, onSelect, compact } = props;
  const locale = i18n.language === 'en' ? 'en-GB' : 'id-ID';
  const weekday = (n: number) =>
    new Intl.DateTimeFormat(locale, { weekday: compact ? 'narrow' : 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 0, n));
  return (
    <Paper withBorder data-testid="calendar-month">
      <SimpleGrid cols={7} spacing={0}>
        {WEEKDAYS.map((n) => (
          <Text key={n} size="xs" fw={600} ta="center" py={4} c="dimmed">
            {weekday(n)}
          </Text>
        ))}
        {days.map((day) => {
          const entries = byDay.get(day) ?? [];
          const freezes = frozen.get(day) ?? [];
          const conflicted = entries.some((e) => e.conflicts.length > 0);
          const outside = !day.startsWith(month);
          return (
            <UnstyledButton
              key={day}
              onClick={() => onSelect(day)}
              aria-label={day}
              aria-pressed={selected === day}
              data-testid={`calendar-day-${day}`}
              style={{
                minHeight: compact ? 54 : 96,
                padding: 4,
                borderTop: '1px solid var(--mantine-color-default-border)',
                borderLeft: '1px solid var(--mantine-color-default-border)',
                background: freezes.length
                  ? 'repeating-linear-gradient(135deg, var(--mantine-color-blue-light), var(--mantine-color-blue-light) 6px, transparent 6px, transparent 12px)'
                  : selected === day
                    ? 'var(--mantine-color-default-hover)'
                    : undefined,
                opacity: outside ? 0.55 : 1,
                outline: selected === day ? '2px solid var(--mantine-primary-color-filled)' : undefined,
                outlineOffset: -2,
              }}
            >
              <Group gap={2} justify="space-between" wrap="nowrap">
                <Text size="xs" fw={day === today ? 700 : 400} c={day === today ? 'blue' : undefined}>
                  {Number(day.slice(8))}
                </Text>
                <Group gap={2} wrap="nowrap">
                  {freezes.length > 0 && <IconSnowflake size={12} color="var(--mantine-color-blue-6)" aria-label={freezes.join(', ')} />}
                  {conflicted && <IconAlertTriangle size={12} color="var(--mantine-color-orange-6)" aria-label={t('calendar.conflict')} />}
                </Group>
              </Group>
              {compact ? (
                <Group gap={3} mt={4}>
                  {entries.slice(0, 4).map((e) => (
                    <Box key={e.id} w={8} h={8} bg={`var(--mantine-color-${RISK_COLORS[e.risk]}-6)`} style={{ borderRadius: 8 }} />
                  ))}
                </Group>
              ) : (
                <Stack gap={2} mt={2}>
                  {entries.slice(0, 3).map((e) => (
                    <Text
                      key={e.id}
                      size="xs"
                      truncate
                      px={4}
                      style={{
                        borderLeft: `3px solid var(--mantine-color-${RISK_COLORS[e.risk]}-6)`,
                        background: `var(--mantine-color-${RISK_COLORS[e.risk]}-light)`,
                        borderRadius: 2,
                      }}
                      data-testid="calendar-chip"
                    >
                      {e.conflicts.length > 0 && '⚠ '}
                      {e.number.slice(-6)} {e.title}
                    </Text>
                  ))}
                  {entries.length > 3 && (
                    <Text size="xs" c="dimmed">
                      {t('calendar.more', { count: entries.length - 3 })}
                    </Text>
                  )}
                </Stack>
              )}
            </UnstyledButton>
          );
        })}
      </SimpleGrid>
    </Paper>
  );
}

/** Days with their changes (week, list, or the day picked on the month grid); days without any are left out. */
function DayList(props: { days: string[]; byDay: Map<string, CalendarEntry[]>; frozen: Map<string, string[]>; today: string }) {
  const { i18n } = useTranslation('changes');
  const { days, byDay, frozen, today } = props;
  const locale = i18n.language === 'en' ? 'en-GB' : 'id-ID';
  const label = (day: string) =>
    new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(toUtc(day));
  // A freeze is named on the first day it shows; later days of it only when they hold changes.
  const named = new Set<string>();
  const freezesOn = new Map(
    days.map((d) => {
      const fresh = (frozen.get(d) ?? []).filter((name) => !named.has(name));
      for (const name of fresh) named.add(name);
      return [d, (byDay.get(d)?.length ?? 0) > 0 ? (frozen.get(d) ?? []) : fresh] as const;
    }),
  );
  const shown = days.filter((d) => (byDay.get(d)?.length ?? 0) > 0 || (freezesOn.get(d)?.length ?? 0) > 0 || days.length === 1);
  return (
    <Stack gap="md" data-testid="calendar-list">
      {shown.map((day) => (
        <Stack key={day} gap={6} data-testid={`calendar-list-day-${day}`}>
          <Group gap="xs">
            <Text fw={600} size="sm" c={day === today ? 'blue' : undefined}>
              {label(day)}
            </Text>
            {(freezesOn.get(day) ?? []).map((name) => (
              <Badge key={name} color="blue" variant="light" leftSection={<IconSnowflake size={12} />}>
                {name}
              </Badge>
            ))}
          </Group>
          {(byDay.get(day) ?? []).map((e) => (
            <EntryCard key={e.id} entry={e} />
          ))}
        </Stack>
      ))}
    </Stack>
  );
}

function EntryCard({ entry }: { entry: CalendarEntry }) {
  const { t } = useTranslation('changes');
  const format = useChangeFormat();
  return (
    <Card
      withBorder
      padding="sm"
      style={{ borderLeft: `4px solid var(--mantine-color-${RISK_COLORS[entry.risk]}-6)` }}
      data-testid="calendar-entry"
      data-number={entry.number}
    >
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="sm" fw={600}>
            <Link to="/changes/$number" params={{ number: entry.number }}>
              {entry.number}
            </Link>{' '}
            {entry.title}
          </Text>
          <Text size="xs" c="dimmed">
            {format.window(entry.plannedStart, entry.plannedEnd)} · {entry.services.map((s) => s.name).join(', ')}
            {entry.implementer && ` · ${entry.implementer.name}`}
          </Text>
        </Stack>
        <ChangeStatusBadge status={entry.status} testId="calendar-entry-status" />
      </Group>
      {entry.conflicts.length > 0 && (
        <Stack gap={2} mt="xs" data-testid="calendar-entry-conflicts">
          <Text size="xs" c="orange" fw={600}>
            {t('calendar.conflictsCount', { count: entry.conflicts.length })}
          </Text>
          <ConflictList conflicts={entry.conflicts} />
        </Stack>
      )}
    </Card>
  );
}

/** A personal feed address for calendar apps (shown once; a new one replaces the old). */
function FeedModal({ onClose }: { onClose: () => void; data: CalendarData | undefined }) {
  const { t } = useTranslation(['changes', 'common']);
  const feed = useFeedUrl();
  const [mine, setMine] = useState(false);
  const url = feed.data ? `${feed.data.url}${mine ? '&mine=true' : ''}` : null;
  return (
    <Modal opened onClose={onClose} title={t('calendar.subscribeTitle')} size="lg">
      <Stack>
        <Text size="sm">{t('calendar.subscribeHelp')}</Text>
        <SegmentedControl
          data={[
            { value: 'all', label: t('calendar.feedAll') },
            { value: 'mine', label: t('calendar.feedMine') },
          ]}
          value={mine ? 'mine' : 'all'}
          onChange={(v) => setMine(v === 'mine')}
        />
        <ProblemAlert error={feed.error} />
        {url ? (
          <Group gap="xs" wrap="nowrap">
            <TextInput readOnly value={url} style={{ flex: 1 }} data-testid="calendar-feed-url" onFocus={(e) => e.currentTarget.select()} />
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy}>
                  {copied ? t('calendar.copied') : t('calendar.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        ) : (
          <Button w="fit-content" loading={feed.isPending} onClick={() => feed.mutate()} data-testid="calendar-feed-create">
            {t('calendar.createFeed')}
          </Button>
        )}
      </Stack>
    </Modal>
  );
}
