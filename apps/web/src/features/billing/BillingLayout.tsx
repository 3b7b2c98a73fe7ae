import { useTranslation } from 'react-i18next';
import { SectionTabs } from '../../components/SectionTabs.tsx';
import { useMe } from '../session/session.queries.ts';
import { billingSections } from './billing-sections.ts';

/** Billing's tabs (only those the user may use) above the open screen. */
export function BillingLayout() {
  const { t } = useTranslation('billing');
  const sections = billingSections(useMe()).map((s) => ({ ...s, label: t(`tabs.${s.code}`) }));
  return <SectionTabs title={t('page.title')} description={t('page.description')} sections={sections} testId="billing" />;
}
