import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A labelled value on a record's page; an empty one reads "—". `pre` keeps the line breaks of written text. */
export function Fact({ label, children, pre = false }: { label: string; children: ReactNode; pre?: boolean }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere', whiteSpace: pre ? 'pre-wrap' : undefined }}>
        {children === null || children === undefined || children === '' ? '—' : children}
      </Text>
    </div>
  );
}
