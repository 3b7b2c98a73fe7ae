import {
  Alert,
  Button,
  Card,
  CopyButton,
  FileInput,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconCopy, IconPaperclip, IconShieldCheck } from '@tabler/icons-react';
import { Link, useParams } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../components/form-errors.ts';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { solveProofOfWork } from './proof-of-work.ts';
import classes from './public.module.css';
import { type PublicForm, type ReportCreated, usePublicForm, useSubmitReport } from './public.queries.ts';

/** Problems that a fresh form (a new token) solves: the page fetches one and asks to send again. */
const FRESH_FORM = ['FORM_TOKEN_USED', 'FORM_TOKEN_EXPIRED', 'FORM_TOKEN_INVALID', 'CHALLENGE_REQUIRED', 'CHALLENGE_FAILED'];

const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const localTime = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** Lapor Gangguan (004 Figure 9): a member of the public reports a disruption without signing in. */
export function ReportPage() {
  const { slug } = useParams({ strict: false }) as { slug: string };
  const { t } = useTranslation('channels');
  const form = usePublicForm(slug);
  const [created, setCreated] = useState<ReportCreated | null>(null);
  if (created) return <ReportReceived created={created} onAnother={() => void form.refetch().then(() => setCreated(null))} />;
  if (form.error) {
    const missing = form.error instanceof ApiError && form.error.status === 404;
    return missing ? (
      <Alert color="gray" title={t('report.unavailableTitle')} data-testid="report-unavailable">
        {t('report.unavailable')}
      </Alert>
    ) : (
      <ProblemAlert error={form.error} onRetry={() => void form.refetch()} />
    );
  }
  if (!form.data) return <LoadingState />;
  return <ReportForm slug={slug} form={form.data} refetch={() => form.refetch()} onCreated={setCreated} />;
}

type Values = {
  method: string;
  name: string;
  phone: string;
  email: string;
  address: string;
  kelurahan: string;
  kecamatan: string;
  date: string;
  time: string;
  serviceId: string | null;
  description: string;
  evidence: File[];
  website: string;
};

function ReportForm({
  slug,
  form: publicForm,
  refetch,
  onCreated,
}: {
  slug: string;
  form: PublicForm;
  refetch: () => Promise<unknown>;
  onCreated: (created: ReportCreated) => void;
}) {
  const { t } = useTranslation('channels');
  const submit = useSubmitReport(slug);
  const loadedAt = useRef(Date.now());
  const [busy, setBusy] = useState<'waiting' | 'checking' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const now = new Date();
  const values = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      method: 'web_form',
      name: '',
      phone: '',
      email: '',
      address: '',
      kelurahan: '',
      kecamatan: '',
      date: localDate(now),
      time: localTime(now),
      serviceId: null,
      description: '',
      evidence: [],
      website: '',
    },
    validate: {
      evidence: (files) =>
        files.length > publicForm.evidence.maxFiles ? t('report.tooManyFiles', { max: publicForm.evidence.maxFiles }) : null,
    },
  });
  // A new token arrives with each fetched form; the minimum fill time counts from it.
  const tokenSeen = useRef(publicForm.formToken);
  if (tokenSeen.current !== publicForm.formToken) {
    tokenSeen.current = publicForm.formToken;
    loadedAt.current = Date.now();
  }

  const send = async (v: Values) => {
    setNotice(null);
    // A person is never this fast; wait out the rest of the minimum fill time rather than be refused.
    const wait = loadedAt.current + publicForm.minFillSeconds * 1000 + 300 - Date.now();
    if (wait > 0) {
      setBusy('waiting');
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const body = new FormData();
    const fields: Record<string, string> = {
      method: v.method,
      name: v.name,
      phone: v.phone,
      email: v.email.trim(),
      address: v.address,
      kelurahan: v.kelurahan,
      kecamatan: v.kecamatan,
      occurredAt: v.date ? `${v.date}T${v.time || '00:00'}` : '',
      serviceId: v.serviceId ?? '',
      description: v.description,
      formToken: publicForm.formToken,
      website: v.website,
    };
    if (publicForm.challenge) {
      setBusy('checking');
      fields.challenge = await solveProofOfWork(publicForm.formToken, publicForm.challenge.bits);
    }
    for (const [key, value] of Object.entries(fields)) if (value) body.append(key, value);
    for (const file of v.evidence) body.append('evidence', file);
    setBusy(null);
    try {
      onCreated(await submit.mutateAsync(body));
    } catch (error) {
      applyServerErrors(values, error);
      if (error instanceof ApiError && FRESH_FORM.includes(error.code)) {
        await refetch();
        setNotice(t('report.sendAgain'));
      }
    }
  };

  const field = (name: keyof Values) => ({ ...values.getInputProps(name), 'data-testid': `report-${name}` });
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1} fz={{ base: 26, sm: 32 }}>
          {t('report.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('report.intro', { company: publicForm.company })}
        </Text>
      </Stack>
      <Card withBorder component="form" onSubmit={values.onSubmit((v) => void send(v))} data-testid="report-form" noValidate>
        <Stack gap="sm">
          <ProblemAlert error={submit.error} fields={Object.keys(values.getValues())} />
          {notice && (
            <Alert color="blue" data-testid="report-notice">
              {notice}
            </Alert>
          )}
          <Select
            label={t('report.method')}
            data={publicForm.methods.map((m) => ({ value: m, label: t(`method.${m}`) }))}
            allowDeselect={false}
            {...field('method')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" style={{ alignItems: 'end' }}>
            <TextInput label={t('report.name')} required maxLength={120} autoComplete="name" {...field('name')} />
            <TextInput
              label={t('report.phone')}
              description={t('report.phoneHelp')}
              required
              type="tel"
              inputMode="tel"
              maxLength={30}
              autoComplete="tel"
              {...field('phone')}
            />
          </SimpleGrid>
          <TextInput
            label={t('report.email')}
            description={t('report.emailHelp')}
            type="email"
            maxLength={254}
            autoComplete="email"
            {...field('email')}
          />
          <Textarea label={t('report.address')} required autosize minRows={2} maxLength={300} {...field('address')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('report.kelurahan')} required maxLength={100} {...field('kelurahan')} />
            <TextInput label={t('report.kecamatan')} required maxLength={100} {...field('kecamatan')} />
          </SimpleGrid>
          <SimpleGrid cols={2} spacing="sm">
            <TextInput label={t('report.date')} type="date" max={localDate(new Date())} {...field('date')} />
            <TextInput label={t('report.time')} type="time" {...field('time')} />
          </SimpleGrid>
          <Select
            label={t('report.service')}
            placeholder={t('report.servicePlaceholder')}
            data={publicForm.services.map((s) => ({ value: String(s.id), label: s.name }))}
            clearable
            {...field('serviceId')}
          />
          <Textarea
            label={t('report.description')}
            description={t('report.descriptionHelp')}
            required
            autosize
            minRows={4}
            maxLength={5000}
            {...field('description')}
          />
          <FileInput
            label={t('report.evidence')}
            description={t('report.evidenceHelp', { max: publicForm.evidence.maxFiles, mb: publicForm.evidence.maxMb })}
            multiple
            clearable
            accept={publicForm.evidence.types.join(',')}
            leftSection={<IconPaperclip size={16} />}
            {...field('evidence')}
          />
          {/* A field people never see nor reach: only a bot fills it in. */}
          <div className={classes.honeypot} aria-hidden="true">
            <label>
              Website
              <input type="text" tabIndex={-1} autoComplete="off" {...values.getInputProps('website')} data-testid="report-website" />
            </label>
          </div>
          <Group justify="space-between" align="center">
            <Text size="xs" c="dimmed">
              {publicForm.challenge && (
                <>
                  <IconShieldCheck size={14} style={{ verticalAlign: 'middle' }} /> {t('report.extraCheck')}
                </>
              )}
            </Text>
            <Button type="submit" loading={submit.isPending || busy !== null} data-testid="report-submit">
              {t('report.submit')}
            </Button>
          </Group>
          {busy && (
            <Text size="sm" c="dimmed" ta="right">
              {t(`report.busy.${busy}`)}
            </Text>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}

/** 004 Figure 10: the number, and the secret code to follow the report with (also sent by SMS). */
function ReportReceived({ created, onAnother }: { created: ReportCreated; onAnother: () => void }) {
  const { t } = useTranslation('channels');
  return (
    <Card withBorder padding="lg" data-testid="report-received">
      <Stack gap="md">
        <Group gap="xs">
          <IconCheck color="var(--mantine-color-teal-6)" />
          <Title order={2} fz={{ base: 22, sm: 26 }}>
            {t('received.title')}
          </Title>
        </Group>
        <Text>{t('received.body')}</Text>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Secret label={t('received.number')} value={created.number} testId="report-number" />
          <Secret label={t('received.code')} value={created.trackingCode} testId="report-code" />
        </SimpleGrid>
        <Alert color="yellow">{t('received.keepCode')}</Alert>
        <Group>
          <Button
            renderRoot={(props) => (
              <Link {...props} to="/track/$number" params={{ number: created.number }} search={{ code: created.trackingCode }} />
            )}
            data-testid="report-track"
          >
            {t('received.track')}
          </Button>
          <Button variant="default" onClick={onAnother}>
            {t('received.another')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function Secret({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useTranslation('channels');
  return (
    <Card withBorder bg="var(--mantine-color-gray-0)" padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text fw={700} fz={22} ff="monospace" style={{ overflowWrap: 'anywhere' }} data-testid={testId}>
          {value}
        </Text>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={copy}
              leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            >
              {copied ? t('received.copied') : t('received.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Card>
  );
}
