import { Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal.tsx';

interface ReasonModalProps {
  title: string;
  label: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (reason: string) => void;
  onClose: () => void;
  /** An approval's comment is optional; rejections and corrections need a reason. */
  optional?: boolean;
}

/** Asks for the reason a rejection or correction needs (refused empty before it is sent), or an optional comment. */
export function ReasonModal({ title, label, submitLabel, pending, error, onSubmit, onClose, optional = false }: ReasonModalProps) {
  const { t } = useTranslation('common');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <FormModal
      opened
      onClose={onClose}
      title={title}
      submitLabel={submitLabel}
      submitting={pending}
      error={error}
      fields={['reason', 'comment']}
      onSubmit={(event) => {
        event?.preventDefault();
        if (!optional && !reason.trim()) return setMissing(true);
        onSubmit(reason.trim());
      }}
    >
      <Textarea
        label={label}
        required={!optional}
        autosize
        minRows={3}
        data-autofocus
        value={reason}
        error={missing && !reason.trim() ? t('validation.required') : undefined}
        onChange={(e) => setReason(e.currentTarget.value)}
        data-testid="reason"
      />
    </FormModal>
  );
}
