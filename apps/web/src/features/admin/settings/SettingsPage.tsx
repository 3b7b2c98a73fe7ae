import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { CompanyIdentityCard } from './CompanyIdentityCard.tsx';
import { IdentityCard } from './IdentityCard.tsx';
import { RegionalCard } from './RegionalCard.tsx';
import { SmtpCard } from './SmtpCard.tsx';
import { useSettings } from './settings.queries.ts';

export function SettingsPage() {
  const { t } = useTranslation('admin');
  const settings = useSettings();
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      {settings.isPending ? (
        <LoadingState />
      ) : settings.error ? (
        <ProblemAlert error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        // Keyed by version: after a save each form starts again from what the server holds.
        <Stack maw={880}>
          <IdentityCard key={`identity-${settings.data.identity.version}`} identity={settings.data.identity} />
          <CompanyIdentityCard organisation={settings.data.identity} />
          <RegionalCard key={`regional-${settings.data.regional.version}`} regional={settings.data.regional} />
          <SmtpCard key={`smtp-${settings.data.smtp.version}`} smtp={settings.data.smtp} />
        </Stack>
      )}
    </>
  );
}
