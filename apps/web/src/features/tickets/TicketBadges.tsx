import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconLock, IconStarFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../session/use-format.ts';
import type { TicketSummary } from './tickets.queries.ts';

const STARS = [1, 2, 3, 4, 5];
const SLA_COLOURS = { ok: 'teal', warning: 'yellow', breached: 'red', paused: 'gray', met: 'teal' } as const;

/** Remaining time to the resolution target: amber once warned, red once breached, grey while paused. */
export function SlaBadge({ sla }: { sla: TicketSummary['sla'] }) {
  const { t } = useTranslation('tickets');
  const { dateTime } = useFormat();
  if (!sla) return null;
  const due = sla.resolutionDueAt ? Date.parse(sla.resolutionDueAt) : null;
  const minutes = due === null ? null : Math.round((due - Date.now()) / 60_000);
  const remaining =
    minutes === null
      ? ''
      : Math.abs(minutes) >= 60 * 24
        ? `${Math.round(minutes / (60 * 24))} ${t('sla.days')}`
        : Math.abs(minutes) >= 60
          ? `${Math.round(minutes / 60)} ${t('sla.hours')}`
          : `${minutes} ${t('sla.minutes')}`;
  const label = sla.state === 'ok' || sla.state === 'warning' ? t('sla.left', { time: remaining }) : t(`sla.state.${sla.state}`);
  return (
    <Tooltip label={sla.resolutionDueAt ? t('sla.due', { at: dateTime(sla.resolutionDueAt) }) : t(`sla.state.${sla.state}`)}>
      <Badge
        color={SLA_COLOURS[sla.state]}
        variant={sla.state === 'ok' || sla.state === 'met' ? 'light' : 'filled'}
        data-testid="sla-badge"
        data-state={sla.state}
      >
        {label}
      </Badge>
    </Tooltip>
  );
}

/** P1–P5 as the label and as stars (003 §7.1). */
export function PriorityStars({ priority, stars }: { priority: string; stars: number }) {
  const { t } = useTranslation('tickets');
  return (
    <Group gap={4} wrap="nowrap" aria-label={t(`priority.${priority}` as 'priority.P1')}>
      <Text size="sm" fw={600}>
        {priority}
      </Text>
      <Group gap={0} wrap="nowrap">
        {STARS.map((n) => (
          <IconStarFilled key={n} size={12} color={n <= stars ? 'var(--mantine-color-yellow-6)' : 'var(--mantine-color-gray-3)'} />
        ))}
      </Group>
    </Group>
  );
}

/** The status, and whether the ticket is locked (`compact`: a lock icon only, for lists). */
export function StatusBadge({ label, locked, compact = false }: { label: string; locked: boolean; compact?: boolean }) {
  const { t } = useTranslation('tickets');
  return (
    <Group gap={6} wrap="nowrap">
      <Badge variant="light">{label}</Badge>
      {locked && compact && (
        <Tooltip label={t('locked')}>
          <IconLock size={14} color="var(--mantine-color-gray-6)" aria-label={t('locked')} />
        </Tooltip>
      )}
      {locked && !compact && (
        <Badge color="gray" leftSection={<IconLock size={12} />} data-testid="ticket-locked">
          {t('locked')}
        </Badge>
      )}
    </Group>
  );
}
