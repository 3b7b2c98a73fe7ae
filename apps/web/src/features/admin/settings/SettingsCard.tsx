import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';

interface SettingsCardProps {
  title: string;
  description: string;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  saving: boolean;
  error: unknown;
  fields: readonly string[];
  testId: string;
  /** Extra buttons left of Save (e.g. "send a test email"). */
  extraActions?: ReactNode;
  children: ReactNode;
}

/** One settings group saved on its own (its own version), so editing SMTP never clobbers identity. */
export function SettingsCard({ title, description, onSubmit, saving, error, fields, testId, extraActions, children }: SettingsCardProps) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg">
      <form onSubmit={onSubmit} noValidate data-testid={testId}>
        <Stack>
          <div>
            <Title order={3} size="h4">
              {title}
            </Title>
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          </div>
          <ProblemAlert error={error} fields={fields} />
          {children}
          <Group justify="flex-end" gap="xs">
            {extraActions}
            <Button type="submit" loading={saving} data-testid={`${testId}-save`}>
              {t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
