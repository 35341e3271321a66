import type { InteropResourceKind, InteropResourceView } from '#vorch/contracts';

export interface ResourceRow {
  resource_id: string;
  tenant_id: string;
  kind: string;
  vendor: string;
  product: string;
  product_key: string;
  version: string;
  site_id: string | null;
  external_id: string | null;
}

export const RESOURCE_COLUMNS = 'resource_id, tenant_id, kind, vendor, product, product_key, version, site_id, external_id';

export function resourceView(r: ResourceRow): InteropResourceView {
  const view: InteropResourceView = {
    resourceId: r.resource_id,
    tenantId: r.tenant_id,
    kind: r.kind as InteropResourceKind,
    vendor: r.vendor,
    product: r.product,
    version: r.version,
  };
  if (r.site_id) view.siteId = r.site_id;
  if (r.external_id) view.externalId = r.external_id;
  return view;
}
