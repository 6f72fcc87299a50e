import { and, desc, eq, gte, like, lt } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { likeEscaped } from '../../platform/db/like';
import type { Auth } from '../../platform/http/auth-context';
import { afterCursor, toPage } from '../../platform/http/pagination';
import { newId } from '../../platform/ids';
import { auditLog } from './schema';

/** Who did it and from where: enough for KVKK accountability, nothing more. */
export interface AuditSource {
  auth: Pick<Auth, 'actor'> | null;
  ip?: string;
  userAgent?: string;
}

export async function recordAudit(
  tx: Tx,
  source: AuditSource,
  action: string,
  target?: { type: string; id: string },
  details?: Record<string, unknown>,
): Promise<void> {
  const actor = source.auth?.actor;
  await tx.insert(auditLog).values({
    orgId: tx.orgId!,
    id: newId(),
    actorType: actor?.type ?? 'system',
    actorId: actor?.id,
    actorName: actor?.name,
    action,
    targetType: target?.type,
    targetId: target?.id,
    ip: source.ip,
    userAgent: source.userAgent?.slice(0, 300),
    details,
  });
}

export interface AuditFilter {
  actorId?: string;
  /** An exact action or a prefix ending in '.', e.g. 'store.' */
  action?: string;
  from?: Date;
  to?: Date;
  limit: number;
  cursor?: string;
}

export async function listAudit(tx: Tx, f: AuditFilter) {
  const rows = await tx
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.orgId, tx.orgId!),
        f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
        f.action
          ? f.action.endsWith('.')
            ? like(auditLog.action, likeEscaped(f.action, 'prefix'))
            : eq(auditLog.action, f.action)
          : undefined,
        f.from ? gte(auditLog.at, f.from) : undefined,
        f.to ? lt(auditLog.at, f.to) : undefined,
        // UUIDv7 ids are time-ordered: the id alone is a stable, index-friendly sort key.
        afterCursor([auditLog.id], f.cursor, 'desc'),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(f.limit + 1);
  return toPage(rows, f.limit, (r) => [r.id]);
}
