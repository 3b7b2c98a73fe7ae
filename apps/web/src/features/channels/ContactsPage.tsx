import { Alert, Badge, Button, Card, Group, Pagination, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconMailCheck, IconPencil, IconPlus, IconSearch, IconTicket } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal.tsx';
import { applyServerErrors } from '../../components/form-errors.ts';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { useCompanies, useUnits } from '../tickets/tickets.queries.ts';
import { type Contact, useContactChanges, useContacts } from './channels.queries.ts';

const PAGE_SIZE = 20;

/** External contacts (003: Request By, Company, Customer Email) and public reporters: record, correct, confirm email, log tickets for them. */
export function ContactsPage() {
  const { t } = useTranslation('channels');
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q, 300);
  const [page, setPage] = useState(1);
  const list = useContacts({ q: search || undefined, page, pageSize: PAGE_SIZE });
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const [logging, setLogging] = useState<Contact | null>(null);
  const { verify } = useContactChanges();
  const sendVerification = (contact: Contact) =>
    verify.mutate(contact.id, {
      onSuccess: () => notifications.show({ color: 'teal', message: t('contacts.verificationSent') }),
      onError: (e) => notifications.show({ color: 'red', message: e instanceof ApiError ? e.detail : String(e) }),
    });
  return (
    <Stack>
      <PageHeader
        title={t('contacts.title')}
        description={t('contacts.description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="contact-new">
            {t('contacts.new')}
          </Button>
        }
      />
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder={t('contacts.search')}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          setPage(1);
        }}
        data-testid="contact-search"
      />
      <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      {!list.data && !list.error && <LoadingState />}
      {list.data?.items.length === 0 && <Alert color="gray">{t('contacts.empty')}</Alert>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {list.data?.items.map((c) => (
          <Card key={c.id} withBorder padding="sm" data-testid="contact-item">
            <Stack gap={4}>
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600} truncate>
                  {c.name}
                </Text>
                <Badge variant="light" color="gray">
                  {t('contacts.tickets', { count: c.ticketCount })}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {[c.organisation, c.company.name].filter(Boolean).join(' · ')}
              </Text>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {[c.phone, c.email].filter(Boolean).join(' · ') || '—'}{' '}
                {c.email && (
                  <Badge size="xs" color={c.emailVerified ? 'teal' : 'gray'} variant="light">
                    {c.emailVerified ? t('contacts.verified') : t('contacts.unverified')}
                  </Badge>
                )}
              </Text>
              <Group gap="xs" mt={4}>
                <Button
                  size="compact-sm"
                  variant="light"
                  leftSection={<IconTicket size={14} />}
                  onClick={() => setLogging(c)}
                  data-testid="contact-ticket"
                >
                  {t('contacts.logTicket')}
                </Button>
                <Button size="compact-sm" variant="subtle" leftSection={<IconPencil size={14} />} onClick={() => setEditing(c)}>
                  {t('contacts.edit')}
                </Button>
                {c.email && !c.emailVerified && (
                  <Button size="compact-sm" variant="subtle" leftSection={<IconMailCheck size={14} />} onClick={() => sendVerification(c)}>
                    {t('contacts.sendVerification')}
                  </Button>
                )}
              </Group>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      {list.data && list.data.total > PAGE_SIZE && (
        <Pagination total={Math.ceil(list.data.total / PAGE_SIZE)} value={page} onChange={setPage} />
      )}
      {editing && <ContactModal contact={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {logging && <ContactTicketModal contact={logging} onClose={() => setLogging(null)} />}
    </Stack>
  );
}

const CONTACT_FIELDS = ['companyId', 'name', 'email', 'phone', 'organisation', 'address', 'kelurahan', 'kecamatan'] as const;

function ContactModal({ contact, onClose }: { contact: Contact | null; onClose: () => void }) {
  const { t } = useTranslation('channels');
  const companies = useCompanies();
  const { create, update } = useContactChanges();
  const form = useForm({
    initialValues: {
      companyId: contact ? String(contact.company.id) : '',
      name: contact?.name ?? '',
      email: contact?.email ?? '',
      phone: contact?.phone ?? '',
      organisation: contact?.organisation ?? '',
      address: contact?.address ?? '',
      kelurahan: contact?.kelurahan ?? '',
      kecamatan: contact?.kecamatan ?? '',
    },
  });
  const mutation = contact ? update : create;
  const submit = form.onSubmit(async (v) => {
    const fields = {
      name: v.name,
      email: v.email.trim() || null,
      phone: v.phone.trim() || null,
      organisation: v.organisation.trim() || null,
      address: v.address.trim() || null,
      kelurahan: v.kelurahan.trim() || null,
      kecamatan: v.kecamatan.trim() || null,
    };
    try {
      if (contact) await update.mutateAsync({ id: contact.id, body: { version: contact.version, ...fields } });
      else await create.mutateAsync({ companyId: Number(v.companyId), ...fields });
      onClose();
    } catch (error) {
      applyServerErrors(form, error);
    }
  });
  return (
    <FormModal
      opened
      onClose={onClose}
      title={contact ? t('contacts.edit') : t('contacts.new')}
      onSubmit={submit}
      submitting={mutation.isPending}
      error={mutation.error}
      fields={CONTACT_FIELDS}
    >
      {!contact && (
        <Select
          label={t('contacts.company')}
          required
          data={(companies.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
          {...form.getInputProps('companyId')}
          data-testid="contact-company"
        />
      )}
      <TextInput label={t('contacts.name')} required maxLength={120} {...form.getInputProps('name')} data-testid="contact-name" />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('contacts.email')} type="email" maxLength={254} {...form.getInputProps('email')} data-testid="contact-email" />
        <TextInput label={t('contacts.phone')} type="tel" maxLength={30} {...form.getInputProps('phone')} data-testid="contact-phone" />
      </SimpleGrid>
      <TextInput label={t('contacts.organisation')} maxLength={160} {...form.getInputProps('organisation')} />
      <Textarea label={t('report.address')} autosize minRows={2} maxLength={300} {...form.getInputProps('address')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('report.kelurahan')} maxLength={100} {...form.getInputProps('kelurahan')} />
        <TextInput label={t('report.kecamatan')} maxLength={100} {...form.getInputProps('kecamatan')} />
      </SimpleGrid>
    </FormModal>
  );
}

const TICKET_CHANNELS = ['phone', 'walk_in', 'email', 'web'] as const;

function ContactTicketModal({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const { t } = useTranslation(['channels', 'tickets']);
  const units = useUnits();
  const navigate = useNavigate();
  const { ticket } = useContactChanges();
  const form = useForm({ initialValues: { unitId: '', title: '', description: '', channel: 'phone' as string } });
  const submit = form.onSubmit(async (v) => {
    const escaped = v.description.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    try {
      const created = await ticket.mutateAsync({
        id: contact.id,
        body: {
          unitId: Number(v.unitId),
          title: v.title,
          description: escaped ? `<p>${escaped.replace(/\n/g, '<br>')}</p>` : '',
          channel: v.channel as (typeof TICKET_CHANNELS)[number],
        },
      });
      onClose();
      await navigate({ to: '/tickets/$number', params: { number: created.number } });
    } catch (error) {
      applyServerErrors(form, error);
    }
  });
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('contacts.logTicketFor', { name: contact.name })}
      onSubmit={submit}
      submitting={ticket.isPending}
      error={ticket.error}
      fields={['unitId', 'title', 'description', 'channel']}
      submitLabel={t('contacts.logTicket')}
    >
      <Select
        label={t('contacts.unit')}
        description={t('contacts.unitHelp')}
        required
        searchable
        data={(units.data ?? []).filter((u) => u.companyId === contact.company.id).map((u) => ({ value: String(u.id), label: u.name }))}
        {...form.getInputProps('unitId')}
        data-testid="contact-ticket-unit"
      />
      <Select
        label={t('tickets:field.channel')}
        allowDeselect={false}
        data={TICKET_CHANNELS.map((c) => ({ value: c, label: t(`tickets:channel.${c}`) }))}
        {...form.getInputProps('channel')}
      />
      <TextInput
        label={t('tickets:field.title')}
        required
        maxLength={200}
        {...form.getInputProps('title')}
        data-testid="contact-ticket-title"
      />
      <Textarea label={t('tickets:field.description')} autosize minRows={3} {...form.getInputProps('description')} />
    </FormModal>
  );
}
