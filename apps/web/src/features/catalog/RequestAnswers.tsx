import { Card, SimpleGrid, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../session/session.queries.ts';
import { type ServiceRequest, useCatalogItem } from './catalog.queries.ts';
import { useCatalogFormat } from './catalog-format.ts';
import { type FormField, formOf } from './form-fields.ts';
import { Fact } from './VersionFacts.tsx';

/**
 * The answers to the item's form, in the form's order. The request names its
 * questions; the item's version (when it is still the published or working
 * one) adds the types, so choices show their labels and dates read as dates.
 */
export function RequestAnswers({ request }: { request: ServiceRequest }) {
  const { t, i18n } = useTranslation('catalog');
  const me = useMe();
  const format = useCatalogFormat();
  const answered = request.item.fields.filter((f) => request.answers[f.key] !== undefined);
  const item = useCatalogItem(answered.length ? request.item.id : 0).data;
  const version = [item?.published, item?.working].find((v) => v?.number === request.item.version);
  const fields = new Map(formOf(version?.form ?? []).map((f) => [f.key, f]));
  const en = i18n.language === 'en';
  if (!answered.length) return null;

  const optionLabel = (field: FormField | undefined, value: unknown) => {
    const option = field?.options.find((o) => o.value === value);
    return option ? (en ? option.labelEn : option.labelId) : String(value);
  };
  const show = (field: FormField | undefined, value: unknown): string => {
    if (Array.isArray(value)) return value.map((v) => optionLabel(field, v)).join(', ');
    if (typeof value === 'boolean') return t(value ? 'request.yes' : 'request.no');
    switch (field?.type) {
      case 'choice':
        return optionLabel(field, value);
      case 'date':
        return typeof value === 'string' ? format.date(value) : String(value);
      case 'number':
        return typeof value === 'number' ? format.count(value) : String(value);
      case 'person':
        // Answers keep people by id; the reader is recognised, others are named by id.
        return value === me.user.id ? me.user.name : t('approvals.userId', { id: value });
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
        {answered.map(({ key, label }) => (
          <Fact key={key} label={label}>
            <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{show(fields.get(key), request.answers[key])}</span>
          </Fact>
        ))}
      </SimpleGrid>
    </Card>
  );
}
