import { Tabs } from '@mantine/core';
import { IconCalendarStats, IconChecklist, IconClockHour8, IconTable, IconUserCheck } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type Me, useMe } from '../session/session.queries.ts';
import { AttendanceDay } from './AttendanceDay.tsx';
import { AttendanceRecapTab } from './AttendanceRecapTab.tsx';
import { LeaveApprovals } from './LeaveApprovals.tsx';
import { MyAttendance } from './MyAttendance.tsx';
import { SchedulesTab } from './SchedulesTab.tsx';

const has = (me: Me, permission: string) => me.permissions.includes(permission as Me['permissions'][number]);

/** The attendance screens and who sees each (the server checks again on every call). */
export const ATTENDANCE_TABS = [
  { code: 'mine', icon: IconUserCheck, allowed: () => true, component: MyAttendance },
  { code: 'approvals', icon: IconChecklist, allowed: (me: Me) => has(me, 'leave:approve'), component: LeaveApprovals },
  { code: 'day', icon: IconClockHour8, allowed: (me: Me) => has(me, 'attendance:read'), component: AttendanceDay },
  { code: 'recap', icon: IconTable, allowed: (me: Me) => has(me, 'attendance:read'), component: AttendanceRecapTab },
  {
    code: 'schedules',
    icon: IconCalendarStats,
    allowed: (me: Me) => has(me, 'attendance:read') || has(me, 'attendance:manage'),
    component: SchedulesTab,
  },
] as const;

/** Attendance (absensi) in the Core module: mine, leave to decide, the day, the recap and the schedules. */
export function AttendancePage() {
  const { t } = useTranslation('attendance');
  const me = useMe();
  const navigate = useNavigate();
  const { tab } = useSearch({ strict: false }) as { tab?: string };
  const tabs = ATTENDANCE_TABS.filter((x) => x.allowed(me));
  const active = tabs.find((x) => x.code === tab) ?? tabs[0];
  return (
    <>
      <PageHeader title={t('page.title')} description={t('page.description')} />
      <Tabs
        value={active?.code ?? null}
        onChange={(code) => code && void navigate({ to: '/attendance', search: { tab: code === 'mine' ? undefined : code } as never })}
        mb="lg"
      >
        <Tabs.List>
          {tabs.map((x) => (
            <Tabs.Tab
              key={x.code}
              value={x.code}
              leftSection={<x.icon size={16} />}
              data-testid={`attendance-tab-${x.code}`}
              style={{ whiteSpace: 'nowrap' }}
            >
              {t(`tabs.${x.code}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {active && <active.component />}
    </>
  );
}
