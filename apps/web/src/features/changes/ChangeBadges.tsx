import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const STATUS_COLORS: Record<string, string> = {
  draft: 'gray',
  submitted: 'blue',
  under_review: 'indigo',
  pending_approval: 'yellow',
  approved: 'teal',
  scheduled: 'cyan',
  in_progress: 'violet',
  completed: 'green',
  failed: 'red',
  closed: 'dark',
  rejected: 'red',
  cancelled: 'gray',
};

/** Risk levels keep one colour everywhere: the calendar colours changes by them. */
export const RISK_COLORS: Record<string, string> = { low: 'green', medium: 'orange', high: 'red' };

export function ChangeStatusBadge({ status, testId = 'change-status' }: { status: string; testId?: string }) {
  const { t } = useTranslation('changes');
  return (
    <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="light" miw="max-content" data-testid={testId}>
      {t(`status.${status}` as 'status.draft')}
    </Badge>
  );
}

export function RiskBadge({ risk }: { risk: string }) {
  const { t } = useTranslation('changes');
  return (
    <Badge color={RISK_COLORS[risk] ?? 'gray'} variant="dot" miw="max-content" data-testid="change-risk">
      {t('riskLabel', { level: t(`risk.${risk}` as 'risk.low') })}
    </Badge>
  );
}

export function TypeBadge({ type }: { type: string }) {
  const { t } = useTranslation('changes');
  return (
    <Badge color={type === 'emergency' ? 'red' : type === 'standard' ? 'gray' : 'blue'} variant="outline" miw="max-content">
      {t(`type.${type}` as 'type.normal')}
    </Badge>
  );
}
