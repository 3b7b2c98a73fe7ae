import { ActionIcon, Button, Group, Menu, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBookmark, IconBookmarkPlus, IconChevronDown, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { type SavedView, useSavedViewChanges, useSavedViews } from './tickets.queries.ts';
import { sameFilters } from './workspace-search.ts';

interface SavedViewsProps {
  /** The workspace's current filters as a saved view keeps them. */
  current: Record<string, string>;
  onOpen: (view: SavedView) => void;
}

/** The user's own saved views of the queue: open one, save the current filters under a name, delete one. */
export function SavedViews({ current, onOpen }: SavedViewsProps) {
  const { t } = useTranslation('tickets');
  const views = useSavedViews();
  const { save, remove } = useSavedViewChanges();
  const [saving, savingModal] = useDisclosure(false);
  const [name, setName] = useState('');
  const [deleting, setDeleting] = useState<SavedView | null>(null);
  const active = views.data?.items.find((v) => sameFilters(v.filters, current));

  const openSave = () => {
    save.reset();
    setName(active?.name ?? '');
    savingModal.open();
  };
  const submit = (event?: React.FormEvent) => {
    event?.preventDefault();
    save.mutate(
      { name: name.trim(), filters: current },
      {
        onSuccess: (view) => {
          savingModal.close();
          notifications.show({ color: 'green', message: t('views.saved', { name: view.name }) });
        },
      },
    );
  };

  return (
    <>
      <Menu position="bottom-end" width={280} withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconBookmark size={16} />}
            rightSection={<IconChevronDown size={14} />}
            data-testid="views-menu"
          >
            <Text span size="sm" truncate maw={160}>
              {active?.name ?? t('views.title')}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {views.data?.items.length === 0 && <Menu.Label>{t('views.empty')}</Menu.Label>}
          {views.data?.items.map((view) => (
            <Group key={view.id} gap={0} wrap="nowrap">
              <Menu.Item onClick={() => onOpen(view)} data-testid="view-open" fw={view.id === active?.id ? 600 : undefined}>
                {view.name}
              </Menu.Item>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('views.delete', { name: view.name })}
                onClick={() => {
                  remove.reset();
                  setDeleting(view);
                }}
                data-testid="view-delete"
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconBookmarkPlus size={16} />} onClick={openSave} data-testid="view-save">
            {t('views.save')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <FormModal
        opened={saving}
        onClose={savingModal.close}
        title={t('views.save')}
        onSubmit={submit}
        submitting={save.isPending}
        error={save.error}
        fields={['name']}
      >
        <TextInput
          label={t('views.name')}
          description={t('views.nameHelp')}
          required
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-autofocus
          data-testid="view-name"
        />
      </FormModal>
      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
        title={t('views.deleteTitle')}
        message={t('views.deleteConfirm', { name: deleting?.name })}
        confirmLabel={t('views.deleteTitle')}
        pending={remove.isPending}
        error={remove.error}
      />
    </>
  );
}
