import { Tabs } from '@mantine/core';
import { Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useMe } from '../session/session.queries.ts';
import { catalogSections } from './catalog-sections.ts';

/** The catalog's tabs (only those the user may use) above the open screen; detail pages keep their list's tab lit. */
export function CatalogLayout() {
  const { t } = useTranslation('catalog');
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const sections = catalogSections(me);
  // The longest matching path wins, so /catalog/items/7 lights "browse" and /catalog/requests/… "requests".
  const active =
    [...sections].sort((a, b) => b.to.length - a.to.length).find((s) => pathname === s.to || pathname.startsWith(`${s.to}/`))?.to ?? null;
  // On a phone the tabs scroll sideways; the open one is brought into view.
  const list = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when another tab becomes active
  useEffect(() => {
    list.current?.querySelector('[data-active]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [active]);
  return (
    <>
      <PageHeader title={t('page.title')} description={t('page.description')} />
      <Tabs value={active} onChange={(to) => to && void navigate({ to })} mb="lg">
        <Tabs.List ref={list} style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
          {sections.map(({ code, to, icon: TabIcon }) => (
            <Tabs.Tab key={code} value={to} leftSection={<TabIcon size={16} />} data-testid={`catalog-tab-${code}`}>
              {t(`tabs.${code}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </>
  );
}
