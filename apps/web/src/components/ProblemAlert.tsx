import { Alert, Button, List, Stack } from '@mantine/core';
import { IconAlertCircle, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api-client.ts';

interface ProblemAlertProps {
  error: unknown;
  /** Form fields that show their own server errors; the rest are listed here. */
  fields?: readonly string[];
  onRetry?: () => void;
}

/** The server's translated problem `detail`, field errors no input shows, and the way out (retry, reload). */
export function ProblemAlert({ error, fields = [], onRetry }: ProblemAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = error instanceof ApiError ? error : null;
  const locked = problem?.status === 429;
  const conflict = problem?.code === 'VERSION_CONFLICT';
  const unshown = problem?.errors.filter((e) => !fields.includes(e.path.split('.')[0] ?? '')) ?? [];
  return (
    <Alert
      color={locked ? 'orange' : 'red'}
      icon={locked ? <IconLock size={18} /> : <IconAlertCircle size={18} />}
      title={locked ? t('errors.lockedTitle') : conflict ? t('errors.conflictTitle') : t('errors.title')}
      role="alert"
      data-testid="problem"
    >
      <Stack gap="xs" align="flex-start">
        <div>{problem?.detail ?? t('errors.unexpected')}</div>
        {unshown.length > 0 && (
          <List size="sm">
            {unshown.map((e) => (
              <List.Item key={`${e.path}:${e.message}`}>{e.path ? `${e.path}: ${e.message}` : e.message}</List.Item>
            ))}
          </List>
        )}
        {conflict && (
          <Button size="xs" variant="light" color="red" onClick={() => window.location.reload()}>
            {t('actions.reload')}
          </Button>
        )}
        {onRetry && !conflict && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('actions.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
