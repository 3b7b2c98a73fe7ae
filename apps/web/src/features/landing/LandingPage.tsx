import { Alert, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { Link, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { worksWithChanges } from '../changes/change-sections.ts';
import { MODULES } from '../modules/modules.ts';
import { useMe } from '../session/session.queries.ts';
import classes from './LandingPage.module.css';
import { LANDING_WIDGETS } from './widgets.tsx';

/** Change management sits under the Service Desk tile (tileOf); those who work with changes get its own card beside it. */
const CHANGES_TILE = { code: 'changes' as const, to: '/changes', icon: IconArrowsExchange };

export function LandingPage() {
  const { t } = useTranslation(['landing', 'common']);
  const me = useMe();
  // The server decides the tiles (`me.modules`); roles are never re-interpreted here.
  const tiles = MODULES.filter((m) => me.modules.includes(m.code));
  const { denied } = useSearch({ strict: false }) as { denied?: string };
  const widgets = LANDING_WIDGETS.filter((w) => w.visible(me));
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
          {tiles
            .flatMap((tile) => (tile.code === 'service_desk' && worksWithChanges(me) ? [tile, CHANGES_TILE] : [tile]))
            .map(({ code, to, icon: Icon }) => (
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

      {widgets.length > 0 && (
        <section aria-labelledby="widgets-heading">
          <Title order={3} size="h4" id="widgets-heading" mb="sm">
            {t('widgetsHeading')}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
            {widgets.map(({ name, wide, badge: Badge, component: Widget }) => (
              <Card key={name} withBorder padding="lg" data-testid={`widget-${name}`} style={wide ? { gridColumn: '1 / -1' } : undefined}>
                <Group justify="space-between" mb="xs" wrap="nowrap">
                  <Text fw={600}>{t(`widgets.${name}.title`)}</Text>
                  {Badge && <Badge me={me} />}
                </Group>
                <Widget me={me} />
              </Card>
            ))}
          </SimpleGrid>
        </section>
      )}
    </Stack>
  );
}
