interface TreeUnit {
  id: number;
  companyId: number;
  parentId: number | null;
  name: string;
}

/** Units in tree order (parents before children, siblings by company then name) with their depth, for an indented list. */
export function arrangeUnits<U extends TreeUnit>(units: readonly U[]): (U & { depth: number })[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<number | null, U[]>();
  for (const unit of units) {
    // A parent outside the visible set (another scope) makes the unit a root here.
    const parent = unit.parentId !== null && ids.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const ordered: (U & { depth: number })[] = [];
  const visit = (parent: number | null, depth: number) => {
    for (const unit of (children.get(parent) ?? []).sort((a, b) => a.companyId - b.companyId || a.name.localeCompare(b.name))) {
      ordered.push({ ...unit, depth });
      visit(unit.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

/** The unit and everything below it: a unit cannot be moved under itself. */
export function subtreeIds(units: readonly TreeUnit[], rootId: number): Set<number> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const unit of units) {
      if (unit.parentId !== null && ids.has(unit.parentId) && !ids.has(unit.id)) {
        ids.add(unit.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** Select options for units, indented by depth so the tree stays readable in a dropdown. */
export function unitOptions<U extends TreeUnit>(units: readonly U[] | undefined, keep: (unit: U) => boolean = () => true) {
  return arrangeUnits(units ?? [])
    .filter(keep)
    .map((u) => ({ value: String(u.id), label: `${'— '.repeat(u.depth)}${u.name}` }));
}
