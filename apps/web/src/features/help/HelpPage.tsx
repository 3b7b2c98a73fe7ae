import { Badge, Card, Grid, NavLink, Stack, Text } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useMe } from '../session/session.queries.ts';
import { GUIDES, guideImage, guideText } from './guides.ts';
import { Markdown } from './Markdown.tsx';

/** The user guide per role (docs/guide, Indonesian and English), the reader's own roles first. */
export function HelpPage() {
  const { t, i18n } = useTranslation('help');
  const me = useMe();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { guide?: string };
  const roles = new Set(me.grants.map((g) => g.role));
  const mine = (g: (typeof GUIDES)[number]) => (g.roles as readonly string[]).some((r) => roles.has(r as never));
  const ordered = [...GUIDES].sort((a, b) => Number(mine(b)) - Number(mine(a)));
  const current = ordered.find((g) => g.code === search.guide) ?? ordered[0];
  const locale = i18n.language === 'en' ? 'en' : 'id';
  return (
    <Stack>
      <PageHeader title={t('title')} description={t('description')} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Card withBorder padding="xs">
            {ordered.map((g) => (
              <NavLink
                key={g.code}
                label={t(`guide.${g.code}`)}
                active={g.code === current?.code}
                rightSection={mine(g) ? <Badge size="xs">{t('yours')}</Badge> : undefined}
                onClick={() => void navigate({ to: '/help', search: { guide: g.code } as never, replace: true })}
                data-testid={`guide-${g.code}`}
              />
            ))}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <Card withBorder data-testid="guide-text">
            {current ? <Markdown source={guideText(current.code, locale)} image={guideImage} /> : <Text c="dimmed">{t('none')}</Text>}
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
