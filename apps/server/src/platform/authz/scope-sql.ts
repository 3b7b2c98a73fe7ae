import type { Permission } from '@ish/shared';
import { type AnyColumn, or, type SQL, sql } from 'drizzle-orm';
import { type Actor, scopesFor } from './actor.ts';

/**
 * A WHERE condition limiting rows to the places where the actor holds
 * `permission`; `false` when they hold it nowhere. Lists use this so that they
 * show exactly what the row policy would allow.
 */
export function scopeCondition(actor: Actor, permission: Permission, cols: { companyId: AnyColumn | SQL; unitPath: AnyColumn | SQL }): SQL {
  const parts: SQL[] = [];
  for (const scope of scopesFor(actor, permission)) {
    if (scope.kind === 'organisation') return sql`true`;
    if (scope.kind === 'company') parts.push(sql`${cols.companyId} = ${scope.companyId}`);
    else parts.push(sql`${cols.unitPath} LIKE ${`${scope.unitPath}%`}`);
  }
  return parts.length === 0 ? sql`false` : (or(...parts) as SQL);
}
