import { Anchor, Card, Group, ScrollArea, Select, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';

/** Colours of chart series, in order. */
export const SERIES_COLORS = [
  'blue.6',
  'teal.6',
  'orange.6',
  'grape.6',
  'red.6',
  'cyan.6',
  'lime.7',
  'pink.6',
  'indigo.6',
  'yellow.7',
  'gray.6',
];

/** Numbers in the UI language (1.234 in Indonesian, 1,234 in English). */
export function useNumber() {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 });
  return (value: number | null | undefined) => (value == null ? '–' : format.format(value));
}

/** A number that opens the tickets behind it in the Service Desk list; plain when there is nothing to open. */
export function TicketsLink({ search, value, testId }: { search: Record<string, string> | null; value: number; testId?: string }) {
  const number = useNumber();
  if (!search || value === 0) return <span data-testid={testId}>{number(value)}</span>;
  return (
    <Anchor component={Link} to="/service-desk" search={search as never} data-testid={testId}>
      {number(value)}
    </Anchor>
  );
}

/** A titled card holding a chart or a table. */
export function Panel({ title, children, actions }: { title: ReactNode; children: ReactNode; actions?: ReactNode }) {
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5">
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Card>
  );
}

/** A wide table that scrolls sideways on a phone instead of squeezing its columns. */
export function WideTable({ children, minWidth = 640 }: { children: ReactNode; minWidth?: number }) {
  return (
    <ScrollArea type="auto" offsetScrollbars>
      <div style={{ minWidth }}>{children}</div>
    </ScrollArea>
  );
}

/** "Nothing in this period" for an empty report. */
export function EmptyReport() {
  const { t } = useTranslation('reports');
  return (
    <Text c="dimmed" ta="center" py="lg" data-testid="report-empty">
      {t('empty')}
    </Text>
  );
}

/** A report's error, loading and empty states around its content. */
export function ReportBody<T>({
  query,
  isEmpty,
  children,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  isEmpty: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  return (
    <>
      {query.error ? <ProblemAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.isPending ? <LoadingState /> : !query.data || isEmpty(query.data) ? <EmptyReport /> : children(query.data)}
    </>
  );
}

/** One of a report's own choices beside the period (rows, grouping, interval). */
export function ReportChoice({
  label,
  data,
  value,
  onChange,
  testId,
  clearable = false,
  placeholder,
}: {
  label: string;
  data: { value: string; label: string }[];
  value: string | null;
  onChange: (value: string | undefined) => void;
  testId: string;
  clearable?: boolean;
  placeholder?: string;
}) {
  return (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      allowDeselect={clearable}
      clearable={clearable}
      placeholder={placeholder}
      w={{ base: '100%', xs: 170 }}
      data-testid={testId}
    />
  );
}

/** The last `count` months as `YYYY-MM`, this one first. */
export function recentMonths(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const d = new Date();
    d.setDate(1);
    d.setMonth(d.getMonth() - i);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  });
}
