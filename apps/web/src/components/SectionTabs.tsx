import { Tabs } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import { Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { PageHeader } from './PageHeader.tsx';

export interface SectionTab {
  code: string;
  to: string;
  icon: Icon;
  label: string;
}

/**
 * A module's page: its title, the tabs of its screens (only those the user
 * may use) and the open screen; a detail page keeps its list's tab lit.
 */
export function SectionTabs({
  title,
  description,
  sections,
  testId,
}: {
  title: string;
  description: string;
  sections: SectionTab[];
  testId: string;
}) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
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
      <PageHeader title={title} description={description} />
      <Tabs value={active} onChange={(to) => to && void navigate({ to })} mb="lg">
        <Tabs.List ref={list}>
          {sections.map(({ code, to, icon: TabIcon, label }) => (
            <Tabs.Tab key={code} value={to} leftSection={<TabIcon size={16} />} data-testid={`${testId}-tab-${code}`}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </>
  );
}
