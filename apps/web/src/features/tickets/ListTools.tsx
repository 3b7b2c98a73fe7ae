import { Button, Checkbox, Group, Menu, Modal, Stack, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDisclosure, useLocalStorage } from '@mantine/hooks';
import { IconColumns, IconDownload, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { urlWithQuery } from '../../lib/api-client.ts';
import { type Column, DEFAULT_COLUMNS, OPTIONAL_COLUMNS } from './TicketList.tsx';
import type { ListQuery } from './workspace-search.ts';

/** The columns this person chose for ticket lists, kept in this browser. */
export function useTicketColumns() {
  return useLocalStorage<Column[]>({ key: 'ish.ticketColumns', defaultValue: DEFAULT_COLUMNS, getInitialValueInEffect: false });
}

/** Choose the list's columns (number and title always show). */
export function ColumnChooser({ columns, onChange }: { columns: Column[]; onChange: (columns: Column[]) => void }) {
  const { t } = useTranslation('tickets');
  return (
    <Menu closeOnItemClick={false} position="bottom-end">
      <Menu.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />} visibleFrom="sm" data-testid="columns-toggle">
          {t('columns.title')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown data-testid="columns-menu">
        {OPTIONAL_COLUMNS.map((column) => (
          <Menu.Item key={column}>
            <Checkbox
              label={t(`columns.${column}`)}
              checked={columns.includes(column)}
              onChange={(e) => onChange(e.currentTarget.checked ? [...columns, column] : columns.filter((c) => c !== column))}
              data-testid={`column-${column}`}
            />
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** The current list, with its queue, search and filters, as CSV or XLSX (for the service desk and report readers). */
export function ExportMenu({ query }: { query: Omit<ListQuery, 'page' | 'pageSize'> }) {
  const { t } = useTranslation('tickets');
  const href = (format: 'csv' | 'xlsx') => urlWithQuery('/api/v1/tickets/export', { ...query, format });
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />} data-testid="export-toggle">
          {t('export.title')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href={href('xlsx')} download data-testid="export-xlsx">
          {t('export.xlsx')}
        </Menu.Item>
        <Menu.Item component="a" href={href('csv')} download data-testid="export-csv">
          {t('export.csv')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** 004 §D.10: the printable report of incidents closed in a period. */
export function ClosedReportButton() {
  const { t } = useTranslation('tickets');
  const [opened, modal] = useDisclosure(false);
  const today = new Date().toISOString().slice(0, 10);
  const [range, setRange] = useState<[string | null, string | null]>([`${today.slice(0, 8)}01`, today]);
  const [from, to] = range;
  return (
    <>
      <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={modal.open} data-testid="closed-report">
        {t('closedReport.open')}
      </Button>
      <Modal opened={opened} onClose={modal.close} title={t('closedReport.title')}>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('closedReport.help')}
          </Text>
          <DatePickerInput
            type="range"
            label={t('closedReport.period')}
            value={range}
            onChange={setRange}
            allowSingleDateInRange
            data-testid="closed-report-period"
          />
          <Group justify="flex-end">
            <Button
              component="a"
              href={from && to ? urlWithQuery('/api/v1/tickets/reports/closed', { from, to }) : undefined}
              target="_blank"
              disabled={!from || !to}
              leftSection={<IconPrinter size={16} />}
              data-testid="closed-report-print"
            >
              {t('closedReport.print')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
