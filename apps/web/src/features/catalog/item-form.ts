import { fromId, orNull, toId } from '../../lib/options.ts';
import type { CatalogItem, ItemBody } from './catalog.queries.ts';
import { type FormField, formOf } from './form-fields.ts';

export type CostModel = ItemBody['costModel'];

/** The editor's values; selects hold ids as strings. */
export interface ItemFormValues {
  nameId: string;
  nameEn: string;
  descriptionId: string;
  descriptionEn: string;
  category: string;
  categoryEn: string;
  providerUnitId: string;
  teamId: string;
  costModel: CostModel;
  rate: number | string;
  unitLabel: string;
  responseMinutes: number;
  resolutionMinutes: number;
  predefined: boolean;
  alwaysApproval: boolean;
  audienceAll: boolean;
  audienceUnitIds: string[];
  audienceCompanyIds: string[];
  form: FormField[];
}

/** A new item's defaults, or the values of the version being edited (the working one, else the published). */
export function initialValues(item: CatalogItem | undefined, providerUnitId: string): ItemFormValues {
  const v = item?.working ?? item?.published;
  const audience = (v?.audience ?? { all: true }) as { all?: boolean; unitIds?: number[]; companyIds?: number[] };
  return {
    nameId: v?.nameId ?? '',
    nameEn: v?.nameEn ?? '',
    descriptionId: v?.descriptionId ?? '',
    descriptionEn: v?.descriptionEn ?? '',
    category: v?.category ?? '',
    categoryEn: v?.categoryEn ?? '',
    providerUnitId: item ? String(item.provider.unitId) : providerUnitId,
    teamId: fromId(item?.teamId),
    costModel: v?.costModel ?? 'per_hour',
    rate: v?.rate ?? '',
    unitLabel: v?.unitLabel ?? '',
    responseMinutes: v?.responseMinutes ?? 240,
    resolutionMinutes: v?.resolutionMinutes ?? 1440,
    predefined: v?.predefined ?? true,
    alwaysApproval: v?.alwaysApproval ?? false,
    audienceAll: audience.all === true,
    audienceUnitIds: (audience.unitIds ?? []).map(String),
    audienceCompanyIds: (audience.companyIds ?? []).map(String),
    form: formOf(v?.form ?? []),
  };
}

/** The content both create and edit send; empty help texts and options are left to the server's defaults. */
export function contentOf(values: ItemFormValues) {
  return {
    nameId: values.nameId.trim(),
    nameEn: values.nameEn.trim(),
    descriptionId: values.descriptionId.trim(),
    descriptionEn: values.descriptionEn.trim(),
    category: values.category.trim(),
    categoryEn: values.categoryEn.trim(),
    teamId: toId(values.teamId),
    costModel: values.costModel,
    rate: Number(values.rate),
    unitLabel: values.costModel === 'fixed' ? null : orNull(values.unitLabel),
    responseMinutes: values.responseMinutes,
    resolutionMinutes: values.resolutionMinutes,
    predefined: values.predefined,
    alwaysApproval: values.alwaysApproval,
    audience: values.audienceAll
      ? ({ all: true } as const)
      : { unitIds: values.audienceUnitIds.map(Number), companyIds: values.audienceCompanyIds.map(Number) },
    form: values.form.map((f) => ({
      key: f.key.trim(),
      type: f.type,
      labelId: f.labelId.trim(),
      labelEn: f.labelEn.trim(),
      helpId: f.helpId.trim(),
      helpEn: f.helpEn.trim(),
      required: f.required,
      options: f.type === 'choice' || f.type === 'multi_choice' ? f.options : [],
      // Only the limits that apply to the field's type travel with it.
      ...(f.type === 'number' ? { min: f.min, max: f.max } : {}),
      ...(f.type === 'short_text' || f.type === 'long_text' ? { maxLength: f.maxLength } : {}),
    })),
  };
}
