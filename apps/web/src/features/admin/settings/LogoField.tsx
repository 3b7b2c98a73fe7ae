import { Button, FileButton, Group, Image, Input, Stack, Text } from '@mantine/core';
import { IconTrash, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';

interface Mutation<T> {
  mutate: (value: T) => void;
  isPending: boolean;
  error: unknown;
}

/** A logo with upload and remove (the organisation's or a company's own). */
export function LogoField({
  logoUrl,
  upload,
  remove,
  hint,
}: {
  logoUrl: string | null;
  upload: Mutation<File>;
  remove: Mutation<void>;
  hint?: string;
}) {
  const { t } = useTranslation(['admin', 'common']);
  return (
    <Input.Wrapper label={t('settings.identity.logo')} description={hint ?? t('settings.identity.logoHint')}>
      <Stack gap="xs" mt="xs">
        {logoUrl ? (
          <Image src={logoUrl} alt={t('settings.identity.logo')} h={56} w="auto" fit="contain" style={{ alignSelf: 'flex-start' }} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('settings.identity.noLogo')}
          </Text>
        )}
        <ProblemAlert error={upload.error ?? remove.error} />
        <Group gap="xs">
          <FileButton onChange={(file) => file && upload.mutate(file)} accept="image/png,image/jpeg,image/webp">
            {(props) => (
              <Button
                {...props}
                variant="light"
                leftSection={<IconUpload size={16} />}
                loading={upload.isPending}
                data-testid="logo-upload"
              >
                {t('settings.identity.uploadLogo')}
              </Button>
            )}
          </FileButton>
          {logoUrl && (
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} />}
              loading={remove.isPending}
              onClick={() => remove.mutate()}
            >
              {t('common:actions.remove')}
            </Button>
          )}
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}
