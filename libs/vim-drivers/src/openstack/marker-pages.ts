import type { DialectHttpClient } from '../http/dialect-http-client.js';
import type { Link } from './openstack-wire.js';

/** The marker of a `<collection>_links` next link, or undefined on the last page. */
export function nextMarker(links: Link[] | undefined): string | undefined {
  const next = links?.find((l) => l.rel === 'next');
  return next ? (new URL(next.href, 'http://x').searchParams.get('marker') ?? undefined) : undefined;
}

/** Reads every page of a Nova or Neutron list (`limit` + `marker`, next link while more remain). */
export async function allMarkerPages<T>(
  http: DialectHttpClient,
  path: string,
  collection: string,
  query: Record<string, string | undefined>,
  signal?: AbortSignal,
): Promise<T[]> {
  const out: T[] = [];
  let marker: string | undefined;
  do {
    const page = await http.json<Record<string, unknown>>({ method: 'GET', path, query: { ...query, limit: 1000, marker }, signal });
    out.push(...((page[collection] as T[]) ?? []));
    marker = nextMarker(page[`${collection}_links`] as Link[] | undefined);
  } while (marker);
  return out;
}
