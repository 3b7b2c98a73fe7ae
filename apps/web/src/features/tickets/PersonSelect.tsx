import { Loader, MultiSelect, type MultiSelectProps, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PeoplePurpose, type Person, usePeople } from './people.queries.ts';

const labelOf = (p: Person) => (p.hint ? `${p.name} · ${p.hint}` : p.name);

/** Options for the people found, the chosen ones first so their labels stay shown. */
function options(chosen: readonly Person[], found: readonly Person[], keep: (p: Person) => boolean) {
  const seen = new Set<number>();
  return [...chosen, ...found.filter(keep)].flatMap((p) => {
    if (seen.has(p.id)) return [];
    seen.add(p.id);
    return [{ value: String(p.id), label: labelOf(p) }];
  });
}

function useSearchablePeople(purpose?: PeoplePurpose) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const { people, loading } = usePeople(debounced.includes(' · ') ? '' : debounced, purpose);
  return { search, setSearch, people, loading };
}

interface PersonSelectProps extends Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> {
  value: Person | null;
  onChange: (person: Person | null) => void;
  /** Only these people may be chosen (e.g. members of the ticket's team). */
  keep?: (person: Person) => boolean;
  purpose?: PeoplePurpose;
}

/** Pick one person by name. */
export function PersonSelect({ value, onChange, keep = () => true, purpose, ...props }: PersonSelectProps) {
  const { t } = useTranslation('tickets');
  const { search, setSearch, people, loading } = useSearchablePeople(purpose);
  const chosen = value ? [value] : [];
  return (
    <Select
      searchable
      clearable
      nothingFoundMessage={t('people.none')}
      placeholder={t('people.search')}
      rightSection={loading ? <Loader size={14} /> : undefined}
      {...props}
      data={options(chosen, people, keep)}
      value={value ? String(value.id) : null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id) => onChange([...chosen, ...people].find((p) => String(p.id) === id) ?? null)}
    />
  );
}

interface PeopleMultiSelectProps extends Omit<MultiSelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> {
  value: Person[];
  onChange: (people: Person[]) => void;
}

/** Pick several people by name (watchers). */
export function PeopleMultiSelect({ value, onChange, ...props }: PeopleMultiSelectProps) {
  const { t } = useTranslation('tickets');
  const { search, setSearch, people } = useSearchablePeople();
  return (
    <MultiSelect
      searchable
      nothingFoundMessage={t('people.none')}
      {...props}
      data={options(value, people, () => true)}
      value={value.map((p) => String(p.id))}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(ids) => onChange(ids.flatMap((id) => [...value, ...people].find((p) => String(p.id) === id) ?? []))}
    />
  );
}
