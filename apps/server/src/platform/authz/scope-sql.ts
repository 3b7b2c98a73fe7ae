import type { Permission } from '@ish/shared';
import { type AnyColumn, or, type SQL, sql } from 'drizzle-orm';
import { type Actor, type Scope, scopesFor } from './actor.ts';

type PlacementColumns = { companyId: AnyColumn | SQL; unitPath: AnyColumn | SQL };

/** A WHERE condition for the rows one scope covers (the SQL twin of `scopeCovers`). */
export function scopeSql(scope: Scope, cols: PlacementColumns): SQL {
  if (scope.kind === 'organisation') return sql`true`;
  if (scope.kind === 'company') return sql`${cols.companyId} = ${scope.companyId}`;
  return sql`${cols.unitPath} LIKE ${`${scope.unitPath}%`}`;
}

/**
 * A WHERE condition limiting rows to the places where the actor holds
 * `permission`; `false` when they hold it nowhere. Lists use this so that they
 * show exactly what the row policy would allow.
 */
export function scopeCondition(actor: Actor, permission: Permission, cols: PlacementColumns): SQL {
  const scopes = scopesFor(actor, permission);
  if (scopes.some((s) => s.kind === 'organisation')) return sql`true`;
  return scopes.length === 0 ? sql`false` : (or(...scopes.map((s) => scopeSql(s, cols))) as SQL);
}
