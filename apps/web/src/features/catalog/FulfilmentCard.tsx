import { Anchor, Button, Card, Group, NumberInput, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useMe } from '../session/session.queries.ts';
import { type ServiceRequest, useFulfilmentTicket, useRequestChanges } from './catalog.queries.ts';

type Ticket = NonNullable<ReturnType<typeof useFulfilmentTicket>['data']>;

/**
 * Fulfilment runs on the provider team's ticket; this card follows it and
 * offers its steps where the request is read. The team starts work, records
 * the actual quantity or hours and completes (resolving the ticket records
 * the charge); the requester then confirms. The ticket page stays the place
 * for everything else (pending, escalation, reopening).
 */
export function FulfilmentCard({ request, routeKey }: { request: ServiceRequest; routeKey: string }) {
  const { t } = useTranslation('catalog');
  const ticketNumber = request.ticket?.number ?? '';
  // What the caller may do is the server's answer (`allowedActions`); the ticket is read only for its version.
  const can = (action: ServiceRequest['allowedActions'][number]) => request.allowedActions.includes(action);
  const ticket = useFulfilmentTicket(ticketNumber, request.ticket !== null && request.allowedActions.length > 0).data;
  const working = can('start') || can('record_quantity') || can('complete');
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
        {ticket && working && <WorkPanel request={request} ticket={ticket} routeKey={routeKey} />}
        {ticket && can('confirm') && <ConfirmPanel ticket={ticket} routeKey={routeKey} />}
      </Stack>
    </Card>
  );
}

/** The provider team's steps: start work, record the actual quantity or hours, complete with a summary. */
function WorkPanel({ request, ticket, routeKey }: { request: ServiceRequest; ticket: Ticket; routeKey: string }) {
  const { t } = useTranslation(['catalog', 'common']);
  const me = useMe();
  const { actual, complete, transition } = useRequestChanges(routeKey);
  const measured = request.allowedActions.includes('record_quantity');
  const [quantity, setQuantity] = useState<number | string>(request.actualQuantity ?? request.quantity);
  const [summary, setSummary] = useState('');
  const [missing, setMissing] = useState(false);
  const quantityValid = typeof quantity === 'number' && quantity > 0;
  const mayStart = request.allowedActions.includes('start');
  const mayComplete = request.allowedActions.includes('complete');
  const error = transition.error ?? actual.error ?? complete.error;

  const start = () =>
    transition.mutate({
      ticketId: ticket.id,
      // Starting needs an assignee: whoever starts takes an unassigned ticket.
      body: { to: 'in_progress', version: ticket.version, ...(ticket.assignee ? {} : { assigneeId: me.user.id }) },
    });
  const saveActual = () => {
    if (!quantityValid) return setMissing(true);
    actual.mutate(
      { id: request.id, body: { version: request.version, actualQuantity: quantity } },
      { onSuccess: () => notifications.show({ color: 'green', message: t('fulfilment.actualSaved') }) },
    );
  };
  const finish = (event: React.FormEvent) => {
    event.preventDefault();
    setMissing(true);
    if (!summary.trim() || (measured && !quantityValid)) return;
    complete.mutate(
      {
        id: request.id,
        body: { version: request.version, solutionSummary: summary.trim(), ...(measured ? { actualQuantity: Number(quantity) } : {}) },
      },
      { onSuccess: () => notifications.show({ color: 'green', message: t('fulfilment.completed') }) },
    );
  };

  return (
    <Stack gap="sm">
      <ProblemAlert error={error} fields={['actualQuantity', 'solutionSummary']} />
      {mayStart && (
        <Stack gap={4} align="flex-start">
          <Button onClick={start} loading={transition.isPending} data-testid="fulfilment-start">
            {t('fulfilment.start')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('fulfilment.startHelp')}
          </Text>
        </Stack>
      )}
      {measured && (
        <Group align="flex-end" gap="xs">
          <NumberInput
            label={request.item.costModel === 'per_hour' ? t('fulfilment.actualHours') : t('fulfilment.actualQuantity')}
            required
            min={0.01}
            step={request.item.costModel === 'per_hour' ? 0.5 : 1}
            decimalScale={2}
            decimalSeparator={t('order.decimalSeparator')}
            value={quantity}
            onChange={setQuantity}
            error={missing && !quantityValid ? t('order.quantityInvalid') : undefined}
            data-testid="actual-quantity"
            w={180}
          />
          <Button variant="light" onClick={saveActual} loading={actual.isPending} data-testid="actual-save">
            {t('fulfilment.saveActual')}
          </Button>
        </Group>
      )}
      {mayComplete && (
        <form noValidate onSubmit={finish}>
          <Stack gap="xs">
            <Textarea
              label={t('fulfilment.summary')}
              description={t(measured ? 'fulfilment.completeHelp' : 'fulfilment.completeHelpFixed')}
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
      )}
    </Stack>
  );
}

/** The requester accepts the result, which closes the ticket and the request. */
function ConfirmPanel({ ticket, routeKey }: { ticket: Ticket; routeKey: string }) {
  const { t } = useTranslation('catalog');
  const { transition } = useRequestChanges(routeKey);
  return (
    <Stack gap="xs">
      <ProblemAlert error={transition.error} />
      <Text size="sm">{t('fulfilment.confirmHint')}</Text>
      <Group justify="flex-end">
        <Button
          color="green"
          loading={transition.isPending}
          onClick={() =>
            transition.mutate(
              { ticketId: ticket.id, body: { to: 'closed', version: ticket.version } },
              { onSuccess: () => notifications.show({ color: 'green', message: t('fulfilment.confirmed') }) },
            )
          }
          data-testid="fulfilment-confirm"
        >
          {t('fulfilment.confirm')}
        </Button>
      </Group>
    </Stack>
  );
}
