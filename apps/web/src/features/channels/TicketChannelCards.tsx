import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api-client.ts';
import { StarInput } from '../public/StarInput.tsx';
import { useFormat } from '../session/use-format.ts';
import { type Contact, useContactChanges, usePublicReport, useTicketContact, useTicketSurvey } from './channels.queries.ts';

const fact = (label: string, value: ReactNode, testId?: string) => (
  <div>
    <Text size="xs" c="dimmed">
      {label}
    </Text>
    <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid={testId}>
      {value || '—'}
    </Text>
  </div>
);

/** Beside a ticket: the contact it is on behalf of (003/004), the Lapor Gangguan report behind it, its satisfaction survey. */
export function TicketChannelCards({ ticket }: { ticket: { number: string; status: string } }) {
  const contact = useTicketContact(ticket.number).data;
  const report = usePublicReport(ticket.number).data?.report;
  return (
    <>
      {contact?.contact && <ContactCard contact={contact.contact} canManage={contact.canManage === true} report={report ?? null} />}
      <SurveyCard ticket={ticket} />
    </>
  );
}

type Report = NonNullable<ReturnType<typeof usePublicReport>['data']>['report'];

function ContactCard({ contact, canManage, report }: { contact: Contact; canManage: boolean; report: Report }) {
  const { t } = useTranslation('channels');
  const { dateTime } = useFormat();
  const { verify } = useContactChanges();
  const sendVerification = () =>
    verify.mutate(contact.id, {
      onSuccess: () => notifications.show({ color: 'teal', message: t('contacts.verificationSent') }),
      onError: (e) => notifications.show({ color: 'red', message: e instanceof ApiError ? e.detail : String(e) }),
    });
  return (
    <Card withBorder data-testid="ticket-contact">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{report ? t('ticket.reporter') : t('ticket.contact')}</Title>
        {report && <Badge variant="light">{t(`method.${report.method}`)}</Badge>}
      </Group>
      <SimpleGrid cols={2} spacing="sm">
        {fact(t('contacts.name'), contact.name, 'ticket-contact-name')}
        {fact(t('contacts.phone'), contact.phone)}
        {fact(
          t('contacts.email'),
          contact.email && (
            <>
              {contact.email}{' '}
              <Badge size="xs" color={contact.emailVerified ? 'teal' : 'gray'} variant="light">
                {contact.emailVerified ? t('contacts.verified') : t('contacts.unverified')}
              </Badge>
            </>
          ),
        )}
        {fact(t('contacts.organisation'), contact.organisation)}
        {report && fact(t('report.address'), report.address)}
        {report && fact(t('report.kelurahan'), report.kelurahan, 'ticket-contact-kelurahan')}
        {report && fact(t('report.kecamatan'), report.kecamatan)}
        {report && fact(t('ticket.occurredAt'), report.occurredAt ? dateTime(report.occurredAt) : null)}
      </SimpleGrid>
      {canManage && contact.email && !contact.emailVerified && (
        <Button
          mt="sm"
          size="xs"
          variant="light"
          leftSection={<IconMailCheck size={14} />}
          loading={verify.isPending}
          onClick={sendVerification}
        >
          {t('contacts.sendVerification')}
        </Button>
      )}
    </Card>
  );
}

const QUESTIONS = ['service', 'restored', 'information'] as const;

function SurveyCard({ ticket }: { ticket: { number: string; status: string } }) {
  const { t } = useTranslation('channels');
  const { dateTime } = useFormat();
  const survey = useTicketSurvey(ticket.number, ['resolved', 'closed'].includes(ticket.status)).data;
  if (!survey || survey.state === 'none') return null;
  return (
    <Card withBorder data-testid="ticket-csat">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{t('csat.title')}</Title>
        <Badge color={survey.state === 'answered' ? 'teal' : survey.state === 'expired' ? 'gray' : 'blue'} data-testid="ticket-csat-state">
          {t(`csat.state.${survey.state}`)}
        </Badge>
      </Group>
      {survey.answers ? (
        <Stack gap={6}>
          {QUESTIONS.map((q, i) => (
            <div key={q}>
              <Text size="xs" c="dimmed">
                {t(`survey.question.${q}`)}
              </Text>
              <StarInput value={survey.answers?.[i] ?? 0} label={t(`survey.question.${q}`)} testId={`ticket-csat-${q}`} />
            </div>
          ))}
          <Text size="sm" data-testid="ticket-csat-average">
            {t('csat.average', { value: survey.average?.toFixed(2) ?? '—' })}
          </Text>
          {survey.suggestion && (
            <Text size="sm" fs="italic" data-testid="ticket-csat-suggestion">
              “{survey.suggestion}”
            </Text>
          )}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {survey.state === 'open' && survey.expiresAt ? t('csat.waiting', { at: dateTime(survey.expiresAt) }) : t('csat.noAnswer')}
        </Text>
      )}
    </Card>
  );
}
