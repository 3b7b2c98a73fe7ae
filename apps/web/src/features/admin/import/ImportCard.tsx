import { Alert, Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { IconCircleCheck, IconDownload, IconFileSpreadsheet, IconUpload, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { IMPORT_URLS, type ImportKind, importRowErrors, useImport } from './import.queries.ts';

const ACCEPT = {
  'text/csv': ['.csv'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
};

/** Upload a CSV/XLSX of one kind; a refused file lists every bad row so it can be fixed in one pass. */
export function ImportCard({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation(['admin', 'common']);
  const run = useImport(kind);
  const rows = importRowErrors(run.error);
  return (
    <Card withBorder padding="lg" data-testid={`import-${kind}`}>
      <Stack>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} size="h4">
            {t(`import.${kind}.title`)}
          </Title>
          <Anchor href={IMPORT_URLS[kind].template} download size="sm" data-testid={`import-${kind}-template`}>
            <Group gap={4} wrap="nowrap">
              <IconDownload size={16} />
              {t('import.template')}
            </Group>
          </Anchor>
        </Group>
        <Text size="sm" c="dimmed">
          {t(`import.${kind}.description`)}
        </Text>
        <Dropzone
          onDrop={(files) => files[0] && run.mutate(files[0])}
          accept={ACCEPT}
          multiple={false}
          loading={run.isPending}
          maxSize={10 * 1024 * 1024}
          data-testid={`import-${kind}-drop`}
        >
          <Group justify="center" gap="md" mih={110} style={{ pointerEvents: 'none' }}>
            <Dropzone.Accept>
              <IconUpload size={40} />
            </Dropzone.Accept>
            <Dropzone.Reject>
              <IconX size={40} />
            </Dropzone.Reject>
            <Dropzone.Idle>
              <IconFileSpreadsheet size={40} color="var(--mantine-color-dimmed)" />
            </Dropzone.Idle>
            <div>
              <Text fw={500}>{t('import.drop')}</Text>
              <Text size="sm" c="dimmed">
                {t('import.formats')}
              </Text>
            </div>
          </Group>
        </Dropzone>
        {run.isSuccess && (
          <Alert color="green" icon={<IconCircleCheck size={18} />} role="status" data-testid={`import-${kind}-done`}>
            {t('import.done')}
          </Alert>
        )}
        <ProblemAlert error={run.error} />
        {rows.length > 0 && (
          <Table.ScrollContainer minWidth={420}>
            <Table striped withTableBorder data-testid={`import-${kind}-errors`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('import.line')}</Table.Th>
                  <Table.Th>{t('import.field')}</Table.Th>
                  <Table.Th>{t('import.message')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={`${row.line}:${row.field}:${row.message}`}>
                    <Table.Td>{row.line}</Table.Td>
                    <Table.Td>{row.field}</Table.Td>
                    <Table.Td>{row.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {run.isError && (
          <Button variant="default" onClick={() => run.reset()} style={{ alignSelf: 'flex-start' }}>
            {t('import.again')}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
