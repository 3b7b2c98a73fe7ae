import { ActionIcon, Tooltip } from '@mantine/core';
import { IconBan, IconCircleCheck, IconPencil } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface RowActionProps {
  label: string;
  icon: ReactNode;
  onClick: () => void;
  color?: string;
  testId: string;
}

/** An icon button in a list row, named for screen readers and explained by a tooltip. */
export function RowAction({ label, icon, onClick, color, testId }: RowActionProps) {
  return (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" color={color} aria-label={label} onClick={onClick} data-testid={testId}>
        {icon}
      </ActionIcon>
    </Tooltip>
  );
}

export function EditAction({ onClick, testId }: { onClick: () => void; testId: string }) {
  const { t } = useTranslation();
  return <RowAction label={t('actions.edit')} icon={<IconPencil size={18} />} onClick={onClick} testId={testId} />;
}

/** Deactivate an active record or activate an inactive one (records are never deleted). */
export function ActiveToggleAction({ active, onClick, testId }: { active: boolean; onClick: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <RowAction
      label={active ? t('actions.deactivate') : t('actions.activate')}
      icon={active ? <IconBan size={18} /> : <IconCircleCheck size={18} />}
      color={active ? 'red' : 'green'}
      onClick={onClick}
      testId={testId}
    />
  );
}
