import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DISPUTE_COLORS, INVOICE_COLORS } from './billing-format.ts';

export function InvoiceStatusBadge({ status, testId }: { status: string; testId?: string }) {
  const { t } = useTranslation('billing');
  return (
    <Badge color={INVOICE_COLORS[status] ?? 'gray'} variant="light" miw="max-content" data-testid={testId}>
      {t(`status.${status}` as 'status.draft')}
    </Badge>
  );
}

export function DisputeStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('billing');
  return (
    <Badge color={DISPUTE_COLORS[status] ?? 'gray'} variant="light" miw="max-content" data-testid="dispute-status">
      {t(`disputeStatus.${status}` as 'disputeStatus.open')}
    </Badge>
  );
}
