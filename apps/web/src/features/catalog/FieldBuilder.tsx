import { ActionIcon, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { choiceTypes, FIELD_TYPES, type FormField } from './form-fields.ts';
import type { ItemFormValues } from './item-form.ts';

const newField = (n: number): FormField => ({
  key: `field_${n}`,
  type: 'short_text',
  labelId: '',
  labelEn: '',
  helpId: '',
  helpEn: '',
  required: false,
  options: [],
});

/** Builds an item's request form: add, remove and reorder typed fields, with labels, help and choices in both languages. */
export function FieldBuilder({ form }: { form: UseFormReturnType<ItemFormValues> }) {
  const { t, i18n } = useTranslation('catalog');
  const en = i18n.language === 'en';
  const fields = form.getValues().form;
  return (
    <Stack gap="sm" data-testid="field-builder">
      <Group justify="space-between">
        <Title order={4} size="h5">
          {t('builder.title')}
        </Title>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => form.insertListItem('form', newField(fields.length + 1))}
          data-testid="field-add"
        >
          {t('builder.add')}
        </Button>
      </Group>
      {fields.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('builder.empty')}
        </Text>
      )}
      {fields.map((field, index) => (
        <Card key={form.key(`form.${index}`)} withBorder padding="sm" data-testid="field-row">
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" fw={600} lineClamp={1}>
                {t('builder.field', { number: index + 1 })}
                {(en ? field.labelEn : field.labelId) && ` · ${en ? field.labelEn : field.labelId}`}
              </Text>
              <Group gap={4} wrap="nowrap">
                <ActionIcon
                  variant="subtle"
                  aria-label={t('builder.up')}
                  disabled={index === 0}
                  onClick={() => form.reorderListItem('form', { from: index, to: index - 1 })}
                >
                  <IconArrowUp size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  aria-label={t('builder.down')}
                  disabled={index === fields.length - 1}
                  onClick={() => form.reorderListItem('form', { from: index, to: index + 1 })}
                >
                  <IconArrowDown size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('builder.remove')}
                  onClick={() => form.removeListItem('form', index)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <Select
                label={t('builder.type')}
                data={FIELD_TYPES.map((type) => ({ value: type, label: t(`fieldTypes.${type}`) }))}
                allowDeselect={false}
                data-testid={`field-${index}-type`}
                {...form.getInputProps(`form.${index}.type`)}
              />
              <TextInput
                label={t('builder.key')}
                description={t('builder.keyHelp')}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                required
                data-testid={`field-${index}-key`}
                {...form.getInputProps(`form.${index}.key`)}
              />
              <TextInput
                label={t('builder.labelId')}
                required
                data-testid={`field-${index}-labelId`}
                {...form.getInputProps(`form.${index}.labelId`)}
              />
              <TextInput
                label={t('builder.labelEn')}
                required
                data-testid={`field-${index}-labelEn`}
                {...form.getInputProps(`form.${index}.labelEn`)}
              />
              <TextInput label={t('builder.helpId')} {...form.getInputProps(`form.${index}.helpId`)} />
              <TextInput label={t('builder.helpEn')} {...form.getInputProps(`form.${index}.helpEn`)} />
            </SimpleGrid>
            <Switch label={t('builder.required')} {...form.getInputProps(`form.${index}.required`, { type: 'checkbox' })} />
            <LimitInputs form={form} index={index} field={field} />
            {choiceTypes.includes(field.type) && <ChoiceEditor form={form} index={index} />}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

/** The limits the server checks an answer against: a number's range, a text's length. */
function LimitInputs({ form, index, field }: { form: UseFormReturnType<ItemFormValues>; index: number; field: FormField }) {
  const { t } = useTranslation('catalog');
  // An emptied box removes the limit instead of sending 0.
  const set = (key: 'min' | 'max' | 'maxLength') => (value: number | string) =>
    form.setFieldValue(`form.${index}.${key}`, typeof value === 'number' ? value : undefined);
  const error = (key: string) => form.errors[`form.${index}.${key}`];
  if (field.type === 'number')
    return (
      <Group gap="sm" align="flex-start">
        <NumberInput label={t('builder.min')} value={field.min ?? ''} onChange={set('min')} error={error('min')} w={160} />
        <NumberInput label={t('builder.max')} value={field.max ?? ''} onChange={set('max')} error={error('max')} w={160} />
      </Group>
    );
  if (field.type === 'short_text' || field.type === 'long_text')
    return (
      <NumberInput
        label={t('builder.maxLength')}
        placeholder={String(field.type === 'short_text' ? 200 : 5000)}
        min={1}
        max={10_000}
        allowDecimal={false}
        value={field.maxLength ?? ''}
        onChange={set('maxLength')}
        error={error('maxLength')}
        w={240}
      />
    );
  return null;
}

function ChoiceEditor({ form, index }: { form: UseFormReturnType<ItemFormValues>; index: number }) {
  const { t } = useTranslation('catalog');
  const options = form.getValues().form[index]?.options ?? [];
  const path = `form.${index}.options` as const;
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t('builder.options')}
      </Text>
      {form.errors[path] && (
        <Text size="xs" c="red">
          {form.errors[path]}
        </Text>
      )}
      {options.map((_, o) => (
        <Group key={form.key(`${path}.${o}`)} gap="xs" align="flex-end" wrap="nowrap">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" style={{ flexGrow: 1 }}>
            <TextInput size="xs" label={t('builder.optionValue')} {...form.getInputProps(`${path}.${o}.value`)} />
            <TextInput size="xs" label={t('builder.labelId')} {...form.getInputProps(`${path}.${o}.labelId`)} />
            <TextInput size="xs" label={t('builder.labelEn')} {...form.getInputProps(`${path}.${o}.labelEn`)} />
          </SimpleGrid>
          <ActionIcon variant="subtle" color="red" aria-label={t('builder.removeOption')} onClick={() => form.removeListItem(path, o)}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Button
        variant="subtle"
        size="xs"
        leftSection={<IconPlus size={14} />}
        style={{ alignSelf: 'flex-start' }}
        onClick={() => form.insertListItem(path, { value: `option_${options.length + 1}`, labelId: '', labelEn: '' })}
      >
        {t('builder.addOption')}
      </Button>
    </Stack>
  );
}
