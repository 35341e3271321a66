import type { InventoryResource, ResourceKind } from './inventory-resource.js';
import type { AttributeChange } from './inventory-diff.js';

export const DIALECTS = ['openstack', 'vsphere', 'kubevirt'] as const;
export type Dialect = (typeof DIALECTS)[number];

export type SiteEvent =
  | {
      type: 'SiteRegistered';
      data: { siteId: string; tenantId: string; name: string; dialect: Dialect; endpoint: string; domain: string; sealedCredentials: string };
    }
  | { type: 'SiteCredentialsRotated'; data: { siteId: string; sealedCredentials: string } }
  | { type: 'DiscoveryStarted'; data: { siteId: string; runId: string; resumeFrom: string | null } }
  | { type: 'DiscoveryProgressed'; data: { siteId: string; runId: string; cursor: string | null; resourcesSeen: number; unchangedInPage: number } }
  | { type: 'ResourceDiscovered'; data: { siteId: string; resource: InventoryResource } }
  /**
   * Published for other contexts (the interoperability matrix): a discovered resource with a product and version.
   * Its data is the InventoryResourceDiscoveredData contract.
   */
  | {
      type: 'InventoryResourceDiscovered';
      data: { tenantId: string; siteId: string; externalId: string; kind: 'hypervisor'; vendor: string; product: string; version: string };
    }
  | { type: 'ResourceChanged'; data: { siteId: string; resource: InventoryResource; changes: AttributeChange[] } }
  | { type: 'ResourceGone'; data: { siteId: string; kind: ResourceKind; externalId: string; name: string } }
  /** A change seen outside a discovery run (a watch, a re-check): someone changed the site behind Vorch's back. */
  | { type: 'DriftDetected'; data: { siteId: string; kind: ResourceKind; externalId: string; change: 'added' | 'modified' | 'deleted'; changes: AttributeChange[] } }
  | { type: 'DiscoveryCompleted'; data: { siteId: string; runId: string; discovered: number; changed: number; gone: number; unchanged: number } }
  | { type: 'SiteUnreachable'; data: { siteId: string; runId: string; reason: string; resumeFrom: string | null } }
  | { type: 'SiteDeregistered'; data: { siteId: string } };

export type SiteEventType = SiteEvent['type'];
