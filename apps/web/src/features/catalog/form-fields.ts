/** The field types a provider may put on an item's request form (the server's FIELD_TYPES). */
export const FIELD_TYPES = ['short_text', 'long_text', 'number', 'date', 'choice', 'multi_choice', 'checkbox', 'file', 'person'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldOption {
  value: string;
  labelId: string;
  labelEn: string;
}

/** One field of an item's request form, both languages (as the server stores it). */
export interface FormField {
  key: string;
  type: FieldType;
  labelId: string;
  labelEn: string;
  helpId: string;
  helpEn: string;
  required: boolean;
  options: FieldOption[];
  /** A number's range and a text's length, checked by the server when the form is sent. */
  min?: number;
  max?: number;
  maxLength?: number;
}

/** The server returns forms as loose records; missing optional parts get their defaults. */
export function formOf(raw: Record<string, unknown>[]): FormField[] {
  return raw.map((f) => ({
    helpId: '',
    helpEn: '',
    required: false,
    options: [],
    ...(f as Partial<FormField>),
    key: String(f.key),
    type: f.type as FieldType,
    labelId: String(f.labelId ?? ''),
    labelEn: String(f.labelEn ?? ''),
  }));
}

export const choiceTypes: readonly FieldType[] = ['choice', 'multi_choice'];

/** An answer left empty is not sent (the server refuses nothing for optional fields left out). */
export function isEmptyAnswer(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}
