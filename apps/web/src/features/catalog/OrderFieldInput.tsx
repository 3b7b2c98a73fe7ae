import { Checkbox, Group, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PersonSelect } from '../tickets/PersonSelect.tsx';
import type { Person } from '../tickets/people.queries.ts';
import { AnswerFileInput } from './AnswerFileInput.tsx';
import type { FileAnswer } from './catalog.queries.ts';
import type { FormField } from './form-fields.ts';

interface OrderFieldInputProps {
  field: FormField;
  value: unknown;
  onChange: (value: unknown) => void;
  /** A file question reports while its upload is under way. */
  onUploading?: (busy: boolean) => void;
  error?: string;
}

/** One typed field of an item's order form, labelled in the UI language, with its help text and required flag. */
export function OrderFieldInput({ field, value, onChange, onUploading, error }: OrderFieldInputProps) {
  const { i18n } = useTranslation('catalog');
  const en = i18n.language === 'en';
  const common = {
    label: en ? field.labelEn : field.labelId,
    description: (en ? field.helpEn : field.helpId) || undefined,
    required: field.required,
    error,
    'data-testid': `answer-${field.key}`,
  };
  const options = field.options.map((o) => ({ value: o.value, label: en ? o.labelEn : o.labelId }));
  switch (field.type) {
    case 'short_text':
      return (
        <TextInput
          {...common}
          maxLength={field.maxLength ?? 200}
          value={(value as string) ?? ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'long_text':
      return (
        <Textarea
          {...common}
          autosize
          minRows={3}
          maxLength={field.maxLength ?? 5000}
          value={(value as string) ?? ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          min={field.min}
          max={field.max}
          value={(value as number | undefined) ?? ''}
          onChange={(v) => onChange(typeof v === 'number' ? v : undefined)}
        />
      );
    case 'date':
      return (
        <DatePickerInput
          {...common}
          leftSection={<IconCalendar size={16} />}
          valueFormat="D MMMM YYYY"
          clearable
          value={(value as string | null) ?? null}
          onChange={(v) => onChange(v ?? undefined)}
        />
      );
    case 'choice':
      return (
        <Select {...common} data={options} clearable value={(value as string | null) ?? null} onChange={(v) => onChange(v ?? undefined)} />
      );
    case 'multi_choice':
      return (
        <Checkbox.Group {...common} value={(value as string[]) ?? []} onChange={onChange}>
          <Group gap="md" mt={6}>
            {options.map((o) => (
              <Checkbox key={o.value} value={o.value} label={o.label} />
            ))}
          </Group>
        </Checkbox.Group>
      );
    case 'checkbox':
      return (
        <Checkbox
          label={common.label}
          description={common.description}
          error={error}
          data-testid={common['data-testid']}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
      );
    case 'person':
      return (
        <PersonSelect {...common} purpose="order" value={(value as Person | null) ?? null} onChange={(p) => onChange(p ?? undefined)} />
      );
    case 'file':
      return (
        <AnswerFileInput
          label={common.label}
          description={common.description}
          required={field.required}
          error={error}
          testId={common['data-testid']}
          value={value as FileAnswer | undefined}
          onChange={onChange}
          onUploading={onUploading}
        />
      );
  }
}
