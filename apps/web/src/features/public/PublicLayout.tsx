import { Anchor, Box, Container, Group, Text } from '@mantine/core';
import { Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Brand } from '../shell/Brand.tsx';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';

/** Pages for the public (report, track, survey, confirm email): the organisation's brand, the language switch, one column. */
export function PublicLayout() {
  const { t } = useTranslation('channels');
  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)">
      <Box component="header" bg="var(--mantine-color-body)" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size={720} px="sm" py="xs">
          <Group justify="space-between" wrap="nowrap">
            <Brand />
            <LanguageSwitch />
          </Group>
        </Container>
      </Box>
      <Container size={720} px="sm" py="lg" component="main">
        <Outlet />
      </Container>
      <Container size={720} px="sm" pb="lg" component="footer">
        <Group gap="md" justify="center">
          <Text size="xs" c="dimmed">
            {t('public.footer')}
          </Text>
          <Anchor href="/track" size="xs">
            {t('public.trackLink')}
          </Anchor>
        </Group>
      </Container>
    </Box>
  );
}
