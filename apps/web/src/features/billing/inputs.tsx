import { NumberInput, type NumberInputProps, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useBillingFormat } from './billing-format.ts';

/** Whole Rupiah typed the way the reader writes numbers (1.250.000 or 1,250,000). */
export function RupiahInput(
  props: Omit<NumberInputProps, 'prefix' | 'thousandSeparator' | 'decimalSeparator' | 'allowDecimal' | 'allowNegative'>,
) {
  const { locale } = useBillingFormat();
  return (
    <NumberInput
      prefix="Rp "
      thousandSeparator={locale === 'id' ? '.' : ','}
      decimalSeparator={locale === 'id' ? ',' : '.'}
      allowDecimal={false}
      allowNegative={false}
      min={1}
      {...props}
    />
  );
}

/** A reason the step cannot go without; its "required" shows once a send was tried. */
export function ReasonInput({
  label,
  value,
  onChange,
  tried,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  tried: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Textarea
      label={label}
      required
      autosize
      minRows={3}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={tried && !value.trim() ? t('validation.required') : undefined}
      data-testid={testId}
    />
  );
}
