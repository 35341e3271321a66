import type { ResourceKind } from '../resource-kind.js';

export interface ResourceAttributes {
  tenantId: string;
  kind: ResourceKind;
  vendor: string;
  product: string;
  version: string;
  siteId?: string;
  externalId?: string;
}

/** How the resource became known: through the API or from another service's discovery event. */
export type ResourceSource = 'api' | 'discovery';

export interface InteropResourceRegistered {
  type: 'InteropResourceRegistered';
  data: ResourceAttributes & { resourceId: string; source: ResourceSource };
}

/** Discovery saw the resource again with something changed (typically an upgrade): its records are recomputed. */
export interface InteropResourceChanged {
  type: 'InteropResourceChanged';
  data: ResourceAttributes & { resourceId: string; source: ResourceSource; previousVersion: string };
}

export type ResourceEvent = InteropResourceRegistered | InteropResourceChanged;
