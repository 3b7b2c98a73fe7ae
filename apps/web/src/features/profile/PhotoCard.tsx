import { Avatar, Button, Card, FileButton, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useMe } from '../session/session.queries.ts';
import { useRemovePhoto, useUploadPhoto } from './profile.queries.ts';

export function PhotoCard() {
  const { t } = useTranslation(['profile', 'common']);
  const me = useMe();
  const uploadPhoto = useUploadPhoto();
  const removePhoto = useRemovePhoto();
  const choose = (file: File | null) => {
    if (file) uploadPhoto.mutate(file, { onSuccess: () => notifications.show({ color: 'green', message: t('photoSaved') }) });
  };
  return (
    <Card withBorder padding="lg">
      <Stack align="center" gap="sm">
        <Avatar src={me.user.photoUrl} name={me.user.name} color="initials" size={112} alt={t('photo')} data-testid="profile-photo" />
        <Text fw={600} ta="center">
          {me.user.name}
        </Text>
        <ProblemAlert error={uploadPhoto.error ?? removePhoto.error} />
        <Group gap="xs" justify="center">
          <FileButton onChange={choose} accept="image/png,image/jpeg,image/webp">
            {(props) => (
              <Button
                {...props}
                variant="light"
                leftSection={<IconUpload size={16} />}
                loading={uploadPhoto.isPending}
                data-testid="photo-upload"
              >
                {t('uploadPhoto')}
              </Button>
            )}
          </FileButton>
          {me.user.photoUrl && (
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} />}
              loading={removePhoto.isPending}
              onClick={() => removePhoto.mutate()}
              data-testid="photo-remove"
            >
              {t('common:actions.remove')}
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed" ta="center">
          {t('photoHint')}
        </Text>
      </Stack>
    </Card>
  );
}
