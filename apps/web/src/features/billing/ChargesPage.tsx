import { Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { type Charge, type Charges, useChargeDivisions, useCharges, useReverseCharge } from '../catalog/catalog.queries.ts';
import { useCatalogFormat } from '../catalog/catalog-format.ts';
import { recentPeriods } from '../catalog/charge-periods.ts';
import { ReasonModal } from '../catalog/ReasonModal.tsx';
import { RequestLink } from '../catalog/RequestLink.tsx';
import { useMe } from '../session/session.queries.ts';
import { useFormat } from '../session/use-format.ts';

export interface ChargesSearch {
  division?: number;
  period?: string;
}

/** A division's charges for a month, both sides (spent as requester, earned as provider) with totals; division and month in the URL. */
export function ChargesPage() {
  const { t, i18n } = useTranslation('catalog');
  const me = useMe();
  const search: ChargesSearch = useSearch({ strict: false });
  const navigate = useNavigate();
  // The divisions and their current month come from the server: who reads which division's charges is its rule.
  const choices = useChargeDivisions().data?.items ?? [];
  const division = search.division ?? choices.find((u) => u.id === me.unit.id)?.id ?? choices[0]?.id ?? null;
  const now = choices.find((u) => u.id === division)?.currentPeriod ?? '';
  const period = search.period ?? now;
  const charges = useCharges(division, period);
  const go = (next: ChargesSearch) => void navigate({ to: '/billing/charges', search: { ...search, ...next }, replace: true });
  const monthName = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return (
    <Stack gap="lg">
      <Group gap="sm" align="flex-end">
        <Select
          label={t('charges.division')}
          data={choices.map((u) => ({ value: String(u.id), label: u.name }))}
          value={division === null ? null : String(division)}
          onChange={(v) => v && go({ division: Number(v) })}
          searchable
          allowDeselect={false}
          data-testid="charges-division"
          w={{ base: '100%', sm: 260 }}
        />
        <Select
          label={t('charges.period')}
          data={(now ? recentPeriods(now) : []).map((p) => ({ value: p, label: monthName.format(new Date(`${p}-01T00:00:00Z`)) }))}
          value={period || null}
          onChange={(v) => v && go({ period: v })}
          allowDeselect={false}
          data-testid="charges-period"
          w={{ base: '100%', sm: 220 }}
        />
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Total label={t('charges.spent')} amount={charges.data?.spent.total} testId="charges-spent-total" />
        <Total label={t('charges.earned')} amount={charges.data?.earned.total} testId="charges-earned-total" />
      </SimpleGrid>
      <ChargeSide
        side="spent"
        data={charges.data}
        loading={charges.isLoading}
        error={charges.error}
        onRetry={() => void charges.refetch()}
      />
      <ChargeSide
        side="earned"
        data={charges.data}
        loading={charges.isLoading}
        error={charges.error}
        onRetry={() => void charges.refetch()}
      />
    </Stack>
  );
}

function Total({ label, amount, testId }: { label: string; amount: number | undefined; testId: string }) {
  const format = useCatalogFormat();
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="xl" data-testid={testId}>
        {amount === undefined ? '—' : format.money(amount)}
      </Text>
    </Card>
  );
}

interface ChargeSideProps {
  side: 'spent' | 'earned';
  data: Charges | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
}

function ChargeSide({ side, data, loading, error, onRetry }: ChargeSideProps) {
  const { t } = useTranslation('catalog');
  const { dateTime } = useFormat();
  const format = useCatalogFormat();
  const reverse = useReverseCharge();
  const [reversing, setReversing] = useState<Charge | null>(null);
  const close = () => {
    reverse.reset();
    setReversing(null);
  };
  return (
    <Stack gap="xs">
      <Title order={4} size="h5">
        {t(side === 'spent' ? 'charges.spentTitle' : 'charges.earnedTitle')}
      </Title>
      <DataTable
        testId={`charges-${side}`}
        rows={data?.[side].items}
        rowKey={(c) => c.id}
        loading={loading}
        error={error}
        onRetry={onRetry}
        emptyText={t('charges.empty')}
        columns={[
          {
            key: 'request',
            header: t('request.number'),
            render: (c) => <RequestLink number={c.requestNumber} />,
          },
          {
            key: 'item',
            header: t('request.item'),
            render: (c) => (
              <>
                {c.item}{' '}
                <Text span size="xs" c="dimmed">
                  v{c.itemVersion}
                </Text>
                {c.kind === 'reversal' && (
                  <Badge ml="xs" color="orange" variant="light">
                    {t('charges.reversal')}
                  </Badge>
                )}
                {c.reason && (
                  <Text size="xs" c="dimmed">
                    {c.reason}
                  </Text>
                )}
              </>
            ),
          },
          {
            key: 'other',
            header: t(side === 'spent' ? 'charges.provider' : 'charges.requester'),
            render: (c) => (side === 'spent' ? c.providingUnit.name : c.requestingUnit.name),
          },
          { key: 'quantity', header: t('request.quantity'), render: (c) => format.count(c.quantity) },
          { key: 'rate', header: t('item.rate'), render: (c) => format.money(c.rate) },
          {
            key: 'amount',
            header: t('charges.amount'),
            render: (c) => (
              <Text span fw={600} size="sm" data-testid="charge-amount">
                {format.money(c.amount)}
              </Text>
            ),
          },
          { key: 'date', header: t('charges.date'), render: (c) => dateTime(c.chargedAt) },
        ]}
        actions={
          data?.[side].items.some((c) => c.allowedActions.includes('reverse'))
            ? (c) =>
                c.allowedActions.includes('reverse') ? (
                  <Button size="xs" variant="subtle" color="red" onClick={() => setReversing(c)} data-testid="charge-reverse">
                    {t('charges.reverse')}
                  </Button>
                ) : null
            : undefined
        }
      />
      {reversing && (
        <ReasonModal
          title={t('charges.reverseTitle', { number: reversing.requestNumber })}
          label={t('charges.reason')}
          submitLabel={t('charges.reverse')}
          pending={reverse.isPending}
          error={reverse.error}
          onClose={close}
          onSubmit={(reason) =>
            reverse.mutate(
              { id: reversing.id, reason },
              {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: t('charges.reversed') });
                  close();
                },
              },
            )
          }
        />
      )}
    </Stack>
  );
}
