import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useMe } from '../../session/session.queries.ts';
import { ImportCard } from './ImportCard.tsx';

export function ImportPage() {
  const { t } = useTranslation('admin');
  const me = useMe();
  return (
    <>
      <PageHeader title={t('import.title')} description={t('import.description')} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        {me.can.manageOrganisation && <ImportCard kind="units" />}
        {me.can.manageUsers && <ImportCard kind="users" />}
      </SimpleGrid>
    </>
  );
}
