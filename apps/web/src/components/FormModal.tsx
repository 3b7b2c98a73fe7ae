import { Button, Group, Modal, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './ProblemAlert.tsx';

interface FormModalProps {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  submitting: boolean;
  /** The last failed submission; its field errors not shown by an input are listed above the form. */
  error: unknown;
  fields: readonly string[];
  submitLabel?: string;
  children: ReactNode;
}

/** A dialog holding one form: server problem on top, inputs, then Cancel / Save. Full screen on phones. */
export function FormModal({ opened, onClose, title, onSubmit, submitting, error, fields, submitLabel, children }: FormModalProps) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal opened={opened} onClose={onClose} title={title} fullScreen={phone} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <ProblemAlert error={error} fields={fields} />
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={submitting} data-testid="form-submit">
              {submitLabel ?? t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
