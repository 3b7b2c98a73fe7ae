import { NavLink } from '@mantine/core';
import { IconBook, IconBug, IconCalendarCheck, IconHelp, IconHome, IconUserCircle } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { adminSections } from '../admin/admin-sections.ts';
import { worksWithChanges } from '../changes/change-sections.ts';
import { MODULES } from '../modules/modules.ts';
import { useMe } from '../session/session.queries.ts';

const isActive = (pathname: string, to: string) => pathname === to || pathname.startsWith(`${to}/`);

/** The modules of `me.modules`; Administration unfolds into the sections `me.can` allows. */
export function Navigation({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <nav>
      <NavLink
        component={Link}
        to="/"
        label={t('nav.home')}
        leftSection={<IconHome size={18} />}
        active={pathname === '/'}
        data-testid="nav-home"
      />
      {MODULES.filter((m) => me.modules.includes(m.code)).map(({ code, to, icon: Icon }) =>
        code === 'core' ? (
          <NavLink
            key={code}
            label={t(`modules.${code}.title`)}
            leftSection={<Icon size={18} />}
            defaultOpened={pathname.startsWith('/profile') || pathname.startsWith('/attendance')}
            data-testid={`nav-${code}`}
          >
            <NavLink
              component={Link}
              to="/profile"
              label={t('nav.profile')}
              leftSection={<IconUserCircle size={16} />}
              active={isActive(pathname, '/profile')}
              data-testid="nav-profile"
            />
            <NavLink
              component={Link}
              to="/attendance"
              label={t('nav.attendance')}
              leftSection={<IconCalendarCheck size={16} />}
              active={isActive(pathname, '/attendance')}
              data-testid="nav-attendance"
            />
          </NavLink>
        ) : code === 'service_desk' && worksWithChanges(me) ? (
          // Changes live under the Service Desk (tileOf): its entry unfolds into tickets and changes.
          <NavLink
            key={code}
            label={t(`modules.${code}.title`)}
            leftSection={<Icon size={18} />}
            defaultOpened={isActive(pathname, to) || isActive(pathname, '/changes') || pathname.startsWith('/tickets')}
            data-testid={`nav-${code}`}
          >
            <NavLink component={Link} to={to} label={t('nav.tickets')} active={isActive(pathname, to)} data-testid="nav-tickets" />
            <NavLink
              component={Link}
              to="/changes"
              label={t('nav.changes')}
              active={isActive(pathname, '/changes')}
              data-testid="nav-changes"
            />
          </NavLink>
        ) : code === 'administration' ? (
          <NavLink
            key={code}
            label={t(`modules.${code}.title`)}
            leftSection={<Icon size={18} />}
            defaultOpened={pathname.startsWith('/admin')}
            data-testid={`nav-${code}`}
          >
            {adminSections(me).map((s) => (
              <NavLink
                key={s.code}
                component={Link}
                to={s.to}
                label={t(`nav.admin.${s.code}`)}
                leftSection={<s.icon size={16} />}
                active={isActive(pathname, s.to)}
                data-testid={`nav-admin-${s.code}`}
              />
            ))}
          </NavLink>
        ) : (
          <NavLink
            key={code}
            component={Link}
            to={to}
            label={t(`modules.${code}.title`)}
            leftSection={<Icon size={18} />}
            active={isActive(pathname, to)}
            data-testid={`nav-${code}`}
          />
        ),
      )}
      <NavLink
        component={Link}
        to="/knowledge"
        label={t('nav.knowledge')}
        leftSection={<IconBook size={18} />}
        active={isActive(pathname, '/knowledge')}
        data-testid="nav-knowledge"
      />
      {me.permissions.some((p) => p === 'ticket:work' || p === 'report:read') && (
        <NavLink
          component={Link}
          to="/problems"
          label={t('nav.problems')}
          leftSection={<IconBug size={18} />}
          active={isActive(pathname, '/problems')}
          data-testid="nav-problems"
        />
      )}
      <NavLink
        component={Link}
        to="/help"
        label={t('nav.help')}
        leftSection={<IconHelp size={18} />}
        active={isActive(pathname, '/help')}
        data-testid="nav-help"
      />
    </nav>
  );
}
