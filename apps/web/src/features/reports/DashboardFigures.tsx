import { Card, Group, SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useNumber } from './report-parts.tsx';
import { type Dashboard, useDashboard } from './reports.queries.ts';

type FigureCode = 'todayNew' | 'todayResolved' | 'monthNew' | 'monthResolved' | 'open' | 'breachingSoon' | 'breached' | 'slaAchievement';

interface Figure {
  code: FigureCode;
  value: string;
  hint?: string;
  tone?: 'red' | 'orange' | 'teal';
  /** A report page (`/reports/<page>`), else the Service Desk list. */
  page?: string;
  search: Record<string, string>;
}

/** The Executive's figures for today and this month, each linking to the report or the tickets behind it. */
export function figuresOf(d: Dashboard, number: (v: number | null) => string, vsPrevious: (change: string) => string): Figure[] {
  const month = { from: d.from, to: d.to };
  const today = { period: 'day', from: d.today, to: d.today };
  const change = d.previousMonthNew ? Math.round(((d.monthNew - d.previousMonthNew) / d.previousMonthNew) * 100) : null;
  return [
    { code: 'todayNew', value: number(d.todayNew), page: 'tickets', search: today },
    { code: 'todayResolved', value: number(d.todayResolved), page: 'completed', search: today },
    {
      code: 'monthNew',
      value: number(d.monthNew),
      ...(change === null ? {} : { hint: vsPrevious(`${change > 0 ? '+' : ''}${change}`) }),
      page: 'trends',
      search: month,
    },
    { code: 'monthResolved', value: number(d.monthResolved), page: 'completed', search: month },
    { code: 'open', value: number(d.open), search: { queue: 'all', status: 'new,assigned,in_progress,pending' } },
    { code: 'breachingSoon', value: number(d.breachingSoon), tone: d.breachingSoon ? 'orange' : undefined, search: { queue: 'breaching' } },
    {
      code: 'breached',
      value: number(d.breached),
      tone: d.breached ? 'red' : undefined,
      search: { queue: 'all', sla: 'breached', createdFrom: d.from, createdTo: d.to },
    },
    {
      code: 'slaAchievement',
      value: d.slaAchievement === null ? '–' : `${number(d.slaAchievement)} %`,
      tone: d.slaAchievement !== null && d.slaAchievement < 90 ? 'orange' : 'teal',
      page: 'sla',
      search: month,
    },
  ];
}

/** Figure cards; `compact` on the landing page (fewer columns, smaller numbers). */
export function DashboardFigures({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation('reports');
  const number = useNumber();
  const dashboard = useDashboard();
  if (dashboard.error) return <ProblemAlert error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  const figures = dashboard.data ? figuresOf(dashboard.data, number, (change) => t('dashboard.vsPrevious', { change })) : [];
  const link = (f: Figure) =>
    f.page
      ? ({ to: '/reports/$page', params: { page: f.page }, search: f.search } as const)
      : ({ to: '/service-desk', search: f.search } as const);
  return (
    <SimpleGrid cols={{ base: 2, sm: compact ? 4 : 4 }} spacing="sm" data-testid="dashboard-figures">
      {figures.map((f) => (
        <UnstyledButton key={f.code} component={Link} {...(link(f) as object)} data-testid={`figure-${f.code}`}>
          <Card withBorder padding={compact ? 'xs' : 'sm'} h="100%">
            <Text size="xs" c="dimmed" lineClamp={2}>
              {t(`dashboard.${f.code}`)}
            </Text>
            <Group gap={6} align="baseline">
              <Text fz={compact ? 22 : 28} fw={700} c={f.tone ? `${f.tone}.7` : undefined} data-testid={`figure-${f.code}-value`}>
                {f.value}
              </Text>
              {f.hint && (
                <Text size="xs" c="dimmed">
                  {f.hint}
                </Text>
              )}
            </Group>
          </Card>
        </UnstyledButton>
      ))}
    </SimpleGrid>
  );
}
