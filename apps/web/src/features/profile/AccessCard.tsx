import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../session/session.queries.ts';

/** Where the user sits and which roles they hold, read-only (administrators change grants). */
export function AccessCard() {
  const { t } = useTranslation(['profile', 'common']);
  const me = useMe();
  return (
    <Card withBorder padding="lg">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('access')}
        </Title>
        <Text size="sm">
          <Text span c="dimmed">
            {t('unit')}:{' '}
          </Text>
          {me.unit.name} · {me.company.name}
        </Text>
        <Group gap={6} data-testid="profile-roles">
          {me.grants.map((g) => (
            <Badge key={g.id} variant="light" style={{ textTransform: 'none' }}>
              {t(`common:roles.${g.role}`)} · {g.scope.kind === 'organisation' ? t('common:scopes.organisation') : g.scope.name}
            </Badge>
          ))}
        </Group>
      </Stack>
    </Card>
  );
}
