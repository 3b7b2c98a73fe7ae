import { TIME_ZONES } from '@ish/shared';
import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Indonesia's three zones first (WIB, WITA, WIT), then every other zone the browser knows. */
export function TimeZoneSelect({ emptyLabel, ...props }: Omit<SelectProps, 'data'> & { emptyLabel?: string }) {
  const { t } = useTranslation();
  const data = useMemo(() => {
    const indonesian = new Set<string>(TIME_ZONES);
    const others = Intl.supportedValuesOf('timeZone').filter((zone) => !indonesian.has(zone));
    return [
      ...(emptyLabel ? [{ value: '', label: emptyLabel }] : []),
      { group: 'Indonesia', items: TIME_ZONES.map((zone) => ({ value: zone, label: t(`timeZones.${zone}`) })) },
      { group: t('timeZones.other'), items: others },
    ];
  }, [t, emptyLabel]);
  return <Select searchable allowDeselect={false} maxDropdownHeight={280} {...props} data={data} />;
}
