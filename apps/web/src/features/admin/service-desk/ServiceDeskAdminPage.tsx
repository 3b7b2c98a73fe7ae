import { IconAdjustments, IconCategory, IconGridDots, IconServer, IconTag } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { SearchTabs } from '../../../components/SearchTabs.tsx';
import { CategoriesTab } from './CategoriesTab.tsx';
import { PriorityMatrixTab } from './PriorityMatrixTab.tsx';
import { ServicesTab } from './ServicesTab.tsx';
import { SettingsTab } from './SettingsTab.tsx';
import { StatusLabelsTab } from './StatusLabelsTab.tsx';

/** Service-desk reference data: categories, business services, priority matrix, status names and settings. */
export function ServiceDeskAdminPage() {
  const { t } = useTranslation('tickets');
  return (
    <>
      <PageHeader title={t('admin.title')} description={t('admin.description')} />
      <SearchTabs
        testId="sd-admin"
        tabs={[
          { value: 'categories', label: t('admin.categories.tab'), icon: IconCategory, Panel: CategoriesTab },
          { value: 'services', label: t('admin.services.tab'), icon: IconServer, Panel: ServicesTab },
          { value: 'matrix', label: t('admin.matrix.tab'), icon: IconGridDots, Panel: PriorityMatrixTab },
          { value: 'labels', label: t('admin.labels.tab'), icon: IconTag, Panel: StatusLabelsTab },
          { value: 'settings', label: t('admin.settings.tab'), icon: IconAdjustments, Panel: SettingsTab },
        ]}
      />
    </>
  );
}
