import { Box, Center, Group, Paper, Stack } from '@mantine/core';
import { Outlet } from '@tanstack/react-router';
import { Brand } from '../shell/Brand.tsx';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';

/** Sign-in and password pages: the organisation's brand above one card. */
export function AuthLayout() {
  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)">
      <Group justify="flex-end" p="sm">
        <LanguageSwitch />
      </Group>
      <Center px="md" pb="xl">
        <Stack w="100%" maw={420} gap="lg" align="center">
          <Brand size="lg" />
          <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="md" w="100%">
            <Outlet />
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
