import { Anchor, Card, Grid, Group, Stack, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { AttendanceCard } from '../attendance/AttendanceCard.tsx';
import { NotificationPreferencesCard } from '../notifications/NotificationPreferencesCard.tsx';
import { useMe } from '../session/session.queries.ts';
import { AccessCard } from './AccessCard.tsx';
import { ApiTokensCard } from './ApiTokensCard.tsx';
import { PasswordCard } from './PasswordCard.tsx';
import { PhotoCard } from './PhotoCard.tsx';
import { ProfileForm } from './ProfileForm.tsx';

export function ProfilePage() {
  const { t } = useTranslation('profile');
  const me = useMe();
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            {me.permissions.includes('attendance:record') && (
              <Card withBorder>
                <Group justify="space-between" mb="xs">
                  <Title order={3} size="h5">
                    {t('attendance.title')}
                  </Title>
                  <Anchor component={Link} to="/attendance" size="sm">
                    {t('attendance.more')}
                  </Anchor>
                </Group>
                <AttendanceCard />
              </Card>
            )}
            <PhotoCard />
            <AccessCard />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            {/* Re-mounted per version so the form starts from the saved values after each change. */}
            <ProfileForm key={me.user.version} />
            <PasswordCard />
            <NotificationPreferencesCard />
            <ApiTokensCard />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
