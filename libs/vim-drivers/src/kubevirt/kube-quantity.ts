const binary: Record<string, number> = { Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1024 * 1024 };
const decimal: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** A Kubernetes memory quantity ("4Gi", "524288Mi", "263921236Ki", "8G", plain bytes) in MiB. */
export function quantityToMb(q: string | undefined): number {
  if (!q) return 0;
  const m = /^(\d+(?:\.\d+)?)([KMGT]i|[kMGT])?$/.exec(q.trim());
  if (!m) return 0;
  const n = Number(m[1]);
  const unit = m[2];
  if (!unit) return Math.round(n / (1024 * 1024));
  if (unit in binary) return Math.round(n * binary[unit]!);
  return Math.round((n * decimal[unit]!) / (1024 * 1024));
}

/** A CPU quantity ("64", "500m") in whole cores. */
export function quantityToCores(q: string | undefined): number {
  if (!q) return 0;
  return q.endsWith('m') ? Math.floor(Number(q.slice(0, -1)) / 1000) : Number(q);
}

/** Kubernetes object names are DNS-1123 labels: lower case, digits and '-', at most 63, starting and ending alnum. */
export function dnsLabel(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return cleaned || 'vorch';
}
