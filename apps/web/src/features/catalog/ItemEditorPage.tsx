import {
  Alert,
  Anchor,
  Autocomplete,
  Button,
  Card,
  Group,
  Input,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { isNotEmpty, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { idOptions } from '../../lib/options.ts';
import { DurationInput } from '../admin/sla/DurationInput.tsx';
import { useCompanies, useTeams, useUnits } from '../tickets/tickets.queries.ts';
import { type CatalogItem, useCatalogCategories, useCatalogItem, useItemChanges, useProviderDivisions } from './catalog.queries.ts';
import { FieldBuilder } from './FieldBuilder.tsx';
import { ItemActions } from './ItemActions.tsx';
import { ItemStateBadge } from './ItemBadges.tsx';
import { contentOf, type ItemFormValues, initialValues } from './item-form.ts';
import { VersionHistory } from './VersionHistory.tsx';

/** `/catalog/provide/new` registers an item; `/catalog/provide/$id` edits it (a published item gets a new version). */
export function ItemEditorPage() {
  const { id } = useParams({ strict: false }) as { id?: string };
  const query = useCatalogItem(Number(id ?? 0));
  if (!id) return <ItemEditor />;
  if (query.error) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <LoadingState />;
  return <ItemEditor key={query.data.version} item={query.data} />;
}

function ItemEditor({ item }: { item?: CatalogItem }) {
  const { t } = useTranslation(['catalog', 'common']);
  const navigate = useNavigate();
  const { create, update } = useItemChanges();
  const units = useUnits();
  const teams = useTeams();
  const companies = useCompanies();
  const categories = useCatalogCategories('category');
  const categoriesEn = useCatalogCategories('categoryEn');
  // The divisions I may provide for are the server's to say.
  const divisions = useProviderDivisions().data;
  const unitChoices = divisions?.items ?? [];
  const required = isNotEmpty(t('common:validation.required'));
  const form = useForm<ItemFormValues>({
    initialValues: initialValues(item, ''),
    validate: {
      nameId: required,
      nameEn: required,
      category: required,
      categoryEn: required,
      providerUnitId: required,
      rate: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? null : t('editor.rateInvalid')),
      form: {
        key: (v) => (/^[a-z][a-z0-9_]{0,39}$/.test(v) ? null : t('editor.keyInvalid')),
        labelId: required,
        labelEn: required,
        max: (max, values, path) => {
          const min = values.form[Number(path.split('.')[1])]?.min;
          return max !== undefined && min !== undefined && max < min ? t('builder.maxBelowMin') : null;
        },
      },
    },
  });
  const mutation = item ? update : create;
  const editable = !item || item.allowedActions.includes('edit');

  const submit = form.onSubmit((values) => {
    const onError = (error: Error) => {
      if (error instanceof ApiError) form.setErrors(Object.fromEntries(error.errors.map((e) => [e.path, e.message])));
    };
    const onSuccess = (saved: CatalogItem) => {
      notifications.show({ color: 'green', message: t('editor.saved') });
      if (!item) void navigate({ to: '/catalog/provide/$id', params: { id: String(saved.id) } });
    };
    if (item) update.mutate({ id: item.id, body: { version: item.version, ...contentOf(values) } }, { onSuccess, onError });
    else create.mutate({ providerUnitId: Number(values.providerUnitId), ...contentOf(values) }, { onSuccess, onError });
  });

  const values = form.getValues();
  // The provider division's own teams fulfil its items; other teams are offered only when it has none.
  const ownTeams = (teams.data?.items ?? []).filter((team) => String(team.unitId) === values.providerUnitId);
  const teamChoices = ownTeams.length ? ownTeams : teams.data?.items;
  const soleTeam = !item && ownTeams.length === 1 ? String(ownTeams[0]?.id) : null;
  // A provider of one division (with its departments) registers for it.
  const soleDivision = !item && divisions?.proposed ? String(divisions.proposed) : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: proposes the division once it is known
  useEffect(() => {
    if (soleDivision && !form.getValues().providerUnitId) form.setFieldValue('providerUnitId', soleDivision);
  }, [soleDivision]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: proposes the team once per provider division
  useEffect(() => {
    if (soleTeam && !form.getValues().teamId) form.setFieldValue('teamId', soleTeam);
  }, [soleTeam]);
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/catalog/provide" size="sm">
        ← {t('editor.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Group gap="xs">
          <Title order={3}>{item ? (item.working ?? item.published)?.name : t('provide.new')}</Title>
          {item && <ItemStateBadge state={item.state} testId="item-state" />}
        </Group>
        {item && <ItemActions item={item} showEdit={false} />}
      </Group>
      {item?.working?.rejectionReason && (
        <Alert color="red" title={t('item.rejected')}>
          {item.working.rejectionReason}
        </Alert>
      )}
      {item && !editable && <Alert color="yellow">{t('editor.locked')}</Alert>}
      {item?.state === 'published' && editable && <Alert color="blue">{t('editor.newVersion')}</Alert>}
      <form onSubmit={submit} noValidate>
        <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="lg">
            <ProblemAlert error={mutation.error} fields={Object.keys(values)} />
            <Card withBorder padding="md">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('editor.nameId')}
                  required
                  data-testid="item-nameId"
                  {...form.getInputProps('nameId')}
                  key={form.key('nameId')}
                />
                <TextInput
                  label={t('editor.nameEn')}
                  required
                  data-testid="item-nameEn"
                  {...form.getInputProps('nameEn')}
                  key={form.key('nameEn')}
                />
                <Textarea
                  label={t('editor.descriptionId')}
                  autosize
                  minRows={3}
                  {...form.getInputProps('descriptionId')}
                  key={form.key('descriptionId')}
                />
                <Textarea
                  label={t('editor.descriptionEn')}
                  autosize
                  minRows={3}
                  {...form.getInputProps('descriptionEn')}
                  key={form.key('descriptionEn')}
                />
                <Autocomplete
                  label={t('editor.categoryId')}
                  description={t('editor.categoryHelp')}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  data={categories.data ?? []}
                  required
                  data-testid="item-category"
                  {...form.getInputProps('category')}
                  key={form.key('category')}
                />
                <Autocomplete
                  label={t('editor.categoryEn')}
                  data={categoriesEn.data ?? []}
                  required
                  data-testid="item-category-en"
                  {...form.getInputProps('categoryEn')}
                  key={form.key('categoryEn')}
                />
                <Select
                  label={t('item.provider')}
                  required
                  disabled={Boolean(item)}
                  data={idOptions(unitChoices, (u) => u.name)}
                  searchable
                  data-testid="item-provider"
                  {...form.getInputProps('providerUnitId')}
                  key={form.key('providerUnitId')}
                />
                <Select
                  label={t('editor.team')}
                  description={t('editor.teamHelp')}
                  data={idOptions(teamChoices, (team) => team.name)}
                  clearable
                  searchable
                  data-testid="item-team"
                  {...form.getInputProps('teamId')}
                  key={form.key('teamId')}
                />
              </SimpleGrid>
            </Card>
            <Card withBorder padding="md">
              <Stack>
                <Input.Wrapper label={t('item.costModel')}>
                  <SegmentedControl
                    fullWidth
                    mt={4}
                    data={(['fixed', 'per_hour', 'per_unit'] as const).map((m) => ({ value: m, label: t(`costModels.${m}`) }))}
                    data-testid="item-cost-model"
                    {...form.getInputProps('costModel')}
                    key={form.key('costModel')}
                  />
                </Input.Wrapper>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <NumberInput
                    label={t('editor.rate')}
                    required
                    min={0}
                    allowDecimal={false}
                    thousandSeparator="."
                    decimalSeparator=","
                    leftSection="Rp"
                    data-testid="item-rate-input"
                    {...form.getInputProps('rate')}
                    key={form.key('rate')}
                  />
                  {values.costModel !== 'fixed' && (
                    <TextInput
                      label={t('editor.unitLabel')}
                      placeholder={t(values.costModel === 'per_hour' ? 'cost.unit.hour' : 'cost.unit.unit')}
                      data-testid="item-unit-label"
                      {...form.getInputProps('unitLabel')}
                      key={form.key('unitLabel')}
                    />
                  )}
                  <DurationInput
                    label={t('item.response')}
                    testId="item-response"
                    {...form.getInputProps('responseMinutes')}
                    key={form.key('responseMinutes')}
                  />
                  <DurationInput
                    label={t('item.resolution')}
                    testId="item-resolution"
                    {...form.getInputProps('resolutionMinutes')}
                    key={form.key('resolutionMinutes')}
                  />
                </SimpleGrid>
                <Switch
                  label={t('editor.predefined')}
                  description={t('editor.predefinedHelp')}
                  {...form.getInputProps('predefined', { type: 'checkbox' })}
                  key={form.key('predefined')}
                />
                <Switch
                  label={t('editor.alwaysApproval')}
                  description={t('editor.alwaysApprovalHelp')}
                  {...form.getInputProps('alwaysApproval', { type: 'checkbox' })}
                  key={form.key('alwaysApproval')}
                />
              </Stack>
            </Card>
            <Card withBorder padding="md">
              <Stack>
                <Switch
                  label={t('editor.audienceAll')}
                  {...form.getInputProps('audienceAll', { type: 'checkbox' })}
                  key={form.key('audienceAll')}
                />
                {!values.audienceAll && (
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <MultiSelect
                      label={t('editor.audienceCompanies')}
                      data={idOptions(companies.data, (c) => c.name)}
                      searchable
                      {...form.getInputProps('audienceCompanyIds')}
                      key={form.key('audienceCompanyIds')}
                    />
                    <MultiSelect
                      label={t('editor.audienceUnits')}
                      data={idOptions(units.data, (u) => u.name)}
                      searchable
                      {...form.getInputProps('audienceUnitIds')}
                      key={form.key('audienceUnitIds')}
                    />
                  </SimpleGrid>
                )}
              </Stack>
            </Card>
            <Card withBorder padding="md">
              <FieldBuilder form={form} />
            </Card>
            {editable && (
              <Group justify="flex-end">
                <Button type="submit" loading={mutation.isPending} data-testid="item-save">
                  {t(item ? 'editor.save' : 'editor.create')}
                </Button>
              </Group>
            )}
          </Stack>
        </fieldset>
      </form>
      {item && item.history.length > 0 && <VersionHistory item={item} />}
    </Stack>
  );
}
