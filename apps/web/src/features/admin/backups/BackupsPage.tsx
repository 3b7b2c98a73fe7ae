import { Badge, Button, Code, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDatabaseExport, IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useFormat } from '../../session/use-format.ts';
import { type BackupRun, useBackUpNow, useBackups } from './backups.queries.ts';

const STATUS_COLOR = { running: 'blue', succeeded: 'green', failed: 'red' } as const;

function size(bytes: number | null, locale: string): string {
  if (bytes === null) return '—';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit ? 1 : 0 }).format(value)} ${units[unit]}`;
}

/** Administrators: the last backups (time, size, duration, result), downloads, and a backup now. */
export function BackupsPage() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const format = useFormat();
  const backups = useBackups();
  const now = useBackUpNow();
  const schedule = backups.data?.schedule;
  const seconds = (ms: number | null) =>
    ms === null
      ? '—'
      : t('backups.seconds', { value: new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(ms / 1000) });

  return (
    <>
      <PageHeader
        title={t('backups.title')}
        description={
          schedule && (
            <span data-testid="backups-schedule">
              {schedule.time === 'off'
                ? t('backups.scheduleOff', { days: schedule.retentionDays })
                : t('backups.schedule', { time: schedule.time, zone: schedule.timeZone, days: schedule.retentionDays })}
            </span>
          )
        }
        actions={
          <Button
            leftSection={<IconDatabaseExport size={16} />}
            loading={now.isPending}
            onClick={() =>
              now.mutate(undefined, {
                onSuccess: () => notifications.show({ color: 'green', message: t('backups.started') }),
              })
            }
            data-testid="backup-now"
          >
            {t('backups.now')}
          </Button>
        }
      />
      <Stack>
        <DataTable<BackupRun>
          testId="backups-table"
          rows={backups.data?.items}
          rowKey={(r) => r.id}
          loading={backups.isPending}
          error={backups.error}
          onRetry={() => void backups.refetch()}
          emptyText={t('backups.empty')}
          columns={[
            {
              key: 'startedAt',
              header: t('backups.fields.startedAt'),
              render: (r) => (
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {format.dateTime(r.startedAt)}
                </Text>
              ),
            },
            {
              key: 'status',
              header: t('backups.fields.status'),
              render: (r) => (
                <Badge color={STATUS_COLOR[r.status]} variant="light" data-testid={`backup-status-${r.status}`}>
                  {t(`backups.status.${r.status}`)}
                </Badge>
              ),
            },
            { key: 'trigger', header: t('backups.fields.trigger'), render: (r) => t(`backups.trigger.${r.trigger}`) },
            { key: 'size', header: t('backups.fields.size'), render: (r) => size(r.sizeBytes, i18n.language) },
            { key: 'duration', header: t('backups.fields.duration'), render: (r) => seconds(r.durationMs) },
            {
              key: 'sha256',
              header: t('backups.fields.sha256'),
              render: (r) =>
                r.sha256 ? (
                  <Code title={r.sha256}>{r.sha256.slice(0, 12)}…</Code>
                ) : r.status === 'failed' ? (
                  <Text size="sm" c="red">
                    {t('backups.failedHint')}
                  </Text>
                ) : (
                  '—'
                ),
            },
          ]}
          actions={(r) =>
            r.available ? (
              <Button
                component="a"
                href={`/api/v1/backups/${r.id}/download`}
                download
                size="compact-sm"
                variant="subtle"
                leftSection={<IconDownload size={14} />}
                data-testid="backup-download"
              >
                {t('backups.download')}
              </Button>
            ) : r.status === 'succeeded' ? (
              <Text size="xs" c="dimmed">
                {t('backups.pruned')}
              </Text>
            ) : null
          }
        />
      </Stack>
    </>
  );
}
