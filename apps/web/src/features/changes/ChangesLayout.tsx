import { Button, Tabs } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useMe } from '../session/session.queries.ts';
import { changeSections, mayRaiseChanges } from './change-sections.ts';

/** Change management's tabs (only those the user may use) above the open screen; a change's page keeps its list's tab lit. */
export function ChangesLayout() {
  const { t } = useTranslation('changes');
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const sections = changeSections(me);
  const active =
    [...sections]
      .sort((a, b) => b.to.length - a.to.length)
      .find((s) => pathname === s.to || (s.to !== '/changes' && pathname.startsWith(`${s.to}/`)))?.to ?? null;
  const list = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when another tab becomes active
  useEffect(() => {
    list.current?.querySelector('[data-active]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [active]);
  return (
    <>
      <PageHeader
        title={t('page.title')}
        description={t('page.description')}
        actions={
          mayRaiseChanges(me) && (
            <Button component={Link} to="/changes/new" leftSection={<IconPlus size={16} />} data-testid="change-new">
              {t('list.new')}
            </Button>
          )
        }
      />
      <Tabs value={active} onChange={(to) => to && void navigate({ to })} mb="lg">
        <Tabs.List ref={list}>
          {sections.map(({ code, to, icon: TabIcon }) => (
            <Tabs.Tab key={code} value={to} leftSection={<TabIcon size={16} />} data-testid={`changes-tab-${code}`}>
              {t(`tabs.${code}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </>
  );
}
