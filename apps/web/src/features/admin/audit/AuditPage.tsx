import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCalendar, IconDownload, IconEye } from '@tabler/icons-react';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { urlWithQuery } from '../../../lib/api-client.ts';
import { useFormat } from '../../session/use-format.ts';
import { AuditDiffModal } from './AuditDiffModal.tsx';
import { type AuditEntry, type AuditFilters, useAudit, useAuditActions } from './audit.queries.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

const PAGE_SIZE = 50;

export function AuditPage() {
  const { t } = useTranslation(['admin', 'common']);
  // Known codes read as words; one a later module adds reads as its code in words until it gets a label.
  const humanise = (code: string) => code.replace(/[._]+/g, ' ').replace(/^./, (c) => c.toUpperCase());
  const actionLabel = (code: string) => String(t(`audit.actions.${code}` as never, { defaultValue: humanise(code) } as never));
  const targetKind = (type: string) => String(t(`audit.targets.${type}` as never, { defaultValue: humanise(type) } as never));
  const format = useFormat();
  const [action, setAction] = useState<string | null>(null);
  const [actorEmail, setActorEmail] = useState('');
  const [target, setTarget] = useState('');
  const [range, setRange] = useState<[string | null, string | null]>([null, null]);
  const [page, setPage] = useState(1);
  const [typed] = useDebouncedValue({ actorEmail: actorEmail.trim(), target: target.trim() }, 300);
  const [shown, setShown] = useState<AuditEntry | null>(null);

  // Days are picked in the user's time zone; the server filters on instants.
  const filters: AuditFilters = {
    action: action ?? undefined,
    actorEmail: typed.actorEmail || undefined,
    target: typed.target || undefined,
    from: range[0] ? dayjs.tz(range[0], format.timeZone).startOf('day').toISOString() : undefined,
    to: range[1] ? dayjs.tz(range[1], format.timeZone).endOf('day').toISOString() : undefined,
  };
  const audit = useAudit(filters, page, PAGE_SIZE);
  const actions = useAuditActions();
  const filtered = Object.values(filters).some(Boolean);
  const reset =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        actions={
          <Button
            component="a"
            href={urlWithQuery('/api/v1/audit/export.csv', { ...filters })}
            download
            variant="light"
            leftSection={<IconDownload size={16} />}
            data-testid="audit-export"
          >
            {t('audit.export')}
          </Button>
        }
      />
      <Stack>
        <Group gap="sm" align="flex-end">
          <Select
            label={t('audit.fields.action')}
            placeholder={t('audit.allActions')}
            data={(actions.data ?? []).map((code) => ({ value: code, label: actionLabel(code) }))}
            value={action}
            onChange={reset(setAction)}
            clearable
            searchable
            style={{ flex: '1 1 200px' }}
            data-testid="audit-action"
          />
          <TextInput
            label={t('audit.fields.actor')}
            placeholder={t('audit.actorPlaceholder')}
            value={actorEmail}
            onChange={(e) => reset(setActorEmail)(e.currentTarget.value)}
            style={{ flex: '1 1 200px' }}
            data-testid="audit-actor"
          />
          <TextInput
            label={t('audit.fields.target')}
            placeholder={t('audit.targetPlaceholder')}
            value={target}
            onChange={(e) => reset(setTarget)(e.currentTarget.value)}
            style={{ flex: '1 1 160px' }}
            data-testid="audit-target"
          />
          <DatePickerInput
            type="range"
            label={t('audit.fields.range')}
            placeholder={t('audit.anyDate')}
            value={range}
            onChange={reset(setRange)}
            leftSection={<IconCalendar size={16} />}
            clearable
            allowSingleDateInRange
            style={{ flex: '1 1 240px' }}
            data-testid="audit-range"
          />
        </Group>
        <DataTable
          testId="audit-table"
          rows={audit.data?.items}
          rowKey={(entry) => entry.id}
          loading={audit.isPending}
          error={audit.error}
          onRetry={() => void audit.refetch()}
          emptyText={filtered ? t('audit.noMatch') : t('audit.empty')}
          pagination={audit.data && { page, pageSize: PAGE_SIZE, total: audit.data.total, onChange: setPage }}
          columns={[
            {
              key: 'at',
              header: t('audit.fields.at'),
              render: (e) => (
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {format.dateTime(e.at)}
                </Text>
              ),
            },
            {
              key: 'actor',
              header: t('audit.fields.actor'),
              render: (e) =>
                e.actorEmail ? (
                  <div>
                    <Text size="sm">{e.actorName ?? e.actorEmail}</Text>
                    {e.actorName && (
                      <Text size="xs" c="dimmed">
                        {e.actorEmail}
                      </Text>
                    )}
                  </div>
                ) : (
                  t('audit.system')
                ),
            },
            {
              key: 'action',
              header: t('audit.fields.action'),
              render: (e) => (
                <Text size="sm" title={e.action} data-testid="audit-action-label">
                  {actionLabel(e.action)}
                </Text>
              ),
            },
            {
              key: 'target',
              header: t('audit.fields.target'),
              render: (e) =>
                e.targetType ? (
                  <Text size="sm" data-testid="audit-target-label">
                    {targetKind(e.targetType)}: {e.targetLabel ?? `#${e.targetId ?? ''}`}
                  </Text>
                ) : (
                  '—'
                ),
            },
            { key: 'ip', header: t('audit.fields.ip'), render: (e) => e.ip ?? '—' },
          ]}
          actions={(e) =>
            e.before == null && e.after == null ? null : (
              <Button
                size="compact-sm"
                variant="subtle"
                leftSection={<IconEye size={14} />}
                onClick={() => setShown(e)}
                data-testid="audit-show"
              >
                {t('audit.changes')}
              </Button>
            )
          }
        />
      </Stack>
      <AuditDiffModal entry={shown} onClose={() => setShown(null)} />
    </>
  );
}
