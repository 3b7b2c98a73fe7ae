import { Group, Input, SegmentedControl, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { type TemplateKey, useTemplates } from './notifications.queries.ts';
import { TemplateEditor } from './TemplateEditor.tsx';

/** Pick an event, a language and a channel, then edit that one text next to its preview. */
export function TemplatesTab() {
  const { t, i18n } = useTranslation(['sla', 'notifications']);
  const templates = useTemplates();
  const [key, setKey] = useState<TemplateKey>({
    event: 'ticket_created',
    locale: i18n.language === 'en' ? 'en' : 'id',
    channel: 'email',
  });
  if (templates.isPending) return <LoadingState />;
  if (templates.error) return <ProblemAlert error={templates.error} onRetry={() => void templates.refetch()} />;

  const events = [...new Set(templates.data.items.map((item) => item.event))];
  const template = templates.data.items.find((i) => i.event === key.event && i.locale === key.locale && i.channel === key.channel);
  return (
    <Stack>
      <Group gap="sm" align="flex-end">
        <Select
          label={t('templates.event')}
          data={events.map((event) => ({ value: event, label: t(`templates.events.${event}`) }))}
          value={key.event}
          onChange={(event) => event && setKey({ ...key, event: event as TemplateKey['event'] })}
          allowDeselect={false}
          style={{ flex: '1 1 240px' }}
          data-testid="template-event"
        />
        <Input.Wrapper label={t('templates.language')}>
          <SegmentedControl
            display="flex"
            data={[
              { value: 'id', label: 'Bahasa Indonesia' },
              { value: 'en', label: 'English' },
            ]}
            value={key.locale}
            onChange={(locale) => setKey({ ...key, locale: locale as TemplateKey['locale'] })}
            data-testid="template-locale"
          />
        </Input.Wrapper>
        <Input.Wrapper label={t('templates.channel')}>
          <SegmentedControl
            display="flex"
            data={[
              { value: 'email', label: t('notifications:channel.email') },
              { value: 'sms', label: t('notifications:channel.sms') },
            ]}
            value={key.channel}
            onChange={(channel) => setKey({ ...key, channel: channel as TemplateKey['channel'] })}
            data-testid="template-channel"
          />
        </Input.Wrapper>
      </Group>
      {template && (
        // Keyed by version: after a save the form starts again from what the server holds.
        <TemplateEditor
          key={`${key.event}/${key.locale}/${key.channel}/${template.version}`}
          template={template}
          variables={templates.data.variables}
        />
      )}
    </Stack>
  );
}
