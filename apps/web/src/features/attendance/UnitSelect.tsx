import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { idOptions } from '../../lib/options.ts';
import { useUnits } from '../tickets/tickets.queries.ts';

const indent = (depth: number | undefined) => '— '.repeat(depth ?? 0);

/** One unit of the tree (with its sub-units), or all in scope when cleared. */
export function UnitSelect({ value, onChange }: { value: string | null; onChange: (value: string | null) => void }) {
  const { t } = useTranslation('attendance');
  const units = useUnits();
  return (
    <Select
      label={t('day.unit')}
      data={idOptions(units.data, (u) => `${indent(u.depth)}${u.name}`)}
      value={value}
      onChange={onChange}
      clearable
      searchable
      w={{ base: '100%', xs: 260 }}
    />
  );
}
