import { Button, Center, EmptyState } from '@mantine/core';
import { IconMapPinQuestion } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Center mih="60vh" p="md">
      <EmptyState
        icon={<IconMapPinQuestion size={28} />}
        withIndicatorBackground
        title={t('notFound.title')}
        description={t('notFound.description')}
      >
        <EmptyState.Actions>
          <Button component={Link} to="/">
            {t('actions.backHome')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}
