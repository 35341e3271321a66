/** How a network is isolated on the wire, and so what its segmentation id means (VNI or VLAN tag). */
export type SegmentationType = 'vxlan' | 'geneve' | 'vlan';

/** The ids each type can carry at all: 24-bit VNIs for VXLAN and Geneve, 12-bit VLAN tags without 0 and 4095. */
export const SEGMENTATION_LIMITS: Record<SegmentationType, { min: number; max: number }> = {
  vxlan: { min: 1, max: 16_777_215 },
  geneve: { min: 1, max: 16_777_215 },
  vlan: { min: 1, max: 4094 },
};

export function isSegmentationType(value: unknown): value is SegmentationType {
  return typeof value === 'string' && Object.hasOwn(SEGMENTATION_LIMITS, value);
}
