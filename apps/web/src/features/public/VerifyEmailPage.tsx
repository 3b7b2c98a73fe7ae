import { Alert, Loader, Stack } from '@mantine/core';
import { useSearch } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useVerifyEmail } from './public.queries.ts';

/** A contact confirms their email from the link we sent; later notices may reach it. */
export function VerifyEmailPage() {
  const { t } = useTranslation('channels');
  const { token } = useSearch({ strict: false }) as { token?: string };
  const verify = useVerifyEmail();
  const sent = useRef(false);
  useEffect(() => {
    if (token && !sent.current) {
      sent.current = true;
      verify.mutate(token);
    }
  }, [token, verify]);
  if (!token || verify.isError)
    return (
      <Alert color="orange" title={t('verify.invalidTitle')} data-testid="verify-invalid">
        {t('verify.invalid')}
      </Alert>
    );
  if (!verify.data)
    return (
      <Stack align="center" py="xl">
        <Loader />
      </Stack>
    );
  return (
    <Alert color="teal" title={t('verify.doneTitle')} data-testid="verify-done">
      {t('verify.done', { email: verify.data.email ?? '' })}
    </Alert>
  );
}
