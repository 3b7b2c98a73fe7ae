import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { type CatalogItem, type ItemAction, useItemChanges } from './catalog.queries.ts';
import { ReasonModal } from './ReasonModal.tsx';

/** Exactly the lifecycle actions the server allows on this item: edit, submit, publish, reject with a reason, retire. */
export function ItemActions({ item, showEdit = true }: { item: CatalogItem; showEdit?: boolean }) {
  const { t } = useTranslation('catalog');
  const { decide } = useItemChanges();
  const [dialog, setDialog] = useState<'reject' | 'retire' | null>(null);
  const can = (action: string) => item.allowedActions.includes(action);
  const run = (action: ItemAction, reason?: string) =>
    decide.mutate(
      { id: item.id, action, body: { version: item.version, reason } },
      {
        onSuccess: () => {
          setDialog(null);
          notifications.show({ color: 'green', message: t(`itemActions.done.${action}`) });
        },
      },
    );
  const close = () => {
    decide.reset();
    setDialog(null);
  };
  return (
    <>
      {!dialog && <ProblemAlert error={decide.error} />}
      <Group gap="xs">
        {showEdit && can('edit') && (
          <Button
            renderRoot={(props) => <Link {...props} to="/catalog/provide/$id" params={{ id: String(item.id) }} />}
            variant="default"
            data-testid="item-edit"
          >
            {t('itemActions.edit')}
          </Button>
        )}
        {can('submit') && (
          <Button onClick={() => run('submit')} loading={decide.isPending} data-testid="item-submit">
            {t('itemActions.submit')}
          </Button>
        )}
        {can('approve') && (
          <Button color="green" onClick={() => run('approve')} loading={decide.isPending} data-testid="item-approve">
            {t('itemActions.approve')}
          </Button>
        )}
        {can('reject') && (
          <Button color="red" variant="light" onClick={() => setDialog('reject')} data-testid="item-reject">
            {t('itemActions.reject')}
          </Button>
        )}
        {can('retire') && (
          <Button color="red" variant="subtle" onClick={() => setDialog('retire')} data-testid="item-retire">
            {t('itemActions.retire')}
          </Button>
        )}
      </Group>
      {dialog === 'reject' && (
        <ReasonModal
          title={t('itemActions.rejectTitle')}
          label={t('itemActions.reason')}
          submitLabel={t('itemActions.reject')}
          pending={decide.isPending}
          error={decide.error}
          onSubmit={(reason) => run('reject', reason)}
          onClose={close}
        />
      )}
      <ConfirmModal
        opened={dialog === 'retire'}
        onClose={close}
        onConfirm={() => run('retire')}
        title={t('itemActions.retireTitle')}
        message={t('itemActions.retireMessage')}
        confirmLabel={t('itemActions.retire')}
        pending={decide.isPending}
        error={decide.error}
      />
    </>
  );
}
