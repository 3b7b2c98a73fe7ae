import { type TreeNodeData, TreeSelect } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCategories } from './tickets.queries.ts';

interface CategorySelectProps {
  value: string | null;
  onChange: (value: string | null) => void;
  label?: string;
  'data-testid'?: string;
}

/** Active categories as tree nodes: each under its parent, in the server's order. */
function useCategoryTree(): TreeNodeData[] {
  const categories = useCategories();
  return useMemo(() => {
    const items = categories.data?.items ?? [];
    const nodes = new Map<number, TreeNodeData & { children: TreeNodeData[] }>(
      items.map((c) => [c.id, { value: String(c.id), label: c.name, children: [] }]),
    );
    const roots: TreeNodeData[] = [];
    for (const c of items) {
      const node = nodes.get(c.id);
      const parent = c.parentId === null ? undefined : nodes.get(c.parentId);
      if (node) (parent ? parent.children : roots).push(node);
    }
    // A leaf has no children array: the tree draws no chevron for it.
    for (const node of nodes.values()) if (!node.children.length) delete (node as TreeNodeData).children;
    return roots;
  }, [categories.data]);
}

/** The ticket categories as the tree they are (a parent and its sub-categories), searchable; any level may be chosen. */
export function CategorySelect({ value, onChange, label, ...rest }: CategorySelectProps) {
  const { t } = useTranslation('tickets');
  const data = useCategoryTree();
  return (
    <TreeSelect
      // Mounted again once the categories arrive: the tree opens expanded only on its first render with data.
      key={data.length ? 'loaded' : 'loading'}
      label={label ?? t('field.category')}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      defaultExpandAll
      nothingFoundMessage={t('none')}
      chevronAriaLabels={{ expand: t('tree.expand'), collapse: t('tree.collapse') }}
      maxDropdownHeight={320}
      data-testid={rest['data-testid']}
    />
  );
}

/** Several categories as a tree (the queue's filter); comma-separated ids in and out. */
export function CategoryTreeFilter({ value, onChange, label }: { value: string[]; onChange: (ids: string[]) => void; label: string }) {
  const { t } = useTranslation('tickets');
  const data = useCategoryTree();
  return (
    <TreeSelect
      key={data.length ? 'loaded' : 'loading'}
      mode="multiple"
      label={label}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      defaultExpandAll
      chevronAriaLabels={{ expand: t('tree.expand'), collapse: t('tree.collapse') }}
      maxDropdownHeight={320}
      data-testid="filter-categoryId"
    />
  );
}
