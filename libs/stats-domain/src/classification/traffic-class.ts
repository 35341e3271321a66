/** How far a flow travels, judged from where its two ends live. */
export const TRAFFIC_CLASSES = ['intra-server', 'inter-server-intra-domain', 'inter-domain', 'external'] as const;
export type TrafficClass = (typeof TRAFFIC_CLASSES)[number];

/** Index of a class in TRAFFIC_CLASSES, for counters kept in fixed-size arrays. */
export const TrafficClassIndex: Readonly<Record<TrafficClass, number>> = {
  'intra-server': 0,
  'inter-server-intra-domain': 1,
  'inter-domain': 2,
  external: 3,
};
