import { TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';

/**
 * A name in Indonesian and in English (readers get theirs), both required: the first field of the
 * SLA forms. `testId` names the fields `<testId>-id` and `<testId>-en`.
 */
export function NameFields({
  form,
  labels,
  testId,
  autoFocus = false,
}: {
  form: { getInputProps: (path: 'nameId' | 'nameEn') => GetInputPropsReturnType };
  labels: { id: string; en: string };
  testId: string;
  autoFocus?: boolean;
}) {
  return (
    <>
      <TextInput
        label={labels.id}
        required
        data-autofocus={autoFocus || undefined}
        data-testid={`${testId}-id`}
        {...form.getInputProps('nameId')}
      />
      <TextInput label={labels.en} required data-testid={`${testId}-en`} {...form.getInputProps('nameEn')} />
    </>
  );
}
