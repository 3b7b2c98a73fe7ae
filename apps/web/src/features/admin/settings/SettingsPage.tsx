import { Alert, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useMe } from '../../session/session.queries.ts';
import { CompanyIdentityCard } from './CompanyIdentityCard.tsx';
import { IdentityCard } from './IdentityCard.tsx';
import { RegionalCard } from './RegionalCard.tsx';
import { SmtpCard } from './SmtpCard.tsx';
import { useSettings } from './settings.queries.ts';

export function SettingsPage() {
  const { t } = useTranslation('admin');
  // A company's Administrator edits their company's identity; what belongs to no company is the organisation's.
  const organisationWide = useMe().can.manageOrganisationSettings;
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      {organisationWide ? (
        <OrganisationSettings />
      ) : (
        <Stack maw={880}>
          <Alert color="gray" data-testid="settings-organisation-only">
            {t('settings.organisationOnly')}
          </Alert>
          <CompanyIdentityCard />
        </Stack>
      )}
    </>
  );
}

function OrganisationSettings() {
  const settings = useSettings();
  if (settings.isPending) return <LoadingState />;
  if (settings.error) return <ProblemAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  return (
    // Keyed by version: after a save each form starts again from what the server holds.
    <Stack maw={880}>
      <IdentityCard key={`identity-${settings.data.identity.version}`} identity={settings.data.identity} />
      <CompanyIdentityCard />
      <RegionalCard key={`regional-${settings.data.regional.version}`} regional={settings.data.regional} />
      <SmtpCard key={`smtp-${settings.data.smtp.version}`} smtp={settings.data.smtp} />
    </Stack>
  );
}
