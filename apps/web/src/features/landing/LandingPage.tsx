import { Alert, Card, EmptyState, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCalendarCheck } from '@tabler/icons-react';
import { Link, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { MODULES } from '../modules/modules.ts';
import { useMe } from '../session/session.queries.ts';
import classes from './LandingPage.module.css';
import { ApprovalsWidget, MyTicketsWidget } from './LandingWidgets.tsx';

/** Cards later modules fill with live data; until then each says plainly that there is nothing yet. */
const WIDGETS = [{ name: 'attendance', icon: IconCalendarCheck }] as const;

export function LandingPage() {
  const { t } = useTranslation(['landing', 'common']);
  const me = useMe();
  // The server decides the tiles (`me.modules`); roles are never re-interpreted here.
  const tiles = MODULES.filter((m) => me.modules.includes(m.code));
  const { denied } = useSearch({ strict: false }) as { denied?: string };
  return (
    <Stack gap="xl">
      {denied && (
        <Alert color="yellow" title={t('denied.title')} data-testid="landing-denied">
          {t('denied.message', { page: denied })}
        </Alert>
      )}
      <div>
        <Title order={2} fz={{ base: 24, sm: 30 }}>
          {t('greeting', { name: me.user.name })}
        </Title>
        <Text c="dimmed">{t('subtitle', { unit: me.unit.name, company: me.company.name })}</Text>
      </div>

      <section aria-labelledby="tiles-heading">
        <Title order={3} size="h4" id="tiles-heading" mb="sm">
          {t('modulesHeading')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} spacing="md">
          {tiles.map(({ code, to, icon: Icon }) => (
            <Card key={code} component={Link} to={to} withBorder padding="lg" className={classes.tile} data-testid={`tile-${code}`}>
              <Group wrap="nowrap" align="flex-start">
                <ThemeIcon size={44} radius="md" variant="light">
                  <Icon size={26} />
                </ThemeIcon>
                <div>
                  <Text fw={600}>{t(`common:modules.${code}.title`)}</Text>
                  <Text size="sm" c="dimmed">
                    {t(`common:modules.${code}.description`)}
                  </Text>
                </div>
              </Group>
            </Card>
          ))}
        </SimpleGrid>
      </section>

      <section aria-labelledby="widgets-heading">
        <Title order={3} size="h4" id="widgets-heading" mb="sm">
          {t('widgetsHeading')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          <MyTicketsWidget />
          <ApprovalsWidget />
          {WIDGETS.map(({ name, icon: Icon }) => (
            <Card key={name} withBorder padding="lg" data-testid={`widget-${name}`}>
              <Text fw={600} mb="xs">
                {t(`widgets.${name}.title`)}
              </Text>
              <EmptyState size="sm" icon={<Icon size={22} />} withIndicatorBackground description={t(`widgets.${name}.empty`)} />
            </Card>
          ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
