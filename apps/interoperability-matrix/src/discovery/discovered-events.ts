import { decodeCommit, INVENTORY_RESOURCE_DISCOVERED, InventoryResourceDiscoveredData, validateInput, type EventEnvelope } from '#vorch/contracts';

const dec = new TextDecoder();

/** The envelopes a message on evt.inventory.> holds: a Commit of the publisher's event store, or one bare envelope. */
export function envelopesOf(data: Uint8Array): EventEnvelope[] {
  try {
    return decodeCommit(data).events;
  } catch {
    const one = JSON.parse(dec.decode(data)) as EventEnvelope;
    return typeof one?.type === 'string' ? [one] : [];
  }
}

const FIELDS = ['tenantId', 'kind', 'vendor', 'product', 'version', 'siteId', 'externalId'] as const;

/**
 * The discovery facts of an InventoryResourceDiscovered event, validated; undefined for other event types.
 * Fields the publisher adds later are ignored (this is another service's schema, free to grow); the envelope's
 * tenant stands in when the data does not name one. Throws ValidationError for an event that is not usable.
 */
export function discoveredResource(e: EventEnvelope): InventoryResourceDiscoveredData | undefined {
  if (e.type !== INVENTORY_RESOURCE_DISCOVERED) return undefined;
  const data = (typeof e.data === 'object' && e.data !== null ? e.data : {}) as Record<string, unknown>;
  const known: Record<string, unknown> = { tenantId: e.tenantId };
  for (const f of FIELDS) if (data[f] !== undefined) known[f] = data[f];
  return validateInput(InventoryResourceDiscoveredData, known);
}
