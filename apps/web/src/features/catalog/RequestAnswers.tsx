import { Anchor, Card, SimpleGrid, Title } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Fact } from '../../components/Fact.tsx';
import type { FileAnswer, ServiceRequest } from './catalog.queries.ts';
import { useCatalogFormat } from './catalog-format.ts';

type Field = ServiceRequest['item']['fields'][number];

/**
 * The answers to the item's form, in the form's order, read through the
 * questions as the request's version asked them: choices by their labels,
 * dates as dates, people by name and files as downloads.
 */
export function RequestAnswers({ request }: { request: ServiceRequest }) {
  const { t } = useTranslation('catalog');
  const format = useCatalogFormat();
  const answered = request.item.fields.filter((f) => request.answers[f.key] !== undefined);
  if (!answered.length) return null;

  const optionLabel = (field: Field, value: unknown) => field.options.find((o) => o.value === value)?.label ?? String(value);
  const show = (field: Field, value: unknown): React.ReactNode => {
    if (Array.isArray(value)) return value.map((v) => optionLabel(field, v)).join(', ');
    if (typeof value === 'boolean') return t(value ? 'request.yes' : 'request.no');
    switch (field.type) {
      case 'choice':
        return optionLabel(field, value);
      case 'date':
        return typeof value === 'string' ? format.date(value) : String(value);
      case 'number':
        return typeof value === 'number' ? format.count(value) : String(value);
      case 'person':
        return (value as { name: string }).name;
      case 'file': {
        const file = value as FileAnswer;
        return (
          <Anchor href={`/api/v1/service-requests/${request.id}/files/${file.fileId}`} size="sm" data-testid={`answer-file-${field.key}`}>
            <IconPaperclip size={14} /> {file.name} ({format.fileSize(file.size)})
          </Anchor>
        );
      }
      default:
        return String(value);
    }
  };

  return (
    <Card withBorder padding="md" data-testid="request-answers">
      <Title order={4} size="h5" mb="sm">
        {t('request.answers')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {answered.map((field) => (
          <Fact key={field.key} label={field.label}>
            <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{show(field, request.answers[field.key])}</span>
          </Fact>
        ))}
      </SimpleGrid>
    </Card>
  );
}
