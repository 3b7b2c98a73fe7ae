import { Alert, Button, Card, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { useAnswerSurvey, usePublicSurvey } from './public.queries.ts';
import { StarInput } from './StarInput.tsx';

const QUESTIONS = ['service', 'restored', 'information'] as const;

/** The feedback form (004 Figure 11): the ticket number, three star questions and Saran; once, no sign-in. */
export function SurveyPage() {
  const { token } = useParams({ strict: false }) as { token: string };
  const { t } = useTranslation('channels');
  const survey = usePublicSurvey(token);
  const answer = useAnswerSurvey(token);
  const [answers, setAnswers] = useState<[number, number, number]>([0, 0, 0]);
  const [suggestion, setSuggestion] = useState('');
  if (survey.error)
    return survey.error instanceof ApiError && survey.error.status === 404 ? (
      <Alert color="orange" title={t('survey.invalidTitle')} data-testid="survey-invalid">
        {t('survey.invalid')}
      </Alert>
    ) : (
      <ProblemAlert error={survey.error} onRetry={() => void survey.refetch()} />
    );
  const data = survey.data;
  if (!data) return <LoadingState />;
  const shown = data.answers ?? answers;
  const open = data.state === 'open';
  return (
    <Card withBorder padding="lg" data-testid="survey">
      <Stack gap="md">
        <Title order={1} fz={{ base: 24, sm: 30 }}>
          {t('survey.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('survey.intro', { organisation: data.organisation })}
        </Text>
        <TextInput label={t('survey.number')} value={data.number} readOnly data-testid="survey-number" />
        {data.state === 'answered' && (
          <Alert color="teal" title={t('survey.thanksTitle')} data-testid="survey-thanks">
            {t('survey.thanks')}
          </Alert>
        )}
        {data.state === 'expired' && (
          <Alert color="gray" data-testid="survey-expired">
            {t('survey.expired')}
          </Alert>
        )}
        <ProblemAlert error={answer.error} />
        {QUESTIONS.map((q, i) => (
          <Stack key={q} gap={4}>
            <Text fw={500}>{t(`survey.question.${q}`)}</Text>
            <StarInput
              value={shown[i] ?? 0}
              label={t(`survey.question.${q}`)}
              testId={`survey-${q}`}
              onChange={open ? (v) => setAnswers((a) => a.map((x, j) => (j === i ? v : x)) as [number, number, number]) : undefined}
            />
          </Stack>
        ))}
        <Textarea
          label={t('survey.suggestion')}
          autosize
          minRows={3}
          maxLength={2000}
          value={data.suggestion ?? suggestion}
          readOnly={!open}
          onChange={(e) => setSuggestion(e.currentTarget.value)}
          data-testid="survey-suggestion"
        />
        {open && (
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {answers.includes(0) ? t('survey.rateAll') : ''}
            </Text>
            <Button
              disabled={answers.includes(0)}
              loading={answer.isPending}
              onClick={() => answer.mutate({ answers, ...(suggestion.trim() ? { suggestion } : {}) })}
              data-testid="survey-send"
            >
              {t('survey.send')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
