import { Badge, Card, Group, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../session/session.queries.ts';
import { useTeams } from '../tickets/tickets.queries.ts';
import { type Presence, useTeamAssignment, useTeamPresence } from './attendance.queries.ts';

const COLORS: Record<Presence['members'][number]['state'], string> = {
  present: 'teal',
  left: 'blue',
  leave: 'grape',
  absent: 'gray',
  day_off: 'gray',
};
const MODES = ['off', 'round_robin', 'least_loaded'] as const;

/** One team: who is at work today, and (for its lead) how new tickets are assigned. */
function TeamRow({ teamId, name, lead }: { teamId: number; name: string; lead: boolean }) {
  const { t } = useTranslation('attendance');
  const presence = useTeamPresence(teamId);
  const { query, save } = useTeamAssignment(teamId, lead);
  return (
    <Group justify="space-between" align="flex-start" gap="xs">
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {t('presence.title', { team: name })}
        </Text>
        <Group gap={6} data-testid={`team-presence-${teamId}`}>
          {(presence.data?.members ?? []).map((m) => (
            <Badge
              key={m.id}
              color={COLORS[m.state]}
              variant={m.state === 'present' ? 'filled' : 'light'}
              style={{ textTransform: 'none' }}
            >
              {m.name} · {m.state === 'leave' && m.leaveKind ? t(`kind.${m.leaveKind}`) : t(`state.${m.state}`)}
            </Badge>
          ))}
        </Group>
      </Stack>
      {lead && query.data && (
        <Select
          size="xs"
          label={t('presence.assignment')}
          data={MODES.map((m) => ({ value: m, label: t(`presence.mode.${m}`) }))}
          value={query.data.mode}
          onChange={(mode) => mode && save.mutate({ mode: mode as (typeof MODES)[number], version: query.data.version || undefined })}
          allowDeselect={false}
          w={200}
          data-testid={`team-assignment-${teamId}`}
        />
      )}
    </Group>
  );
}

/** Above the team queue: presence of each of the user's teams, so work goes to who is in. */
export function TeamPresence() {
  const me = useMe();
  const teams = useTeams();
  const mine = (teams.data?.items ?? []).filter((team) => team.memberIds.includes(me.user.id) || team.leadUserId === me.user.id);
  if (!mine.length) return null;
  const leads = me.permissions.includes('ticket:lead');
  return (
    <Card withBorder padding="sm">
      <Stack gap="sm">
        {mine.map((team) => (
          <TeamRow key={team.id} teamId={team.id} name={team.name} lead={leads && team.leadUserId === me.user.id} />
        ))}
      </Stack>
    </Card>
  );
}
