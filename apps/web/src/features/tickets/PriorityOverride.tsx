import { Button, Select, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal.tsx';
import { type Ticket, useTicketChange } from './tickets.queries.ts';

const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
type Priority = (typeof PRIORITIES)[number];

/** Overrides the matrix priority; the reason is required and lands on the timeline. */
export function PriorityOverride({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation('tickets');
  const { patch } = useTicketChange(ticket.number);
  const [opened, modal] = useDisclosure(false);
  const [priority, setPriority] = useState<Priority>(ticket.priority);
  const [reason, setReason] = useState('');
  const open = () => {
    patch.reset();
    setPriority(ticket.priority);
    setReason('');
    modal.open();
  };
  const submit = (event?: React.FormEvent) => {
    event?.preventDefault();
    patch.mutate({ id: ticket.id, body: { version: ticket.version, priority, priorityReason: reason.trim() } }, { onSuccess: modal.close });
  };
  return (
    <>
      <Button size="compact-xs" variant="subtle" onClick={open} data-testid="priority-override">
        {t('priorityOverride.open')}
      </Button>
      <FormModal
        opened={opened}
        onClose={modal.close}
        title={t('priorityOverride.title', { number: ticket.number })}
        onSubmit={submit}
        submitting={patch.isPending}
        error={patch.error}
        fields={[]}
      >
        <Select
          label={t('field.priority')}
          description={ticket.priorityOverridden ? t('priorityOverride.overridden') : t('priorityOverride.fromMatrix')}
          data={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
          value={priority}
          onChange={(value) => value && setPriority(value as Priority)}
          allowDeselect={false}
          data-testid="priority-value"
        />
        <Textarea
          label={t('reason')}
          required
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-testid="priority-reason"
        />
      </FormModal>
    </>
  );
}
