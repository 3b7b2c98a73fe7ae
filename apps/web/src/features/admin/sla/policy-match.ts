import { useTranslation } from 'react-i18next';
import { type Category, useBusinessServices, useCategories } from './sla.queries.ts';

export const TICKET_TYPES = ['incident', 'request', 'question'] as const;
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;

/** Category options indented by depth, so the tree reads in a dropdown. */
export const categoryOptions = (categories: Category[] | undefined) =>
  (categories ?? []).map((c) => ({ value: String(c.id), label: `${'— '.repeat(c.depth)}${c.name}` }));

/** Labels of what a policy or rule matches on: ticket type, priority, category, business service. */
export function useMatchLabels() {
  const { t } = useTranslation(['sla', 'tickets']);
  const categories = useCategories();
  const services = useBusinessServices();
  return {
    categories,
    services,
    type: (type: (typeof TICKET_TYPES)[number]) => t(`tickets:type.${type}`),
    priority: (priority: string) =>
      PRIORITIES.includes(priority as never) ? t(`tickets:priority.${priority as (typeof PRIORITIES)[number]}`) : priority,
    category: (id: number) => categories.data?.find((c) => c.id === id)?.name ?? `#${id}`,
    service: (id: number) => services.data?.find((s) => s.id === id)?.name ?? `#${id}`,
  };
}
