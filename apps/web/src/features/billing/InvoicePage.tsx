import { Alert, Anchor, Badge, Button, Card, Grid, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { Fact } from '../../components/Fact.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { RequestLink } from '../catalog/RequestLink.tsx';
import { useFormat } from '../session/use-format.ts';
import { type Invoice, type InvoiceLine, useInvoice, useInvoiceChanges } from './billing.queries.ts';
import { useBillingFormat } from './billing-format.ts';
import { DisputeModal, InvoiceDisputes } from './InvoiceDisputes.tsx';
import { InvoicePayment } from './InvoicePayment.tsx';
import { InvoiceTimeline } from './InvoiceTimeline.tsx';
import { InvoiceStatusBadge } from './StatusBadges.tsx';

/** One invoice: who pays for which month, lines by providing division, disputes, payment, history and documents. */
export function InvoicePage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const query = useInvoice(Number(id));
  if (query.error) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return <LoadingState />;
  return <InvoiceView invoice={query.data} />;
}

function InvoiceView({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation('billing');
  const format = useBillingFormat();
  const { dateTime } = useFormat();
  const changes = useInvoiceChanges(invoice.id);
  const provider = invoice.view === 'provider';
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/billing" size="sm">
        ← {t('invoice.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={3} data-testid="invoice-number">
              {invoice.number ?? t('invoice.draft')}
            </Title>
            <InvoiceStatusBadge status={invoice.status} testId="invoice-status" />
          </Group>
          <Text size="sm" c="dimmed">
            {invoice.division.name} · {format.period(invoice.period)}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button
            component="a"
            href={`/api/v1/invoices/${invoice.id}/document`}
            target="_blank"
            variant="default"
            leftSection={<IconFileTypePdf size={16} />}
            data-testid="invoice-pdf"
          >
            {t('invoice.pdf')}
          </Button>
          <Button
            component="a"
            href={`/api/v1/invoices/${invoice.id}/spreadsheet`}
            variant="default"
            leftSection={<IconFileSpreadsheet size={16} />}
            data-testid="invoice-xlsx"
          >
            {t('invoice.xlsx')}
          </Button>
          {invoice.actions.includes('issue') && (
            <Button
              loading={changes.issue.isPending}
              onClick={() =>
                changes.issue.mutate(invoice.version, {
                  onSuccess: () => notifications.show({ color: 'green', message: t('invoice.issued_done') }),
                })
              }
              data-testid="invoice-issue"
            >
              {t('invoice.issue')}
            </Button>
          )}
        </Group>
      </Group>
      <ProblemAlert error={changes.issue.error} />
      {provider && (
        <Alert variant="light" color="blue" data-testid="invoice-provider-view">
          {t('invoice.providerView')}
        </Alert>
      )}
      <Card withBorder padding="md">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
          <Fact label={t('invoice.billTo')}>
            {invoice.division.name}
            <Text size="xs" c="dimmed">
              {invoice.company.name}
            </Text>
          </Fact>
          <Fact label={t('invoice.period')}>{format.period(invoice.period)}</Fact>
          <Fact label={t('invoice.issued')}>{invoice.issuedAt ? dateTime(invoice.issuedAt) : '—'}</Fact>
          <Fact label={t('invoice.due')}>
            <span data-testid="invoice-due">{format.day(invoice.dueDate)}</span>
          </Fact>
        </SimpleGrid>
        <Group mt="md" gap="xs" align="baseline">
          <Text size="sm" c="dimmed">
            {provider ? t('invoice.providerTotal') : t('invoice.total')}
          </Text>
          <Text fw={700} fz="xl" data-testid="invoice-total">
            {format.money(invoice.total)}
          </Text>
        </Group>
        {!provider && (
          <Text size="sm" c="dimmed" fs="italic" data-testid="invoice-words">
            {t('invoice.inWords')}: {invoice.totalInWords}
          </Text>
        )}
      </Card>
      <Stack gap="md">
        <Title order={4} size="h5">
          {t('invoice.lines')}
        </Title>
        {invoice.providers.map((p) => (
          <ProviderLines key={p.id} invoice={invoice} provider={p} />
        ))}
      </Stack>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }} order={{ base: 2, md: 1 }}>
          <Stack gap="lg">
            <InvoiceDisputes invoice={invoice} />
            <InvoiceTimeline invoice={invoice} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }} order={{ base: 1, md: 2 }}>
          <InvoicePayment invoice={invoice} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** One providing division's lines with its subtotal, and the payer's way to dispute them. */
function ProviderLines({ invoice, provider }: { invoice: Invoice; provider: Invoice['providers'][number] }) {
  const { t } = useTranslation('billing');
  const format = useBillingFormat();
  const [disputing, setDisputing] = useState(false);
  const lines = invoice.lines.filter((l) => l.provider.id === provider.id);
  const disputable = invoice.actions.includes('dispute') && lines.some((l) => l.disputable);
  return (
    <Card withBorder padding="md" data-testid="provider-lines">
      <Group justify="space-between" mb="sm" gap="xs">
        <Text fw={600} data-testid="provider-name">
          {provider.name}
        </Text>
        <Group gap="sm">
          <Text size="sm">
            {t('invoice.subtotal')}:{' '}
            <Text span fw={700} data-testid="provider-subtotal">
              {format.money(provider.subtotal)}
            </Text>
          </Text>
          {disputable && (
            <Button size="xs" variant="light" color="orange" onClick={() => setDisputing(true)} data-testid="dispute-open">
              {t('invoice.dispute')}
            </Button>
          )}
        </Group>
      </Group>
      <DataTable
        testId="invoice-lines"
        rows={lines}
        rowKey={(l) => l.id}
        loading={false}
        error={null}
        onRetry={() => {}}
        emptyText=""
        columns={[
          { key: 'service', header: t('invoice.service'), render: (l) => <LineService line={l} /> },
          {
            key: 'request',
            header: t('invoice.request'),
            render: (l) => (
              <>
                <RequestLink number={l.requestNumber} />
                {l.ticketNumber && (
                  <Text size="xs" c="dimmed">
                    {l.ticketNumber}
                  </Text>
                )}
              </>
            ),
          },
          { key: 'quantity', header: t('invoice.quantity'), render: (l) => <LineQuantity line={l} /> },
          { key: 'rate', header: t('invoice.rate'), render: (l) => (l.kind === 'adjustment' ? '—' : format.money(l.rate)) },
          {
            key: 'amount',
            header: t('invoice.amount'),
            render: (l) => (
              <Text span fw={600} size="sm" c={l.amount < 0 ? 'red' : undefined} data-testid="line-amount">
                {format.money(l.amount)}
              </Text>
            ),
          },
        ]}
      />
      {disputing && <DisputeModal invoice={invoice} provider={provider} lines={lines} onClose={() => setDisputing(false)} />}
    </Card>
  );
}

function LineService({ line }: { line: InvoiceLine }) {
  const { t } = useTranslation('billing');
  const format = useBillingFormat();
  return (
    <Stack gap={2}>
      <Text size="sm">
        {line.item}{' '}
        <Text span size="xs" c="dimmed">
          v{line.itemVersion}
        </Text>
      </Text>
      <Group gap={4}>
        {line.carriedOver && (
          <Badge size="xs" variant="light" color="gray">
            {t('invoice.carriedOver')}
          </Badge>
        )}
        {line.kind !== 'charge' && (
          <Badge size="xs" variant="light" color="orange" data-testid="line-kind">
            {t(line.kind === 'reversal' ? 'invoice.reversal' : 'invoice.adjustment')}
          </Badge>
        )}
      </Group>
      {line.reason && (
        <Text size="xs" c="dimmed">
          {line.reason}
        </Text>
      )}
      {line.kind === 'charge' && line.remaining !== null && line.remaining !== line.amount && (
        <Text size="xs" c="dimmed">
          {t('invoice.remaining', { amount: format.money(line.remaining) })}
        </Text>
      )}
    </Stack>
  );
}

/** "2 VM", "1,5 jam", "1 kali": how much was charged, as the catalog says it. */
function LineQuantity({ line }: { line: InvoiceLine }) {
  const { t } = useTranslation(['billing', 'catalog']);
  const format = useBillingFormat();
  if (line.kind === 'adjustment') return '—';
  if (line.costModel === 'fixed') return t('billing:invoice.once');
  const value = new Intl.NumberFormat(format.locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 2 }).format(line.quantity);
  if (line.unitLabel) return `${value} ${line.unitLabel}`;
  return t(`catalog:cost.count.${line.costModel === 'per_hour' ? 'hour' : 'unit'}`, { count: line.quantity, value });
}
