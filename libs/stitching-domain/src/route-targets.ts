/** Private 2-byte AS number used when the federation does not name its own. */
export const DEFAULT_FEDERATION_ASN = 64512;

export interface RouteTargets {
  import: string[];
  export: string[];
}

/**
 * EVPN-style auto-derived route target (RFC 8365): "target:<2-byte ASN>:<VNI>". Every site of a stretched network
 * imports and exports the same target, which is what makes their VTEPs learn each other's MACs and routes.
 */
export function routeTargetsFor(asn: number, segmentationId: number): RouteTargets {
  const target = `target:${asn}:${segmentationId}`;
  return { import: [target], export: [target] };
}
