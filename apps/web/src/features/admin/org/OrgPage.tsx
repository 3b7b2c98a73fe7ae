import { Tabs } from '@mantine/core';
import { IconBuilding, IconBuildingStore, IconHierarchy2, IconMapPin, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { CompaniesTab } from './CompaniesTab.tsx';
import { LocationsTab } from './LocationsTab.tsx';
import { TeamsTab } from './TeamsTab.tsx';
import { UnitsTab } from './UnitsTab.tsx';
import { VendorsTab } from './VendorsTab.tsx';

const TABS = [
  { value: 'companies', icon: IconBuilding, Panel: CompaniesTab },
  { value: 'units', icon: IconHierarchy2, Panel: UnitsTab },
  { value: 'teams', icon: IconUsersGroup, Panel: TeamsTab },
  { value: 'vendors', icon: IconBuildingStore, Panel: VendorsTab },
  { value: 'locations', icon: IconMapPin, Panel: LocationsTab },
] as const;

export function OrgPage() {
  const { t } = useTranslation('admin');
  return (
    <>
      <PageHeader title={t('org.title')} description={t('org.description')} />
      {/* Panels mount when opened, so each list loads only when looked at. */}
      <Tabs defaultValue="companies" keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map(({ value, icon: Icon }) => (
            <Tabs.Tab key={value} value={value} leftSection={<Icon size={16} />} data-testid={`org-tab-${value}`}>
              {t(`org.${value}.tab`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map(({ value, Panel }) => (
          <Tabs.Panel key={value} value={value}>
            <Panel />
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
