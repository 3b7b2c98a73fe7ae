import { LOCALES, type Locale } from '@ish/shared';
import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api-client.ts';
import { useChangeLocale } from '../session/session.queries.ts';

/** id / en; saved on the user when signed in, on this browser before that. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const change = useChangeLocale();
  const select = (locale: Locale) =>
    change.mutate(locale, {
      onError: (error) => notifications.show({ color: 'red', message: error instanceof ApiError ? error.detail : t('errors.unexpected') }),
    });
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-md"
          leftSection={<IconLanguage size={18} />}
          loading={change.isPending}
          aria-label={t('language.label')}
          data-testid="language-switch"
        >
          {i18n.language.toUpperCase()}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {LOCALES.map((locale) => (
          <Menu.Item
            key={locale}
            onClick={() => select(locale)}
            rightSection={i18n.language === locale ? <IconCheck size={16} /> : null}
            lang={locale}
            data-testid={`language-${locale}`}
          >
            {t(`language.${locale}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
