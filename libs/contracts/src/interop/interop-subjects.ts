/**
 * The interoperability-matrix service's bus interface. `prefix` exists for tests and benchmarks that run the
 * service in-process next to others (`t1a2b.cmd.interop.register-resource`); production uses no prefix.
 */
export function interopSubjects(prefix = '') {
  const p = prefix ? `${prefix}.` : '';
  return {
    registerResource: `${p}cmd.interop.register-resource`,
    importMatrix: `${p}cmd.interop.import-matrix`,
    getImport: `${p}qry.interop.get-import`,
    getResource: `${p}qry.interop.get-resource`,
    compatible: `${p}qry.interop.compatible`,
    check: `${p}qry.interop.check`,
    interoperatesWith: `${p}qry.interop.interoperates-with`,
    resourceMatrix: `${p}qry.interop.resource-matrix`,
  } as const;
}

export type InteropSubjects = ReturnType<typeof interopSubjects>;

/**
 * Where the service keeps its events (stream EVT_INTEROP, subjects evt.interop.<aggregateType>.<id>) and where it
 * listens for discovered resources (any evt.inventory.> event of type InventoryResourceDiscovered).
 */
export function interopStreams(prefix = '') {
  const p = prefix ? `${prefix}.` : '';
  const s = prefix ? `${prefix.toUpperCase()}_` : '';
  return {
    events: { stream: `${s}EVT_INTEROP`, subjectPrefix: `${p}evt.interop` },
    discovery: { stream: `${s}EVT_INVENTORY`, filterSubject: `${p}evt.inventory.>` },
  } as const;
}

export const INVENTORY_RESOURCE_DISCOVERED = 'InventoryResourceDiscovered';
