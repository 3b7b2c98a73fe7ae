import { ROLES } from '@ish/shared';
import { ActionIcon, Alert, Button, Card, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useMe } from '../session/session.queries.ts';
import { PeopleMultiSelect } from '../tickets/PersonSelect.tsx';
import type { Person } from '../tickets/people.queries.ts';
import { type ChainStep, useApprovalChain, useChainDivisions, useNamedPeople, useSaveApprovalChain } from './catalog.queries.ts';

export interface ChainSearch {
  unit?: number;
}

/** A division's approval chain: steps by amount and role. Administrators set any; a Division Admin their own. */
export function ChainPage() {
  const { t } = useTranslation('catalog');
  const me = useMe();
  const search: ChainSearch = useSearch({ strict: false });
  const navigate = useNavigate();
  // Which divisions' chains are mine to configure is the server's rule.
  const choices = useChainDivisions().data?.items ?? [];
  const unitId = search.unit ?? choices.find((u) => u.id === me.unit.id)?.id ?? choices[0]?.id ?? null;
  const chain = useApprovalChain(unitId);
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        {t('chain.description')}
      </Text>
      <Select
        label={t('chain.division')}
        data={choices.map((u) => ({ value: String(u.id), label: u.name }))}
        value={unitId === null ? null : String(unitId)}
        onChange={(v) => v && void navigate({ to: '/catalog/chain', search: { unit: Number(v) }, replace: true })}
        searchable
        allowDeselect={false}
        w={{ base: '100%', sm: 300 }}
        data-testid="chain-division"
      />
      {chain.error && <ProblemAlert error={chain.error} onRetry={() => void chain.refetch()} />}
      {unitId !== null && !chain.data && !chain.error && <LoadingState />}
      {unitId !== null && chain.data && (
        <ChainEditor key={`${unitId}:${JSON.stringify(chain.data.steps)}`} unitId={unitId} initial={chain.data.steps} />
      )}
    </Stack>
  );
}

/** A step being edited: its days may be blank while the user types. */
type StepRow = Omit<ChainStep, 'expiryDays'> & { uid: number; expiryDays: number | '' };

function ChainEditor({ unitId, initial }: { unitId: number; initial: ChainStep[] }) {
  const { t } = useTranslation(['catalog', 'common']);
  const save = useSaveApprovalChain();
  // Rows get a local id so removing one keeps the others' inputs in place.
  const [steps, setSteps] = useState<StepRow[]>(() => initial.map((s, i) => ({ ...s, uid: i })));
  const [nextUid, setNextUid] = useState(initial.length);
  const [inherit, setInherit] = useState(false);
  const [checked, setChecked] = useState(false);
  // People chosen here are known by name at once; those already in the chain are looked up.
  const [chosen, setChosen] = useState(new Map<number, Person>());
  const looked = useNamedPeople([...new Set(initial.flatMap((s) => s.userIds))]);
  const personOf = (id: number): Person => chosen.get(id) ?? looked.get(id) ?? { id, name: t('approvals.userId', { id }) };
  const change = (uid: number, patch: Partial<StepRow>) => setSteps((all) => all.map((s) => (s.uid === uid ? { ...s, ...patch } : s)));
  const store = (next: StepRow[]) =>
    save.mutate(
      { unitId, steps: next.map(({ uid: _uid, ...s }, i) => ({ ...s, position: i + 1, expiryDays: Number(s.expiryDays) })) },
      {
        onSuccess: () => {
          setInherit(false);
          notifications.show({ color: 'green', message: t('chain.saved') });
        },
      },
    );
  // A step nobody could decide would stop every request that reaches it.
  const undecidable = (s: StepRow) => s.role === null && s.userIds.length === 0;
  const badDays = (s: StepRow) => s.expiryDays === '' || s.expiryDays < 1 || s.expiryDays > 30;
  return (
    <Stack gap="sm">
      <Alert variant="light">{t('chain.inheritHint')}</Alert>
      {!inherit && <ProblemAlert error={save.error} />}
      {steps.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('chain.empty')}
        </Text>
      )}
      {steps.map((step, index) => (
        <Card key={step.uid} withBorder padding="sm" data-testid="chain-step">
          <Group align="flex-start" gap="sm">
            <Text fw={600} w={24} mt={{ base: 0, sm: 30 }}>
              {index + 1}.
            </Text>
            <NumberInput
              label={t('chain.threshold')}
              leftSection="Rp"
              min={0}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator="."
              decimalSeparator=","
              value={step.threshold}
              onChange={(v) => change(step.uid, { threshold: typeof v === 'number' ? v : 0 })}
              w={{ base: '100%', sm: 200 }}
            />
            <Select
              label={t('chain.role')}
              data={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
              value={step.role}
              onChange={(v) => change(step.uid, { role: (v as ChainStep['role']) ?? null })}
              clearable
              placeholder={t('chain.noRole')}
              error={checked && undecidable(step) ? t('chain.nobody') : undefined}
              w={{ base: '100%', sm: 220 }}
            />
            <NumberInput
              label={t('chain.expiryDays')}
              min={1}
              max={30}
              allowDecimal={false}
              allowNegative={false}
              value={step.expiryDays}
              onChange={(v) => change(step.uid, { expiryDays: typeof v === 'number' ? v : '' })}
              error={checked && badDays(step) ? t('chain.daysRange') : undefined}
              w={{ base: '100%', sm: 160 }}
              data-testid="chain-expiry"
            />
            <PeopleMultiSelect
              label={t('chain.people')}
              placeholder={step.userIds.length ? undefined : t('chain.peopleSearch')}
              value={step.userIds.map(personOf)}
              onChange={(people) => {
                setChosen((known) => new Map([...known, ...people.map((p) => [p.id, p] as const)]));
                change(step.uid, { userIds: people.map((p) => p.id) });
              }}
              maxValues={20}
              style={{ flex: '1 1 220px' }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={{ base: 0, sm: 28 }}
              aria-label={t('common:actions.remove')}
              onClick={() => setSteps((all) => all.filter((s) => s.uid !== step.uid))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        </Card>
      ))}
      <Group justify="space-between">
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          disabled={steps.length >= 10}
          onClick={() => {
            setSteps((all) => [
              ...all,
              { uid: nextUid, position: all.length + 1, threshold: 0, role: 'approver', userIds: [], expiryDays: 3 },
            ]);
            setNextUid((n) => n + 1);
          }}
          data-testid="chain-add"
        >
          {t('chain.add')}
        </Button>
        <Group gap="xs">
          <Button variant="default" onClick={() => setInherit(true)}>
            {t('chain.inherit')}
          </Button>
          <Button
            onClick={() => {
              setChecked(true);
              if (!steps.some((s) => undecidable(s) || badDays(s))) store(steps);
            }}
            loading={save.isPending}
            data-testid="chain-save"
          >
            {t('common:actions.save')}
          </Button>
        </Group>
      </Group>
      <ConfirmModal
        opened={inherit}
        onClose={() => setInherit(false)}
        onConfirm={() => store([])}
        title={t('chain.inherit')}
        message={t('chain.inheritMessage')}
        confirmLabel={t('chain.inherit')}
        color="blue"
        pending={save.isPending}
        error={save.error}
      />
    </Stack>
  );
}
