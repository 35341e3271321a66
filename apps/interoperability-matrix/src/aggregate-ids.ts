import { createHash } from 'node:crypto';

export const RESOURCE_AGGREGATE = 'resource';
export const IMPORT_AGGREGATE = 'import';

// Aggregate ids become subject tokens, so they are hashes of what identifies the thing: safe characters, fixed length.
function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/**
 * A discovered resource is identified by where it was found (site + external id): discovering it again reaches the
 * same aggregate. Without those, the command id identifies it, so a retried request registers it once.
 */
export function resourceIdFor(tenantId: string, key: { siteId?: string; externalId?: string; commandId: string }): string {
  return key.externalId ? `r${digest(tenantId, key.siteId ?? '', key.externalId)}` : `r${digest(tenantId, 'command', key.commandId)}`;
}

/** Import ids are chosen by callers, so two tenants may pick the same one: the aggregate is per tenant. */
export function importAggregateId(tenantId: string, importId: string): string {
  return `i${digest(tenantId, importId)}`;
}

/** An import id for a request that did not name one: the command id, which a retry repeats. */
export function importIdFor(commandId: string): string {
  return /^[A-Za-z0-9_-]{1,64}$/.test(commandId) ? commandId : digest(commandId).slice(0, 26);
}

export function contentHash(format: string, content: string): string {
  return createHash('sha256').update(format).update('\u0000').update(content).digest('hex');
}
