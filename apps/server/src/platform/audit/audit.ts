import type { Tx } from '../db/client.ts';
import { auditLog } from './audit.tables.ts';

/** Who did it and from where; services receive it from the route. */
export interface AuditSource {
  actorId: number | null;
  actorEmail: string | null;
  ip: string | null;
  /** The API token the request came with, if any: the entry names it. */
  token?: { id: number; name: string };
}

/** Changes the system makes by itself (sweeps, automation). */
export const SYSTEM: AuditSource = { actorId: null, actorEmail: null, ip: null };

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string | number;
  before?: unknown;
  after?: unknown;
}

/** Secrets never reach the audit log. */
const REDACTED = new Set(['password', 'passwordHash', 'smtpPassword', 'passwordEncrypted']);
function redact(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(redact);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, REDACTED.has(k) ? '***' : redact(v)]));
}

/** Appends one entry; call inside the transaction of the change it records. */
export async function recordAudit(tx: Tx, source: AuditSource, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: source.actorId,
    actorEmail: source.actorEmail,
    ip: source.ip,
    tokenId: source.token?.id ?? null,
    tokenName: source.token?.name ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId === undefined ? null : String(entry.targetId),
    before: entry.before === undefined ? null : redact(entry.before),
    after: entry.after === undefined ? null : redact(entry.after),
  });
}
