import { ActionIcon, Box, Group, Input, Stack, Switch, Text } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type DayForm, MAX_WINDOWS, WEEK_ORDER, weekdayNames } from './business-hours.ts';

interface WeekHoursInputProps {
  days: DayForm[];
  onChange: (days: DayForm[]) => void;
  /** One message per weekday (index 0 = Sunday) whose hours cannot be saved. */
  errors: (string | undefined)[];
  error?: string;
}

/** Working hours per weekday, Monday first: a day is open or closed, and open days have up to four time ranges. */
export function WeekHoursInput({ days, onChange, errors, error }: WeekHoursInputProps) {
  const { t, i18n } = useTranslation('sla');
  const names = weekdayNames(i18n.language, 'long');
  const setDay = (index: number, day: DayForm) => onChange(days.map((d, i) => (i === index ? day : d)));

  return (
    <Input.Wrapper label={t('calendars.fields.hours')} error={error}>
      <Stack gap="sm" mt="xs" data-testid="calendar-hours">
        {WEEK_ORDER.map((index) => {
          const day = days[index] ?? { open: false, windows: [] };
          return (
            <Group key={index} align="flex-start" gap="sm" wrap="wrap" data-testid={`calendar-day-${index}`}>
              <Switch
                label={names[index]}
                checked={day.open}
                onChange={(e) => setDay(index, { ...day, open: e.currentTarget.checked })}
                w={130}
                mt={6}
                data-testid="day-open"
              />
              {day.open ? (
                <Stack gap={6} style={{ flex: '1 1 220px' }}>
                  {day.windows.map((window, w) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a time range has no identity but its position
                    <Group key={w} gap={6} wrap="nowrap">
                      <TimeInput
                        aria-label={`${names[index]} ${t('calendars.from')}`}
                        value={window.start}
                        onChange={(e) =>
                          setDay(index, { ...day, windows: day.windows.map((x, j) => (j === w ? { ...x, start: e.target.value } : x)) })
                        }
                        error={Boolean(errors[index])}
                        style={{ flex: 1 }}
                        data-testid="window-start"
                      />
                      <Text c="dimmed">–</Text>
                      <TimeInput
                        aria-label={`${names[index]} ${t('calendars.to')}`}
                        value={window.end}
                        onChange={(e) =>
                          setDay(index, { ...day, windows: day.windows.map((x, j) => (j === w ? { ...x, end: e.target.value } : x)) })
                        }
                        error={Boolean(errors[index])}
                        style={{ flex: 1 }}
                        data-testid="window-end"
                      />
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('calendars.removeWindow')}
                        disabled={day.windows.length === 1}
                        onClick={() => setDay(index, { ...day, windows: day.windows.filter((_, j) => j !== w) })}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                      {w === day.windows.length - 1 && day.windows.length < MAX_WINDOWS ? (
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('calendars.addWindow')}
                          onClick={() => setDay(index, { ...day, windows: [...day.windows, { start: '13:00', end: '17:00' }] })}
                          data-testid="window-add"
                        >
                          <IconPlus size={16} />
                        </ActionIcon>
                      ) : (
                        // Keeps the time inputs of every row the same width.
                        <Box w={28} />
                      )}
                    </Group>
                  ))}
                  {errors[index] && (
                    <Text size="xs" c="red" role="alert">
                      {errors[index]}
                    </Text>
                  )}
                </Stack>
              ) : (
                <Text c="dimmed" size="sm" mt={6}>
                  {t('calendars.closed')}
                </Text>
              )}
            </Group>
          );
        })}
      </Stack>
    </Input.Wrapper>
  );
}
