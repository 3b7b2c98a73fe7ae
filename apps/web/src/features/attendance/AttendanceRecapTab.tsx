import { Group, Select, Stack, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { ExportMenu } from '../reports/ReportToolbar.tsx';
import { recentMonths, useNumber, WideTable } from '../reports/report-parts.tsx';
import { useAttendanceRecap } from './attendance.queries.ts';
import { UnitSelect } from './UnitSelect.tsx';

/** Attendance per person and month in the reader's scope: working days, present, late, absent and leave; exportable. */
export function AttendanceRecapTab() {
  const { t } = useTranslation('attendance');
  const number = useNumber();
  const [month, setMonth] = useState<string | undefined>(undefined);
  const [unit, setUnit] = useState<string | null>(null);
  const query = { ...(month ? { month } : {}), ...(unit ? { unitId: Number(unit) } : {}) };
  const recap = useAttendanceRecap(query);
  const months = recentMonths(12);
  const columns = ['workingDays', 'present', 'late', 'absent', 'leave', 'lateMinutes'] as const;
  return (
    <Stack>
      <Group align="flex-end">
        <Select
          label={t('recap.month')}
          data={months}
          value={recap.data?.month ?? months[0] ?? null}
          onChange={(v) => v && setMonth(v)}
          allowDeselect={false}
          w={{ base: '100%', xs: 140 }}
          data-testid="attendance-recap-month"
        />
        <UnitSelect value={unit} onChange={setUnit} />
        <ExportMenu path="/api/v1/attendance/recap" query={query} />
      </Group>
      {recap.error && <ProblemAlert error={recap.error} onRetry={() => void recap.refetch()} />}
      {!recap.data ? (
        <LoadingState />
      ) : (
        <WideTable minWidth={760}>
          <Table striped withTableBorder data-testid="attendance-recap">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('leave.person')}</Table.Th>
                <Table.Th>{t('day.unit')}</Table.Th>
                {columns.map((c) => (
                  <Table.Th key={c} ta="right">
                    {t(`recap.${c}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {recap.data.rows.map((r) => (
                <Table.Tr key={r.person.id}>
                  <Table.Td>{r.person.name}</Table.Td>
                  <Table.Td>{r.unit.name}</Table.Td>
                  {columns.map((c) => (
                    <Table.Td key={c} ta="right" c={c === 'absent' && r.absent > 0 ? 'red.7' : undefined}>
                      {number(r[c])}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th colSpan={2}>{t('recap.total')}</Table.Th>
                {columns.map((c) => (
                  <Table.Th key={c} ta="right">
                    {number(recap.data.totals[c])}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </WideTable>
      )}
    </Stack>
  );
}
