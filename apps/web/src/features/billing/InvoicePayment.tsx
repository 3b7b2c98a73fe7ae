import { Alert, Anchor, Button, Card, FileInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconPaperclip } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Fact } from '../../components/Fact.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormat } from '../session/use-format.ts';
import { type Invoice, useInvoiceChanges } from './billing.queries.ts';
import { useBillingFormat } from './billing-format.ts';

/** The payment as confirmed (both sides see it and its proof), or the payer's way to confirm it. */
export function InvoicePayment({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation('billing');
  const format = useBillingFormat();
  const { dateTime } = useFormat();
  const [paying, setPaying] = useState(false);
  const payment = invoice.payment;
  return (
    <Card withBorder padding="md" data-testid="payment">
      <Stack gap="sm">
        <Title order={4} size="h5">
          {t('payment.title')}
        </Title>
        {payment ? (
          <>
            <Fact label={t('payment.reference')}>
              <span data-testid="payment-reference">{payment.reference}</span>
            </Fact>
            <Fact label={t('payment.paidOn')}>{format.day(payment.paidOn)}</Fact>
            <Fact label={t('payment.amount')}>{format.money(payment.amount)}</Fact>
            <Fact label={t('payment.confirmedBy')}>
              {payment.confirmedBy?.name ?? '—'}
              <Text size="xs" c="dimmed">
                {dateTime(payment.confirmedAt)}
              </Text>
            </Fact>
            <Fact label={t('payment.proof')}>
              {payment.proof ? (
                <Anchor href={payment.proof.url} data-testid="payment-proof">
                  {payment.proof.name}
                </Anchor>
              ) : (
                t('payment.noProof')
              )}
            </Fact>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('payment.none')}
          </Text>
        )}
        {invoice.status === 'disputed' && invoice.view === 'full' && !payment && (
          <Alert variant="light" color="orange">
            {t('payment.blocked')}
          </Alert>
        )}
        {invoice.actions.includes('pay') && (
          <Button onClick={() => setPaying(true)} data-testid="payment-open">
            {t('invoice.pay')}
          </Button>
        )}
      </Stack>
      {paying && <PayModal invoice={invoice} onClose={() => setPaying(false)} />}
    </Card>
  );
}

function PayModal({ invoice, onClose }: { invoice: Invoice; onClose: () => void }) {
  const { t } = useTranslation(['billing', 'common']);
  const { pay } = useInvoiceChanges(invoice.id);
  const [reference, setReference] = useState('');
  const [paidOn, setPaidOn] = useState<string | null>(dayjs().format('YYYY-MM-DD'));
  const [proof, setProof] = useState<File | null>(null);
  const [tried, setTried] = useState(false);
  const fieldError = (path: string) =>
    pay.error && 'errors' in pay.error
      ? (pay.error as { errors: { path: string; message: string }[] }).errors.find((e) => e.path === path)?.message
      : undefined;
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('invoice.pay')}
      submitLabel={t('payment.submit')}
      submitting={pay.isPending}
      error={pay.error}
      fields={['reference', 'paidOn', 'proof']}
      onSubmit={(event) => {
        event?.preventDefault();
        setTried(true);
        if (!reference.trim() || !paidOn) return;
        pay.mutate(
          { reference: reference.trim(), paidOn, proof, version: invoice.version },
          {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('payment.done') });
              onClose();
            },
          },
        );
      }}
    >
      <TextInput
        label={t('payment.reference')}
        required
        data-autofocus
        value={reference}
        onChange={(e) => setReference(e.currentTarget.value)}
        error={tried && !reference.trim() ? t('common:validation.required') : fieldError('reference')}
        data-testid="payment-reference-input"
      />
      <DateInput
        label={t('payment.paidOn')}
        required
        valueFormat="D MMMM YYYY"
        maxDate={dayjs().format('YYYY-MM-DD')}
        value={paidOn}
        onChange={setPaidOn}
        error={tried && !paidOn ? t('common:validation.required') : fieldError('paidOn')}
        data-testid="payment-date"
      />
      <FileInput
        label={t('payment.proof')}
        description={t('payment.proofHelp')}
        accept="application/pdf,image/png,image/jpeg,image/webp,image/gif"
        clearable
        value={proof}
        onChange={setProof}
        leftSection={<IconPaperclip size={16} />}
        error={fieldError('proof')}
        data-testid="payment-proof-input"
      />
    </FormModal>
  );
}
