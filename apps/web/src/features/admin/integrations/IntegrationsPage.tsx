import { Alert, Button, Code, CopyButton, Group, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useMe } from '../../session/session.queries.ts';
import { ServiceTokensTab } from './ServiceTokensTab.tsx';
import { SsoTab } from './SsoTab.tsx';
import { WebhooksTab } from './WebhooksTab.tsx';

/** Webhooks (Administrators and Division Admins), service tokens and single sign-on (Administrators). */
export function IntegrationsPage() {
  const { t } = useTranslation('integrations');
  const me = useMe();
  const admin = me.can.manageSettings;
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Tabs defaultValue={me.can.manageWebhooks ? 'webhooks' : 'tokens'} keepMounted={false}>
        <Tabs.List mb="md">
          {me.can.manageWebhooks && <Tabs.Tab value="webhooks">{t('tabs.webhooks')}</Tabs.Tab>}
          {admin && (
            <Tabs.Tab value="tokens" data-testid="tab-service-tokens">
              {t('tabs.tokens')}
            </Tabs.Tab>
          )}
          {admin && (
            <Tabs.Tab value="sso" data-testid="tab-sso">
              {t('tabs.sso')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="webhooks">
          <WebhooksTab />
        </Tabs.Panel>
        <Tabs.Panel value="tokens">
          <ServiceTokensTab />
        </Tabs.Panel>
        <Tabs.Panel value="sso">
          <SsoTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

/** A secret shown once, with a copy button. */
export function ShownOnce({ title, secret, testId }: { title: string; secret: string; testId: string }) {
  const { t } = useTranslation('integrations');
  return (
    <Alert color="green" title={title}>
      <Group gap="xs" wrap="nowrap">
        <Code style={{ overflowWrap: 'anywhere' }} data-testid={testId}>
          {secret}
        </Code>
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" onClick={copy}>
              {copied ? t('copied') : t('copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="xs" mt={4}>
        {t('shownOnce')}
      </Text>
    </Alert>
  );
}
