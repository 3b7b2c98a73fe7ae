import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The top of a record's page: its number, title and badges, and the actions the server allows. */
export function RecordHeader(p: { number: ReactNode; numberTestId: string; title: string; badges: ReactNode; actions: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start">
      <Stack gap={4}>
        <Text c="dimmed" fw={600} data-testid={p.numberTestId}>
          {p.number}
        </Text>
        <Title order={2} fz={{ base: 22, sm: 28 }}>
          {p.title}
        </Title>
        {p.badges}
      </Stack>
      <Group gap="xs">{p.actions}</Group>
    </Group>
  );
}
