import { Anchor, Button, Card, Group, NumberInput, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useMe } from '../session/session.queries.ts';
import { type ServiceRequest, useFulfilmentTicket, useRequestChanges } from './catalog.queries.ts';

/**
 * Fulfilment runs on the provider team's ticket. Its workers record the actual
 * quantity or hours here and may complete in one step (record + resolve the
 * ticket); resolving records the charge, and the requester confirms on the ticket.
 */
export function FulfilmentCard({ request, routeKey }: { request: ServiceRequest; routeKey: string }) {
  const { t } = useTranslation('catalog');
  const me = useMe();
  const ticketNumber = request.ticket?.number ?? '';
  // Only people who work tickets need the ticket's allowed actions; others would only be refused.
  const worksTickets = me.permissions.includes('ticket:work') && request.ticket !== null && request.status === 'in_fulfilment';
  const ticket = useFulfilmentTicket(ticketNumber, worksTickets).data;
  const worker = ticket?.allowedActions.includes('internal_note') ?? false;
  const mayResolve = ticket?.allowedActions.includes('resolve') ?? false;
  const requester = request.status === 'done' && request.ticket !== null;
  return (
    <Card withBorder padding="md" data-testid="fulfilment">
      <Stack gap="sm">
        <Title order={4} size="h5">
          {t('fulfilment.title')}
        </Title>
        <Text size="sm">{t(`fulfilment.hint.${request.status}` as 'fulfilment.hint.in_fulfilment', { defaultValue: '' })}</Text>
        {request.ticket && (
          <Text size="sm">
            {t('fulfilment.ticket')}:{' '}
            <Anchor
              renderRoot={(props) => <Link {...props} to="/tickets/$number" params={{ number: ticketNumber }} />}
              data-testid="fulfilment-ticket"
            >
              {request.ticket.number}
            </Anchor>
          </Text>
        )}
        {requester && <Text size="sm">{t('fulfilment.confirmHint')}</Text>}
        {worker && request.item.costModel !== 'fixed' && <ActualQuantityForm request={request} routeKey={routeKey} />}
        {mayResolve && <CompleteForm request={request} routeKey={routeKey} />}
      </Stack>
    </Card>
  );
}

function ActualQuantityForm({ request, routeKey }: { request: ServiceRequest; routeKey: string }) {
  const { t } = useTranslation('catalog');
  const { actual } = useRequestChanges(routeKey);
  const [value, setValue] = useState<number | string>(request.actualQuantity ?? request.quantity);
  const label = request.item.costModel === 'per_hour' ? t('fulfilment.actualHours') : t('fulfilment.actualQuantity');
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (typeof value !== 'number' || value <= 0) return;
        actual.mutate(
          { id: request.id, body: { version: request.version, actualQuantity: value } },
          { onSuccess: () => notifications.show({ color: 'green', message: t('fulfilment.actualSaved') }) },
        );
      }}
    >
      <Stack gap="xs">
        <ProblemAlert error={actual.error} />
        <Group align="flex-end" gap="xs">
          <NumberInput
            label={label}
            required
            min={0.01}
            step={0.5}
            decimalScale={2}
            decimalSeparator={t('order.decimalSeparator')}
            value={value}
            onChange={setValue}
            data-testid="actual-quantity"
            w={180}
          />
          <Button type="submit" variant="light" loading={actual.isPending} data-testid="actual-save">
            {t('fulfilment.saveActual')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CompleteForm({ request, routeKey }: { request: ServiceRequest; routeKey: string }) {
  const { t } = useTranslation(['catalog', 'common']);
  const { complete } = useRequestChanges(routeKey);
  const [summary, setSummary] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!summary.trim()) return setMissing(true);
        complete.mutate(
          { id: request.id, body: { version: request.version, solutionSummary: summary.trim() } },
          { onSuccess: () => notifications.show({ color: 'green', message: t('fulfilment.completed') }) },
        );
      }}
    >
      <Stack gap="xs">
        <ProblemAlert error={complete.error} fields={['solutionSummary']} />
        <Textarea
          label={t('fulfilment.summary')}
          description={t('fulfilment.completeHelp')}
          required
          autosize
          minRows={2}
          value={summary}
          error={missing && !summary.trim() ? t('common:validation.required') : undefined}
          onChange={(e) => setSummary(e.currentTarget.value)}
          data-testid="complete-summary"
        />
        <Group justify="flex-end">
          <Button type="submit" color="green" loading={complete.isPending} data-testid="complete-submit">
            {t('fulfilment.complete')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
