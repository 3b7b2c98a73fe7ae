import { Tabs } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ComponentType } from 'react';

export interface SearchTab {
  value: string;
  label: string;
  icon: Icon;
  Panel: ComponentType;
}

/**
 * Tabs whose open tab is the page's `?tab=` search parameter (the route must
 * accept it), so a reload or a shared link opens the same tab. Panels mount
 * when opened: each list loads only when looked at.
 */
export function SearchTabs({ tabs, testId }: { tabs: readonly SearchTab[]; testId: string }) {
  const navigate = useNavigate();
  const search: { tab?: string } = useSearch({ strict: false });
  const active = tabs.some((tab) => tab.value === search.tab) ? search.tab : tabs[0]?.value;
  return (
    <Tabs
      value={active}
      onChange={(tab) => void navigate({ to: '.', search: { tab: tab ?? undefined }, replace: true })}
      keepMounted={false}
    >
      <Tabs.List mb="md">
        {tabs.map(({ value, label, icon: TabIcon }) => (
          <Tabs.Tab key={value} value={value} leftSection={<TabIcon size={16} />} data-testid={`${testId}-tab-${value}`}>
            {label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {tabs.map(({ value, Panel }) => (
        <Tabs.Panel key={value} value={value}>
          <Panel />
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
