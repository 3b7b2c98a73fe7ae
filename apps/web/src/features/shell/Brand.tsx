import { Group, Image, Text } from '@mantine/core';
import { useBranding } from '../session/session.queries.ts';

/** The organisation's logo and name, as configured in Settings. */
export function Brand({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const branding = useBranding();
  const height = size === 'lg' ? 48 : 32;
  return (
    <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }} data-testid="brand">
      {branding.logoUrl && <Image src={branding.logoUrl} alt="" h={height} w="auto" fit="contain" />}
      <Text fw={700} size={size === 'lg' ? 'xl' : 'md'} truncate>
        {branding.organisationName}
      </Text>
    </Group>
  );
}
