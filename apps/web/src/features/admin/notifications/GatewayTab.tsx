import {
  ActionIcon,
  Button,
  Card,
  Code,
  Group,
  Input,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { Trans, useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../../components/form-errors.ts';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { type Gateway, useGateway, useSaveGateway } from './notifications.queries.ts';

export function GatewayTab() {
  const gateway = useGateway();
  if (gateway.isPending) return <LoadingState />;
  if (gateway.error) return <ProblemAlert error={gateway.error} onRetry={() => void gateway.refetch()} />;
  // Keyed by version: after a save the form starts again from what the server holds.
  return <GatewayForm key={gateway.data.version} gateway={gateway.data} />;
}

/** The HTTP SMS/WhatsApp gateway most Indonesian providers offer: a URL, headers and a body with {phone} and {message}. */
function GatewayForm({ gateway }: { gateway: Gateway }) {
  const { t } = useTranslation(['sla', 'common']);
  const save = useSaveGateway();
  const form = useForm({
    name: 'sms-gateway',
    initialValues: {
      enabled: gateway.enabled,
      url: gateway.url,
      method: gateway.method,
      // Rows keep their order and may be blank while typed; blank names are dropped on save.
      headers: Object.entries(gateway.headers).map(([name, value]) => ({ name, value })),
      bodyTemplate: gateway.bodyTemplate,
    },
    validate: {
      url: (v, values) => (values.enabled && !v.trim() ? t('gateway.urlRequired') : null),
    },
  });
  const submit = form.onSubmit((values) =>
    save.mutate(
      {
        version: gateway.version,
        enabled: values.enabled,
        url: values.url.trim(),
        method: values.method,
        headers: Object.fromEntries(values.headers.filter((h) => h.name.trim()).map((h) => [h.name.trim(), h.value])),
        bodyTemplate: values.bodyTemplate,
      },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('gateway.saved') }),
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  const { headers, method } = form.values;

  return (
    <Card withBorder padding="lg" maw={880}>
      <form onSubmit={submit} noValidate data-testid="gateway-form">
        <Stack>
          <div>
            <Title order={3} size="h4">
              {t('gateway.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('gateway.description')}
            </Text>
          </div>
          <ProblemAlert error={save.error} fields={Object.keys(form.values)} />
          <Switch
            label={t('gateway.enabled')}
            description={t('gateway.enabledHint')}
            data-testid="gateway-enabled"
            {...form.getInputProps('enabled', { type: 'checkbox' })}
          />
          <Group gap="sm" align="flex-start" wrap="wrap">
            <Input.Wrapper label={t('gateway.method')}>
              <SegmentedControl
                display="flex"
                mt={4}
                data={['POST', 'GET']}
                data-testid="gateway-method"
                {...form.getInputProps('method')}
              />
            </Input.Wrapper>
            <TextInput
              label={t('gateway.url')}
              description={method === 'GET' ? t('gateway.urlGetHint') : undefined}
              placeholder="https://api.penyedia-sms.co.id/send"
              required={form.values.enabled}
              style={{ flex: '1 1 280px' }}
              data-testid="gateway-url"
              {...form.getInputProps('url')}
            />
          </Group>
          <Input.Wrapper label={t('gateway.headers')} description={t('gateway.headersHint')}>
            <Stack gap="xs" mt={6}>
              {headers.map((_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a header row has no identity but its position
                <Group key={i} gap={6} wrap="wrap">
                  <TextInput
                    aria-label={t('gateway.headerName')}
                    placeholder={t('gateway.headerName')}
                    style={{ flex: '1 1 140px' }}
                    data-testid="gateway-header-name"
                    {...form.getInputProps(`headers.${i}.name`)}
                  />
                  <TextInput
                    aria-label={t('gateway.headerValue')}
                    placeholder={t('gateway.headerValue')}
                    style={{ flex: '2 1 180px' }}
                    data-testid="gateway-header-value"
                    {...form.getInputProps(`headers.${i}.value`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('gateway.removeHeader')}
                    onClick={() => form.removeListItem('headers', i)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              <Button
                variant="subtle"
                size="compact-sm"
                leftSection={<IconPlus size={14} />}
                style={{ alignSelf: 'flex-start' }}
                onClick={() => form.insertListItem('headers', { name: '', value: '' })}
                data-testid="gateway-header-add"
              >
                {t('gateway.addHeader')}
              </Button>
            </Stack>
          </Input.Wrapper>
          {method === 'POST' && (
            <Textarea
              label={t('gateway.body')}
              description={
                <Trans
                  t={t}
                  i18nKey="gateway.bodyHint"
                  components={{ code: <Code /> }}
                  values={{ phone: '{phone}', message: '{message}' }}
                />
              }
              autosize
              minRows={3}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              data-testid="gateway-body"
              {...form.getInputProps('bodyTemplate')}
            />
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} data-testid="gateway-save">
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
