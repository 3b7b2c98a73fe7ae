import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const ITEM_COLORS: Record<string, string> = {
  draft: 'gray',
  pending_approval: 'yellow',
  published: 'green',
  retired: 'dark',
  rejected: 'red',
  superseded: 'gray',
};

/** An item's or version's lifecycle state. */
export function ItemStateBadge({ state, testId }: { state: string; testId?: string }) {
  const { t } = useTranslation('catalog');
  return (
    <Badge color={ITEM_COLORS[state] ?? 'gray'} variant="light" miw="max-content" data-testid={testId}>
      {t(`itemStates.${state}` as 'itemStates.draft')}
    </Badge>
  );
}

const REQUEST_COLORS: Record<string, string> = {
  submitted: 'gray',
  pending_approval: 'yellow',
  approved: 'teal',
  rejected: 'red',
  expired: 'red',
  in_fulfilment: 'blue',
  done: 'green',
  closed: 'dark',
  cancelled: 'gray',
};

/** A service request's status. */
export function RequestStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('catalog');
  return (
    <Badge color={REQUEST_COLORS[status] ?? 'gray'} variant="light" miw="max-content" data-testid="request-status">
      {t(`requestStates.${status}` as 'requestStates.submitted')}
    </Badge>
  );
}

const STEP_COLORS: Record<string, string> = { pending: 'yellow', waiting: 'gray', approved: 'green', rejected: 'red', expired: 'red' };

/** One approval step's state. */
export function StepStateBadge({ state }: { state: string }) {
  const { t } = useTranslation('catalog');
  return (
    <Badge color={STEP_COLORS[state] ?? 'gray'} variant="light" miw="max-content">
      {t(`stepStates.${state}` as 'stepStates.pending')}
    </Badge>
  );
}
