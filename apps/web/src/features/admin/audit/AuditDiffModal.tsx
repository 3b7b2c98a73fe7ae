import { Code, Modal, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from './audit.queries.ts';

const show = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));

/** Field-by-field before → after of one audit entry; unchanged fields are left out. */
export function AuditDiffModal({ entry, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const before = asRecord(entry?.before);
  const after = asRecord(entry?.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => show(before[k]) !== show(after[k]));
  return (
    <Modal opened={entry !== null} onClose={onClose} title={entry?.action} size="xl">
      {keys.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('audit.noChanges')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table withTableBorder data-testid="audit-diff">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.field')}</Table.Th>
                <Table.Th>{t('audit.before')}</Table.Th>
                <Table.Th>{t('audit.after')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.map((key) => (
                <Table.Tr key={key}>
                  <Table.Td>
                    <Code>{key}</Code>
                  </Table.Td>
                  <Table.Td bg="var(--mantine-color-red-light)" style={{ wordBreak: 'break-word' }}>
                    {show(before[key])}
                  </Table.Td>
                  <Table.Td bg="var(--mantine-color-green-light)" style={{ wordBreak: 'break-word' }}>
                    {show(after[key])}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Modal>
  );
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
