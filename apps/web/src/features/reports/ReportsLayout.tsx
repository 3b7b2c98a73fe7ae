import { Tabs, Text } from '@mantine/core';
import { Outlet, useLocation, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useBranding, useMe, useTimeZone } from '../session/session.queries.ts';
import './print.css';
import { reportPagesFor } from './report-pages.ts';
import { periodOf, type ReportSearch } from './report-search.ts';

/** Reports & Analytics: tabs for the reports the reader may open, above the open one; printing keeps the content only. */
export function ReportsLayout() {
  const { t, i18n } = useTranslation('reports');
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const search = useSearch({ strict: false }) as ReportSearch;
  const timeZone = useTimeZone();
  const branding = useBranding();
  const pages = reportPagesFor(me);
  const path = pathname.replace(/^\/reports\/?/, '').replace(/\/$/, '');
  const active = pages.find((p) => p.path === path) ?? pages[0];
  const list = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when another tab becomes active
  useEffect(() => {
    list.current?.querySelector('[data-active]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [active?.code]);
  const { from, to } = periodOf(search, timeZone);
  const day = (d: string) =>
    new Date(`${d}T00:00:00Z`).toLocaleDateString(i18n.language === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' });
  return (
    <>
      <div className="report-print-only">
        <Text fw={600}>{branding.organisationName}</Text>
        <Text size="sm">
          {active ? t(`pages.${active.code}`) : ''} · {t('print.period', { from: day(from), to: day(to) })}
        </Text>
      </div>
      <div data-noprint>
        <PageHeader title={t('title')} description={t('description')} />
      </div>
      <Tabs
        value={active?.code ?? null}
        onChange={(code) => {
          const page = pages.find((p) => p.code === code);
          if (!page) return;
          if ('href' in page && page.href) return void navigate({ to: page.href });
          const search = ((prev: ReportSearch) => ({ ...prev, page: undefined })) as never;
          void (page.path ? navigate({ to: '/reports/$page', params: { page: page.path }, search }) : navigate({ to: '/reports', search }));
        }}
        mb="lg"
        data-noprint
      >
        <Tabs.List ref={list}>
          {pages.map((page) => (
            <Tabs.Tab
              key={page.code}
              value={page.code}
              leftSection={<page.icon size={16} />}
              data-testid={`report-tab-${page.code}`}
              style={{ whiteSpace: 'nowrap' }}
            >
              {t(`pages.${page.code}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </>
  );
}
