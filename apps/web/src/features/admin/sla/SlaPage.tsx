import { IconAlarm, IconBeach, IconCalendarTime, IconStairsUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { SearchTabs } from '../../../components/SearchTabs.tsx';
import { useMe } from '../../session/session.queries.ts';
import { CalendarsTab } from './CalendarsTab.tsx';
import { HolidaysTab } from './HolidaysTab.tsx';
import { PoliciesTab } from './PoliciesTab.tsx';
import { RulesTab } from './RulesTab.tsx';

/** Business calendars, days off, SLA targets and escalation rules (Administrators). */
export function SlaPage() {
  const { t } = useTranslation('sla');
  // SLA policies and escalation rules apply to every company: the organisation's Administrators keep them.
  const organisationWide = useMe().can.manageOrganisationSettings;
  const policies = { value: 'policies', label: t('page.tabs.policies'), icon: IconAlarm, Panel: PoliciesTab };
  const rules = { value: 'rules', label: t('page.tabs.rules'), icon: IconStairsUp, Panel: RulesTab };
  return (
    <>
      <PageHeader title={t('page.title')} description={t('page.description')} />
      <SearchTabs
        testId="sla"
        tabs={[
          ...(organisationWide ? [policies] : []),
          { value: 'calendars', label: t('page.tabs.calendars'), icon: IconCalendarTime, Panel: CalendarsTab },
          { value: 'holidays', label: t('page.tabs.holidays'), icon: IconBeach, Panel: HolidaysTab },
          ...(organisationWide ? [rules] : []),
        ]}
      />
    </>
  );
}
