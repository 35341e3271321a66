import { parseVersion, type Version } from './version.js';

/** A product in one version, written `product@version` (`vSphere@8.0 U2`, `ubuntu@22.04`). */
export interface ProductRef {
  /** As written. */
  product: string;
  /** Lowercase, whitespace collapsed: products match on this, so `vSphere` and `vsphere` are one product. */
  productKey: string;
  version: Version;
}

export function productKey(product: string): string {
  return product.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function productRef(product: string, version: string): ProductRef | undefined {
  const v = parseVersion(version);
  const key = productKey(product);
  return v && key ? { product: product.trim(), productKey: key, version: v } : undefined;
}

/** Splits at the last `@`, so a product name may itself hold one. */
export function parseProductRef(text: string): ProductRef | undefined {
  if (typeof text !== 'string') return undefined;
  const at = text.lastIndexOf('@');
  if (at <= 0) return undefined;
  return productRef(text.slice(0, at), text.slice(at + 1));
}

export function formatProductRef(ref: ProductRef): string {
  return `${ref.product}@${ref.version.raw}`;
}
