import { Card, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../session/use-format.ts';
import type { Invoice } from './billing.queries.ts';
import { useBillingFormat } from './billing-format.ts';

/** Every step of the invoice: who, when, what. */
export function InvoiceTimeline({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation('billing');
  const format = useBillingFormat();
  const { dateTime } = useFormat();
  const text = (kind: string, data: Record<string, unknown>) =>
    t(`timeline.${kind}` as 'timeline.created', {
      ...Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v ?? '')])),
      amount: data.amount ? format.money(Number(data.amount)) : '',
      dueDate: typeof data.dueDate === 'string' ? format.day(data.dueDate) : '',
      defaultValue: kind,
    });
  return (
    <Card withBorder padding="md" data-testid="invoice-timeline">
      <Stack gap="sm">
        <Title order={4} size="h5">
          {t('timeline.title')}
        </Title>
        <Timeline bulletSize={12} lineWidth={2}>
          {invoice.timeline.map((e) => (
            <Timeline.Item key={e.id} title={<Text size="sm">{text(e.kind, e.data)}</Text>}>
              <Text size="xs" c="dimmed">
                {e.actor?.name ?? t('timeline.system')} · {dateTime(e.at)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
    </Card>
  );
}
