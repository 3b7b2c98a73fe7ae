import { TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The queue's search words. Typing stays local and reaches the URL (and so
 * the list) after a pause; a change of the URL from elsewhere (a saved view,
 * the back button) shows up in the box.
 */
export function QueueSearch({
  value,
  onChange,
  placeholder,
  testId = 'ticket-search',
}: {
  value: string;
  onChange: (q: string | undefined) => void;
  placeholder?: string;
  testId?: string;
}) {
  const { t } = useTranslation('tickets');
  const label = placeholder ?? t('workspace.search');
  const [text, setText] = useState(value);
  const [settled] = useDebouncedValue(text, 300);
  const sent = useRef(value);
  useEffect(() => {
    if (settled.trim() === sent.current) return;
    sent.current = settled.trim();
    onChange(sent.current || undefined);
  }, [settled, onChange]);
  useEffect(() => {
    if (value === sent.current) return;
    sent.current = value;
    setText(value);
  }, [value]);
  return (
    <TextInput
      leftSection={<IconSearch size={16} />}
      placeholder={label}
      aria-label={label}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      style={{ flex: '1 1 240px' }}
      data-testid={testId}
    />
  );
}
