/** Select options from records (Mantine selects work with string values). */
export function idOptions<T extends { id: number }>(items: readonly T[] | undefined, label: (item: T) => string) {
  return (items ?? []).map((item) => ({ value: String(item.id), label: label(item) }));
}

/** A select's string value back to an id; empty means none. */
export function toId(value: string | null | undefined): number | null {
  return value ? Number(value) : null;
}

export const fromId = (id: number | null | undefined): string => (id == null ? '' : String(id));

/** Trimmed text, or null when nothing was typed (optional columns). */
export function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
