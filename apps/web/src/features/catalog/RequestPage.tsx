import { Anchor, Button, Card, Grid, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Fact } from '../../components/Fact.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { mayRaiseChanges } from '../changes/change-sections.ts';
import { useMe } from '../session/session.queries.ts';
import { useFormat } from '../session/use-format.ts';
import { ApprovalSteps } from './ApprovalSteps.tsx';
import { type ServiceRequest, useRequest } from './catalog.queries.ts';
import { useCatalogFormat } from './catalog-format.ts';
import { FulfilmentCard } from './FulfilmentCard.tsx';
import { RequestStatusBadge } from './ItemBadges.tsx';
import { RequestAnswers } from './RequestAnswers.tsx';
import { RequestWithdraw } from './RequestWithdraw.tsx';

/** One service request by number (as notifications link) or id: facts, answers, approvals, fulfilment and charge. */
export function RequestPage() {
  const { number } = useParams({ strict: false }) as { number: string };
  const query = useRequest(number);
  if (query.error) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return <LoadingState />;
  return <RequestView request={query.data} routeKey={number} />;
}

function RequestView({ request, routeKey }: { request: ServiceRequest; routeKey: string }) {
  const { t } = useTranslation('catalog');
  const me = useMe();
  const format = useCatalogFormat();
  const { dateTime } = useFormat();
  const { item } = request;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/catalog/requests" size="sm">
        ← {t('request.back')}
      </Anchor>
      <Group gap="sm" align="center">
        <Title order={3} data-testid="request-number">
          {request.number}
        </Title>
        <RequestStatusBadge status={request.status} />
        <RequestWithdraw request={request} routeKey={routeKey} />
        {/* A request may need a change to fulfil it (000 §4: changes triggered by service requests). */}
        {mayRaiseChanges(me) && (
          <Button
            size="xs"
            variant="light"
            ml="auto"
            renderRoot={(props) => <Link {...props} to="/changes/new" search={{ request: request.number }} />}
            data-testid="request-raise-change"
          >
            {t('request.raiseChange')}
          </Button>
        )}
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }} order={{ base: 2, md: 1 }}>
          <Stack gap="lg">
            <Card withBorder padding="md">
              <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md">
                <Fact label={t('request.item')}>
                  <Anchor renderRoot={(props) => <Link {...props} to="/catalog/items/$id" params={{ id: String(item.id) }} />}>
                    {item.name}
                  </Anchor>{' '}
                  <Text span size="xs" c="dimmed">
                    v{item.version}
                  </Text>
                </Fact>
                <Fact label={item.costModel === 'per_hour' ? t('request.estimatedHours') : t('request.quantity')}>
                  {format.quantity(request.quantity, item.unitLabel, item.costModel)}
                </Fact>
                <Fact label={t('item.rate')}>{format.rate(request.rate, item.costModel, item.unitLabel)}</Fact>
                <Fact label={t('request.estimate')}>
                  <span data-testid="request-estimate">{format.money(request.estimate)}</span>
                </Fact>
                <Fact label={item.costModel === 'per_hour' ? t('fulfilment.actualHours') : t('request.actual')}>
                  <span data-testid="request-actual">
                    {request.actualQuantity === null ? '—' : format.quantity(request.actualQuantity, item.unitLabel, item.costModel)}
                  </span>
                </Fact>
                <Fact label={t('request.charge')}>
                  <span data-testid="request-charge">{request.charge ? format.money(request.charge.amount) : '—'}</span>
                </Fact>
                <Fact label={t('approvals.requester')}>
                  <span data-testid="request-requester">{request.requester.name}</span>{' '}
                  <Text span size="xs" c="dimmed">
                    {request.requester.unit.name}
                  </Text>
                </Fact>
                <Fact label={t('request.created')}>{dateTime(request.createdAt)}</Fact>
              </SimpleGrid>
            </Card>
            <RequestAnswers request={request} />
            <ApprovalSteps request={request} />
          </Stack>
        </Grid.Col>
        {/* What happens next comes first on a phone. */}
        <Grid.Col span={{ base: 12, md: 5 }} order={{ base: 1, md: 2 }}>
          <FulfilmentCard request={request} routeKey={routeKey} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
