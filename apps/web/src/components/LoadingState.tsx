import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function LoadingState() {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      <Loader aria-label={t('states.loading')} />
    </Center>
  );
}
