import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserShare } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { type Ticket, useAssignees, useTicketChange } from './tickets.queries.ts';

/**
 * "Assign to…" (leads): a team, then optionally one of its members — the server
 * lists exactly whom the caller may name, so the choice always succeeds.
 */
export function AssignControl({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation('tickets');
  const [opened, modal] = useDisclosure(false);
  const assignees = useAssignees(ticket.id, opened);
  const change = useTicketChange(ticket.number);
  const [teamId, setTeamId] = useState<string | null>(ticket.team ? String(ticket.team.id) : null);
  const [assigneeId, setAssigneeId] = useState<string | null>(ticket.assignee ? String(ticket.assignee.id) : null);
  const teams = assignees.data?.teams ?? [];
  const team = teams.find((x) => String(x.id) === teamId);
  const save = () =>
    change.patch.mutate(
      {
        id: ticket.id,
        body: { version: ticket.version, teamId: teamId ? Number(teamId) : null, assigneeId: assigneeId ? Number(assigneeId) : null },
      },
      { onSuccess: modal.close },
    );
  return (
    <>
      <Button variant="default" leftSection={<IconUserShare size={16} />} onClick={modal.open} data-testid="action-assign-to">
        {t('assign.open')}
      </Button>
      <Modal opened={opened} onClose={modal.close} title={t('assign.title', { number: ticket.number })}>
        <Stack>
          <ProblemAlert error={change.patch.error ?? assignees.error} />
          <Text size="sm" c="dimmed">
            {t('assign.help')}
          </Text>
          <Select
            label={t('field.team')}
            data={teams.map((x) => ({ value: String(x.id), label: `${x.name} (L${x.level})` }))}
            value={teamId}
            onChange={(value) => {
              setTeamId(value);
              setAssigneeId(null);
            }}
            searchable
            data-testid="assign-team"
          />
          <Select
            label={t('field.assignee')}
            placeholder={t('assign.teamOnly')}
            data={(team?.members ?? []).map((m) => ({ value: String(m.id), label: m.name }))}
            value={assigneeId}
            onChange={setAssigneeId}
            clearable
            searchable
            disabled={!team}
            data-testid="assign-person"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={modal.close}>
              {t('close')}
            </Button>
            <Button onClick={save} loading={change.patch.isPending} disabled={!teamId} data-testid="assign-submit">
              {t('submit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
