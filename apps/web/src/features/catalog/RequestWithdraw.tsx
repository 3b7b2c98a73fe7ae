import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ServiceRequest, useRequestChanges } from './catalog.queries.ts';
import { ReasonModal } from './ReasonModal.tsx';

/** The requester takes back a request still waiting for approval (the server offers it through `canWithdraw`). */
export function RequestWithdraw({ request, routeKey }: { request: ServiceRequest; routeKey: string }) {
  const { t } = useTranslation('catalog');
  const { withdraw } = useRequestChanges(routeKey);
  const [open, setOpen] = useState(false);
  if (!request.canWithdraw) return null;
  return (
    <>
      <Button variant="light" color="red" onClick={() => setOpen(true)} data-testid="request-withdraw">
        {t('request.withdraw')}
      </Button>
      {open && (
        <ReasonModal
          title={t('request.withdrawTitle', { number: request.number })}
          label={t('request.withdrawReason')}
          submitLabel={t('request.withdraw')}
          optional
          pending={withdraw.isPending}
          error={withdraw.error}
          onClose={() => setOpen(false)}
          onSubmit={(reason) =>
            withdraw.mutate(
              { id: request.id, body: { version: request.version, reason: reason || undefined } },
              {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: t('request.withdrawn') });
                  setOpen(false);
                },
              },
            )
          }
        />
      )}
    </>
  );
}
