import { Stack } from '@mantine/core';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useTimeZone } from '../session/session.queries.ts';
import { bodyOf, ChangeForm, emptyValues, linksOf, valuesOf } from './ChangeForm.tsx';
import { useChange, useChangeWrites, useCreateChange } from './changes.queries.ts';

/** Raise a request for change, blank or from a template; `?request=REQ-…` starts it from a service request. */
export function NewChangePage() {
  const { t } = useTranslation('changes');
  const navigate = useNavigate();
  const zone = useTimeZone();
  const { request } = useSearch({ strict: false }) as { request?: string };
  const create = useCreateChange();
  const initial = { ...emptyValues(zone), links: request ?? '' };
  return (
    <Stack maw={860}>
      <PageHeader title={t('form.newTitle')} description={t('form.newDescription')} />
      <ChangeForm
        initial={initial}
        creating
        pending={create.isPending}
        error={create.error}
        onSave={(v, submit) =>
          create.mutate(
            {
              ...bodyOf(v),
              type: v.type,
              ...(v.templateId ? { templateId: v.templateId } : {}),
              links: linksOf(v.links),
              submit,
            },
            { onSuccess: (change) => void navigate({ to: '/changes/$number', params: { number: change.number } }) },
          )
        }
      />
    </Stack>
  );
}

/** Complete a draft (the requester) or a change under review (the Change Manager). */
export function EditChangePage() {
  const { t } = useTranslation('changes');
  const { number } = useParams({ strict: false }) as { number: string };
  const navigate = useNavigate();
  const change = useChange(number);
  if (change.error) return <ProblemAlert error={change.error} onRetry={() => void change.refetch()} />;
  if (!change.data) return <LoadingState />;
  return (
    <EditForm
      change={change.data}
      number={number}
      onDone={() => void navigate({ to: '/changes/$number', params: { number } })}
      title={t('form.editTitle')}
    />
  );
}

function EditForm({
  change,
  number,
  onDone,
  title,
}: {
  change: NonNullable<ReturnType<typeof useChange>['data']>;
  number: string;
  onDone: () => void;
  title: string;
}) {
  const writes = useChangeWrites(change, number);
  return (
    <Stack maw={860}>
      <PageHeader title={title} description={`${change.number} · ${change.title}`} />
      <ChangeForm
        initial={valuesOf(change)}
        creating={false}
        pending={writes.update.isPending}
        error={writes.update.error}
        onCancel={onDone}
        onSave={(v) => {
          const { type: _type, ...rest } = { ...bodyOf(v), type: v.type };
          writes.update.mutate(
            { ...rest, ...(change.type === 'standard' ? {} : { type: v.type as 'normal' | 'emergency' }) },
            { onSuccess: onDone },
          );
        }}
      />
    </Stack>
  );
}
