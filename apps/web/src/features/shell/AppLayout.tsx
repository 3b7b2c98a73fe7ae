import { AppShell, Burger, Group, ScrollArea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NotificationBell } from '../notifications/NotificationBell.tsx';
import { Brand } from './Brand.tsx';
import { GlobalSearch } from './GlobalSearch.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Navigation } from './Navigation.tsx';
import { UserMenu } from './UserMenu.tsx';

/** Header (brand, language, user menu), navbar of the sections this user may open, and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const [navOpened, nav] = useDisclosure(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  // On phones the navbar covers the page; close it once a link was followed.
  useEffect(() => {
    if (pathname) nav.close();
  }, [pathname, nav.close]);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.toggle')}
              data-testid="nav-burger"
            />
            <Link to="/" style={{ color: 'inherit', textDecoration: 'none', minWidth: 0 }} aria-label={t('nav.home')}>
              <Brand />
            </Link>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <GlobalSearch />
            <NotificationBell />
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
        <AppShell.Section grow component={ScrollArea}>
          <Navigation pathname={pathname} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
