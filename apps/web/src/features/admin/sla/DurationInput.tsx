import { Group, Input, NumberInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The longest SLA target the server accepts: one year of minutes. */
export const MAX_TARGET_MINUTES = 525_600;

/** "1 h 30 min", "8 h", "10 min" (SLA targets are business minutes on the policy's calendar). */
export function useFormatDuration() {
  const { t } = useTranslation('sla');
  return (minutes: number) => {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return [hours && t('duration.hours', { count: hours }), (rest || !hours) && t('duration.minutes', { count: rest })]
      .filter(Boolean)
      .join(' ');
  };
}

interface DurationInputProps {
  label: ReactNode;
  description?: ReactNode;
  value?: number;
  onChange: (minutes: number) => void;
  error?: ReactNode;
  testId: string;
}

/** A number of minutes typed as hours and minutes, so "8 hours" need not be typed as 480. */
export function DurationInput({ label, description, value = 0, onChange, error, testId }: DurationInputProps) {
  const { t } = useTranslation('sla');
  const hours = Math.floor(value / 60);
  const minutes = value % 60;
  const number = (v: string | number) => (typeof v === 'number' ? v : Number(v) || 0);
  return (
    <Input.Wrapper label={label} description={description} error={error} required>
      <Group gap="xs" wrap="nowrap" mt={4}>
        <NumberInput
          aria-label={`${label} (${t('duration.hoursUnit')})`}
          min={0}
          max={Math.floor(MAX_TARGET_MINUTES / 60)}
          allowDecimal={false}
          allowNegative={false}
          value={hours}
          onChange={(v) => onChange(number(v) * 60 + minutes)}
          rightSection={t('duration.hoursUnit')}
          rightSectionWidth={52}
          error={Boolean(error)}
          style={{ flex: 1 }}
          data-testid={`${testId}-hours`}
        />
        <NumberInput
          aria-label={`${label} (${t('duration.minutesUnit')})`}
          min={0}
          max={59}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="strict"
          value={minutes}
          onChange={(v) => onChange(hours * 60 + number(v))}
          rightSection={t('duration.minutesUnit')}
          rightSectionWidth={52}
          error={Boolean(error)}
          style={{ flex: 1 }}
          data-testid={`${testId}-minutes`}
        />
      </Group>
    </Input.Wrapper>
  );
}
