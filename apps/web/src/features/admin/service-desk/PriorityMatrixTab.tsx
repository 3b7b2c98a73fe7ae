import { NativeSelect, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { usePriorityMatrix } from '../../tickets/tickets.queries.ts';
import { SettingsCard } from '../settings/SettingsCard.tsx';
import { type PriorityMatrix, useSavePriorityMatrix } from './service-desk.queries.ts';

const LEVELS = ['high', 'medium', 'low'] as const;
const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
type Cell = PriorityMatrix['cells'][number];

export function PriorityMatrixTab() {
  const matrix = usePriorityMatrix();
  if (matrix.error) return <ProblemAlert error={matrix.error} onRetry={() => void matrix.refetch()} />;
  if (!matrix.data) return <LoadingState />;
  // Keyed by version: after a save the form starts again from what the server holds.
  return <MatrixForm key={matrix.data.version} matrix={matrix.data} />;
}

/** 004 Table 5: urgency (rows) × impact (columns) → P1–P5, saved as a whole. */
function MatrixForm({ matrix }: { matrix: PriorityMatrix }) {
  const { t } = useTranslation('tickets');
  const save = useSavePriorityMatrix();
  const [cells, setCells] = useState<Cell[]>(matrix.cells);
  const priorityOf = (urgency: Cell['urgency'], impact: Cell['impact']) =>
    cells.find((c) => c.urgency === urgency && c.impact === impact)?.priority ?? 'P3';
  const set = (urgency: Cell['urgency'], impact: Cell['impact'], priority: Cell['priority']) =>
    setCells(
      LEVELS.flatMap((u) =>
        LEVELS.map((i) => ({ urgency: u, impact: i, priority: u === urgency && i === impact ? priority : priorityOf(u, i) })),
      ),
    );
  const submit = (event?: React.FormEvent) => {
    event?.preventDefault();
    save.mutate({ version: matrix.version, cells }, { onSuccess: () => notifications.show({ color: 'green', message: t('admin.saved') }) });
  };
  return (
    <SettingsCard
      title={t('admin.matrix.title')}
      description={t('admin.matrix.description')}
      onSubmit={submit}
      saving={save.isPending}
      error={save.error}
      fields={[]}
      testId="priority-matrix"
    >
      <Table.ScrollContainer minWidth={300} maw={560}>
        <Table withTableBorder withColumnBorders horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                <Text size="xs" c="dimmed">
                  {t('admin.matrix.corner')}
                </Text>
              </Table.Th>
              {LEVELS.map((impact) => (
                <Table.Th key={impact}>{t(`level.${impact}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {LEVELS.map((urgency) => (
              <Table.Tr key={urgency}>
                <Table.Th>{t(`level.${urgency}`)}</Table.Th>
                {LEVELS.map((impact) => (
                  <Table.Td key={impact}>
                    <NativeSelect
                      miw={60}
                      aria-label={t('admin.matrix.cell', { urgency: t(`level.${urgency}`), impact: t(`level.${impact}`) })}
                      data={PRIORITIES.map((p) => ({ value: p, label: p }))}
                      value={priorityOf(urgency, impact)}
                      onChange={(e) => set(urgency, impact, e.currentTarget.value as Cell['priority'])}
                      data-testid={`matrix-${urgency}-${impact}`}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed">
        {PRIORITIES.map((p) => t(`priority.${p}`)).join(' · ')}
      </Text>
    </SettingsCard>
  );
}
