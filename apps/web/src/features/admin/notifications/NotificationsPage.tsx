import { IconList, IconMail, IconMessage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { SearchTabs } from '../../../components/SearchTabs.tsx';
import { DeliveriesTab } from './DeliveriesTab.tsx';
import { GatewayTab } from './GatewayTab.tsx';
import { TemplatesTab } from './TemplatesTab.tsx';

/** Notification texts, the SMS/WhatsApp gateway and the delivery log (Administrators). */
export function NotificationsPage() {
  const { t } = useTranslation('sla');
  return (
    <>
      <PageHeader title={t('notifications.title')} description={t('notifications.description')} />
      <SearchTabs
        testId="notifications"
        tabs={[
          { value: 'templates', label: t('notifications.tabs.templates'), icon: IconMail, Panel: TemplatesTab },
          { value: 'gateway', label: t('notifications.tabs.gateway'), icon: IconMessage, Panel: GatewayTab },
          { value: 'deliveries', label: t('notifications.tabs.deliveries'), icon: IconList, Panel: DeliveriesTab },
        ]}
      />
    </>
  );
}
