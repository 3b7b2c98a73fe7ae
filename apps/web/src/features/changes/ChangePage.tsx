import { Anchor, Badge, Card, FileButton, Grid, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Fact } from '../../components/Fact.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { ChangeActions, ConflictList } from './ChangeActions.tsx';
import { ChangeStatusBadge, RiskBadge, TypeBadge } from './ChangeBadges.tsx';
import { ApprovalCard, CommentBox, LinksCard, ReviewCard, TasksCard, TimelineCard, VoteForm } from './ChangeCards.tsx';
import { useChangeFormat } from './change-format.ts';
import { type Change, useChange, useChangeWrites } from './changes.queries.ts';

/** One change by number (as notifications link) or id: plans, risk, approval and votes, schedule, implementation, review, timeline. */
export function ChangePage() {
  const { number } = useParams({ strict: false }) as { number: string };
  const query = useChange(number);
  if (query.error) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return <LoadingState />;
  return <ChangeView change={query.data} routeKey={number} />;
}

const PLANS = ['description', 'reason', 'impact', 'implementationPlan', 'testPlan', 'rollbackPlan'] as const;

function ChangeView({ change, routeKey }: { change: Change; routeKey: string }) {
  const { t } = useTranslation('changes');
  const format = useChangeFormat();
  const writes = useChangeWrites(change, routeKey);
  const risk = change.riskAssessment;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/changes/all" size="sm">
        ← {t('detail.back')}
      </Anchor>
      <Stack gap={6}>
        <Group gap="sm" align="center">
          <Title order={3} data-testid="change-number">
            {change.number}
          </Title>
          <ChangeStatusBadge status={change.status} />
          <TypeBadge type={change.type} />
          <RiskBadge risk={change.risk} />
          {change.causedIncident && (
            <Badge color="red" variant="filled">
              {t('detail.causedIncident')}
            </Badge>
          )}
        </Group>
        <Text fw={500} data-testid="change-title-view">
          {change.title}
        </Text>
      </Stack>
      <ChangeActions change={change} writes={writes} />
      {change.allowedActions.includes('vote') && <VoteForm change={change} writes={writes} />}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }} order={{ base: 2, md: 1 }}>
          <Stack gap="lg">
            <Card withBorder>
              <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md">
                <Fact label={t('detail.requester')}>
                  {change.requester.name}{' '}
                  <Text span size="xs" c="dimmed">
                    {change.unit.name}
                  </Text>
                </Fact>
                <Fact label={t('detail.team')}>{change.team?.name ?? '—'}</Fact>
                <Fact label={t('detail.implementer')}>
                  <span data-testid="change-implementer-view">{change.implementer?.name ?? '—'}</span>
                </Fact>
                <Fact label={t('detail.category')}>{change.category || '—'}</Fact>
                <Fact label={t('detail.template')}>{change.template?.name ?? '—'}</Fact>
                <Fact label={t('detail.created')}>
                  {format.dateTime(change.createdAt)}
                  {change.source === 'api' && ` · ${t('detail.sourceApi')}`}
                </Fact>
              </SimpleGrid>
              <Text size="xs" c="dimmed" mt="md">
                {t('detail.services')}
              </Text>
              <Stack gap={2}>
                {change.services.map((s) => (
                  <Text size="sm" key={s.id}>
                    {s.name}
                    {s.usersDescription && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        · {s.usersDescription}
                      </Text>
                    )}
                  </Text>
                ))}
                {change.services.length === 0 && <Text size="sm">—</Text>}
              </Stack>
              {change.units.length > 0 && (
                <>
                  <Text size="xs" c="dimmed" mt="sm">
                    {t('field.units')}
                  </Text>
                  <Text size="sm">{change.units.map((u) => u.name).join(', ')}</Text>
                </>
              )}
            </Card>
            <Card withBorder data-testid="change-plans">
              <Title order={4} mb="sm">
                {t('detail.plans')}
              </Title>
              <Stack gap="sm">
                {[...PLANS, ...(change.emergencyJustification ? (['emergencyJustification'] as const) : [])].map((key) => (
                  <div key={key}>
                    <Text size="xs" c="dimmed">
                      {t(`field.${key}`)}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {change[key] || t('detail.noText')}
                    </Text>
                  </div>
                ))}
              </Stack>
            </Card>
            <ApprovalCard change={change} />
            <TasksCard change={change} writes={writes} />
            <ReviewCard change={change} writes={writes} />
            <LinksCard change={change} writes={writes} />
            <TimelineCard change={change} routeKey={routeKey} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }} order={{ base: 1, md: 2 }}>
          <Stack gap="lg">
            <Card withBorder data-testid="change-schedule">
              <Title order={4} mb="sm">
                {t('detail.schedule')}
              </Title>
              <Text size="sm" data-testid="change-window">
                {format.window(change.plannedStart, change.plannedEnd, change.timeZone)}
              </Text>
              {change.freezeJustification && (
                <Text size="sm" mt="xs">
                  {t('detail.freezeJustification')}: {change.freezeJustification}
                </Text>
              )}
              <Text size="xs" c="dimmed" mt="md">
                {t('detail.conflicts')}
              </Text>
              {change.conflicts.length ? (
                <ConflictList conflicts={change.conflicts} testId="change-conflicts" />
              ) : (
                <Text size="sm">{t('detail.noConflicts')}</Text>
              )}
            </Card>
            <Card withBorder data-testid="change-risk-card">
              <Title order={4} mb="sm">
                {t('detail.riskTitle')}
              </Title>
              <Stack gap="xs">
                <Text size="sm">{t('detail.score', { score: risk.score, level: t(`risk.${risk.level}`) })}</Text>
                {risk.override && (
                  <Text size="sm" c="orange">
                    {t('detail.override', { level: t(`risk.${risk.override}`), reason: risk.overrideReason ?? '' })}
                  </Text>
                )}
                <Text size="xs" c="dimmed" mt="sm">
                  {t('detail.successRates')}
                </Text>
                {change.successRates.services.map((r) => (
                  <Group key={r.service.id} justify="space-between" gap="xs" wrap="nowrap">
                    <Text size="sm">{r.service.name}</Text>
                    <Text size="sm" c="dimmed">
                      {r.total ? t('detail.rate', { successful: r.successful, total: r.total }) : t('detail.noHistory')}
                    </Text>
                  </Group>
                ))}
                {change.successRates.team && (
                  <Group justify="space-between" gap="xs" wrap="nowrap">
                    <Text size="sm">
                      {t('detail.teamRate')} · {change.team?.name}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {change.successRates.team.total ? t('detail.rate', change.successRates.team) : t('detail.noHistory')}
                    </Text>
                  </Group>
                )}
              </Stack>
            </Card>
            <Card withBorder>
              <Group justify="space-between" mb="sm">
                <Title order={4}>{t('detail.attachments')}</Title>
                {change.allowedActions.includes('attach') && (
                  <FileButton onChange={(file) => file && writes.attach.mutate(file)}>
                    {(props) => (
                      <Anchor component="button" size="sm" {...props} data-testid="change-attach">
                        {t('detail.attach')}
                      </Anchor>
                    )}
                  </FileButton>
                )}
              </Group>
              {writes.attach.error ? <ProblemAlert error={writes.attach.error} /> : null}
              <Stack gap={4}>
                {change.attachments.map((a) => (
                  <Anchor key={a.id} href={a.url} size="sm">
                    {a.name}
                  </Anchor>
                ))}
                {change.attachments.length === 0 && <Text size="sm">—</Text>}
              </Stack>
            </Card>
            {change.allowedActions.includes('comment') && <CommentBox writes={writes} />}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
