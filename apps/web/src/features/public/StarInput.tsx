import { ActionIcon, Group } from '@mantine/core';
import { IconStar, IconStarFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const star = (on: boolean, size: number) =>
  on ? <IconStarFilled size={size} color="var(--mantine-color-yellow-5)" /> : <IconStar size={size} color="var(--mantine-color-gray-5)" />;

/**
 * One to five stars (004 Figure 11). With `onChange` each star is a button a
 * phone's thumb can hit, named for screen readers; without, the stars only show a score.
 */
export function StarInput({
  value,
  onChange,
  label,
  testId,
}: {
  value: number;
  onChange?: (v: number) => void;
  label: string;
  testId: string;
}) {
  const { t } = useTranslation('channels');
  if (!onChange)
    return (
      <Group gap={2} role="img" aria-label={`${label}: ${t('survey.stars', { count: value })}`} data-testid={testId} data-value={value}>
        {[1, 2, 3, 4, 5].map((n) => (
          <span key={n}>{star(n <= value, 18)}</span>
        ))}
      </Group>
    );
  return (
    <Group gap={4} role="radiogroup" aria-label={label} data-testid={testId} data-value={value}>
      {[1, 2, 3, 4, 5].map((n) => (
        <ActionIcon
          key={n}
          variant="transparent"
          size={44}
          role="radio"
          aria-checked={n === value}
          aria-label={t('survey.stars', { count: n })}
          onClick={() => onChange(n)}
          data-testid={`${testId}-${n}`}
        >
          {star(n <= value, 32)}
        </ActionIcon>
      ))}
    </Group>
  );
}
