import { Button, EmptyState, Paper } from '@mantine/core';
import { IconTools } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import type { ModuleCode } from '../session/session.queries.ts';

/** A module whose screens are still being built: says so plainly, no sample data. */
export function ModulePreparingPage({ module }: { module: ModuleCode }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`modules.${module}.title`)} description={t(`modules.${module}.description`)} />
      <Paper withBorder p="xl" data-testid="module-preparing">
        <EmptyState
          icon={<IconTools size={28} />}
          variant="light"
          title={t('preparing.title')}
          description={t('preparing.description', { module: t(`modules.${module}.title`) })}
        >
          <EmptyState.Actions>
            <Button component={Link} to="/" variant="light">
              {t('actions.backHome')}
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </Paper>
    </>
  );
}
