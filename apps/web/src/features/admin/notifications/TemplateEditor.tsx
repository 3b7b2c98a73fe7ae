import { Badge, Button, Card, Group, Input, SimpleGrid, Skeleton, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconRestore } from '@tabler/icons-react';
import { type FocusEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ConfirmModal.tsx';
import { applyServerErrors } from '../../../components/form-errors.ts';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { type Template, useSaveTemplate, useTemplatePreview } from './notifications.queries.ts';

type Field = 'subject' | 'body';

export function TemplateEditor({ template, variables }: { template: Template; variables: string[] }) {
  const { t } = useTranslation(['sla', 'common']);
  const key = { event: template.event, locale: template.locale, channel: template.channel };
  const save = useSaveTemplate();
  const [restoring, setRestoring] = useState(false);
  const form = useForm({
    name: 'template',
    initialValues: { subject: template.subject, body: template.body },
    validate: { body: (v) => (v.trim() ? null : t('common:validation.required')) },
  });
  // The preview follows the text being typed, a moment after the last key.
  const [subject] = useDebouncedValue(form.values.subject, 400);
  const [body] = useDebouncedValue(form.values.body, 400);
  const preview = useTemplatePreview(key, { subject, body });
  const inputs = { subject: useRef<HTMLInputElement>(null), body: useRef<HTMLTextAreaElement>(null) };
  const lastField = useRef<Field>('body');
  // An SMS may also quote the email subject: the server fills {subject} in SMS texts.
  const shown = template.channel === 'sms' ? [...variables, 'subject'] : variables;

  /** The input's form props, remembering it as the place variables go. */
  const field = (name: Field) => {
    const props = form.getInputProps(name);
    return {
      ...props,
      onFocus: (event: FocusEvent) => {
        lastField.current = name;
        props.onFocus?.(event);
      },
    };
  };

  /** Puts `{name}` where the cursor was in the subject or body last edited. */
  const insert = (name: string) => {
    const field = lastField.current;
    const input = inputs[field].current;
    const value = form.getValues()[field];
    const start = input?.selectionStart ?? value.length;
    const end = input?.selectionEnd ?? value.length;
    const token = `{${name}}`;
    form.setFieldValue(field, value.slice(0, start) + token + value.slice(end));
    requestAnimationFrame(() => {
      input?.focus();
      input?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const put = (values: { subject: string; body: string }, message: string) =>
    save.mutate(
      { ...key, ...values, version: template.version },
      {
        onSuccess: () => {
          setRestoring(false);
          notifications.show({ color: 'green', message });
        },
        onError: (error) => applyServerErrors(form, error),
      },
    );
  const submit = form.onSubmit((values) => put(values, t('templates.saved')));

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Card withBorder padding="lg">
        <form onSubmit={submit} noValidate data-testid="template-form">
          <Stack>
            <Group justify="space-between" gap="xs">
              <Title order={3} size="h5">
                {t('templates.editTitle')}
              </Title>
              <Badge variant="light" color={template.custom ? 'blue' : 'gray'} data-testid="template-custom">
                {template.custom ? t('templates.custom') : t('templates.default')}
              </Badge>
            </Group>
            <ProblemAlert error={save.error} fields={['subject', 'body']} />
            <TextInput
              ref={inputs.subject}
              label={t('templates.subject')}
              description={template.channel === 'sms' ? t('templates.smsSubjectHint') : undefined}
              data-testid="template-subject"
              {...field('subject')}
            />
            <Textarea
              ref={inputs.body}
              label={template.channel === 'sms' ? t('templates.smsBody') : t('templates.body')}
              required
              autosize
              minRows={template.channel === 'sms' ? 3 : 8}
              data-testid="template-body"
              {...field('body')}
            />
            <Input.Wrapper label={t('templates.variables')} description={t('templates.variablesHint')}>
              <Group gap={6} mt={6}>
                {shown.map((name) => (
                  <Button
                    key={name}
                    size="compact-xs"
                    variant="light"
                    ff="monospace"
                    tt="none"
                    onClick={() => insert(name)}
                    data-testid={`template-var-${name}`}
                  >
                    {`{${name}}`}
                  </Button>
                ))}
              </Group>
            </Input.Wrapper>
            <Group justify="flex-end" gap="xs">
              {template.custom && (
                <Button
                  variant="default"
                  leftSection={<IconRestore size={16} />}
                  onClick={() => setRestoring(true)}
                  data-testid="template-restore"
                >
                  {t('templates.restore')}
                </Button>
              )}
              <Button type="submit" loading={save.isPending && !restoring} data-testid="template-save">
                {t('common:actions.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      <Card withBorder padding="lg" data-testid="template-preview">
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('templates.preview')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('templates.previewHint')}
          </Text>
          {preview.error ? (
            <ProblemAlert error={preview.error} onRetry={() => void preview.refetch()} />
          ) : !preview.data ? (
            <Skeleton height={120} />
          ) : (
            <Stack gap="xs">
              {template.channel === 'email' && (
                <Text fw={600} data-testid="template-preview-subject" style={{ overflowWrap: 'anywhere' }}>
                  {preview.data.subject}
                </Text>
              )}
              <Text size="sm" data-testid="template-preview-body" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {preview.data.body}
              </Text>
            </Stack>
          )}
        </Stack>
      </Card>
      <ConfirmModal
        opened={restoring}
        onClose={() => setRestoring(false)}
        onConfirm={() => put({ subject: '', body: '' }, t('templates.restored'))}
        title={t('templates.restore')}
        message={t('templates.restoreMessage')}
        confirmLabel={t('templates.restore')}
        pending={save.isPending}
        error={save.error}
      />
    </SimpleGrid>
  );
}
