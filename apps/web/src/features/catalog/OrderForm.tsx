import { amountOf, toHundredths } from '@ish/shared';
import { Alert, Button, Card, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { OrderBudget } from '../billing/OrderBudget.tsx';
import type { Person } from '../tickets/people.queries.ts';
import { type CatalogItem, type FileAnswer, type ItemVersion, useOrder } from './catalog.queries.ts';
import { useCatalogFormat } from './catalog-format.ts';
import { formOf, isEmptyAnswer } from './form-fields.ts';
import { OrderFieldInput } from './OrderFieldInput.tsx';

/** The cost of a quantity in whole Rupiah, as the server will compute it; null while the quantity is not valid. */
function estimateOf(rate: number, quantity: number | string): number | null {
  if (typeof quantity !== 'number' || quantity <= 0) return null;
  try {
    return Number(amountOf(BigInt(rate), BigInt(toHundredths(quantity))));
  } catch {
    return null;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Orders the published version: quantity or estimated hours, then the item's own fields; opens the new request. */
export function OrderForm({ item, version }: { item: CatalogItem; version: ItemVersion }) {
  const { t } = useTranslation(['catalog', 'common']);
  const format = useCatalogFormat();
  const navigate = useNavigate();
  const order = useOrder();
  const fields = formOf(version.form);
  const fixed = version.costModel === 'fixed';
  const [quantity, setQuantity] = useState<number | string>(1);
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Questions whose file is still uploading: the order waits for them rather than sending them empty.
  const [uploading, setUploading] = useState<ReadonlySet<string>>(new Set());
  const estimate = fixed ? version.rate : estimateOf(version.rate, quantity);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const missing = Object.fromEntries(
      fields.filter((f) => f.required && isEmptyAnswer(answers[f.key])).map((f) => [f.key, t('common:validation.required')]),
    );
    if (!fixed && estimate === null) missing.quantity = t('order.quantityInvalid');
    setErrors(missing);
    if (Object.keys(missing).length) return;
    // People are chosen as records and sent by id; uploaded files are named by their file id.
    const sent = Object.fromEntries(
      Object.entries(answers)
        .filter(([, v]) => !isEmptyAnswer(v))
        .map(([k, v]) => [
          k,
          isRecord(v) ? ('fileId' in v ? { fileId: (v as unknown as FileAnswer).fileId } : (v as unknown as Person).id) : v,
        ]),
    );
    order.mutate(
      { itemId: item.id, quantity: fixed ? 1 : Number(quantity), answers: sent },
      {
        onSuccess: (request) => void navigate({ to: '/catalog/requests/$number', params: { number: request.number } }),
        onError: (error) => {
          if (error instanceof ApiError)
            setErrors(Object.fromEntries(error.errors.map((e) => [e.path.replace(/^answers\./, ''), e.message])));
        },
      },
    );
  };

  const unit = version.unitLabel ?? t(`cost.unit.${version.costModel === 'per_hour' ? 'hour' : 'unit'}`);
  return (
    <Card withBorder padding="lg" component="form" onSubmit={submit} noValidate data-testid="order-form">
      <Stack>
        <Title order={3} size="h4">
          {t('order.title')}
        </Title>
        <ProblemAlert error={order.error} fields={['quantity', 'answers']} />
        {!fixed && (
          <NumberInput
            label={version.costModel === 'per_hour' ? t('order.hours') : t('order.quantity', { unit })}
            description={version.costModel === 'per_hour' ? t('order.hoursHelp') : undefined}
            required
            min={0.01}
            step={version.costModel === 'per_hour' ? 0.5 : 1}
            decimalScale={2}
            decimalSeparator={t('order.decimalSeparator')}
            value={quantity}
            onChange={setQuantity}
            error={errors.quantity}
            data-testid="order-quantity"
            maw={260}
          />
        )}
        {fields.map((field) => (
          <OrderFieldInput
            key={field.key}
            field={field}
            value={answers[field.key]}
            error={errors[field.key]}
            onChange={(value) => {
              setAnswers((a) => ({ ...a, [field.key]: value }));
              // An answer given clears its "required" or server error; the rest wait for the next send.
              setErrors(({ [field.key]: _answered, ...rest }) => rest);
            }}
            onUploading={(busy) =>
              setUploading((keys) => {
                const next = new Set(keys);
                if (busy) next.add(field.key);
                else next.delete(field.key);
                return next;
              })
            }
          />
        ))}
        <Alert variant="light" color={version.alwaysApproval ? 'orange' : 'blue'}>
          <Text size="sm">
            {t('order.estimate')}:{' '}
            <Text span fw={700} data-testid="order-estimate">
              {estimate === null ? '—' : format.money(estimate)}
            </Text>
          </Text>
          {version.alwaysApproval && <Text size="sm">{t('item.alwaysApproval')}</Text>}
          <OrderBudget estimate={estimate} />
          <Text size="xs" c="dimmed">
            {t('order.estimateHelp')}
          </Text>
        </Alert>
        <Group justify="flex-end">
          <Button type="submit" loading={order.isPending} disabled={uploading.size > 0} data-testid="order-submit">
            {t('order.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
