import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from './ConfirmModal.tsx';

interface ToggleActiveModalProps {
  item: { active: boolean };
  message: string;
  /** Saves the opposite of `item.active`. */
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}

/** Asks before (de)activating master data; records are never deleted, and a refusal (e.g. in use) is shown here. */
export function ToggleActiveModal({ item, message, onConfirm, onClose }: ToggleActiveModalProps) {
  const { t } = useTranslation();
  const toggle = useMutation({ mutationFn: onConfirm, onSuccess: onClose });
  const label = item.active ? t('actions.deactivate') : t('actions.activate');
  return (
    <ConfirmModal
      opened
      onClose={onClose}
      onConfirm={() => toggle.mutate()}
      title={label}
      message={message}
      confirmLabel={label}
      color={item.active ? 'red' : 'green'}
      pending={toggle.isPending}
      error={toggle.error}
    />
  );
}
