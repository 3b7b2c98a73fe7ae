import { useTranslation } from 'react-i18next';
import { SectionTabs } from '../../components/SectionTabs.tsx';
import { useMe } from '../session/session.queries.ts';
import { catalogSections } from './catalog-sections.ts';

/** The catalog's tabs (only those the user may use) above the open screen; detail pages keep their list's tab lit. */
export function CatalogLayout() {
  const { t } = useTranslation('catalog');
  const sections = catalogSections(useMe()).map((s) => ({ ...s, label: t(`tabs.${s.code}`) }));
  return <SectionTabs title={t('page.title')} description={t('page.description')} sections={sections} testId="catalog" />;
}
