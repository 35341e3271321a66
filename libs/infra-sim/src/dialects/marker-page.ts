import type { Exchange } from '../http/exchange.js';
import type { Keyed, OrderedCollection } from '../model/ordered-collection.js';
import { InvalidRequestError } from '../model/sim-errors.js';

export interface MarkerPage<T> {
  items: T[];
  /** The `rel: next` link when more remain (OpenStack `*_links`). */
  links?: { rel: string; href: string }[];
}

/** OpenStack paging: `limit` (default and max 1000) and `marker` = id of the last item of the previous page. */
export function markerPage<T extends Keyed>(ex: Exchange, collection: OrderedCollection<T>, filter?: (t: T) => boolean): MarkerPage<T> {
  const limit = Math.max(1, ex.int('limit', 1000, 1000));
  const marker = ex.query.get('marker');
  let after: number | undefined;
  if (marker) {
    const item = collection.get(marker);
    if (!item) throw new InvalidRequestError(`marker [${marker}] not found`);
    after = item.serial;
  }
  const page = collection.page(after, limit, filter);
  if (page.next === null) return { items: page.items };
  const query = new URLSearchParams(ex.query);
  query.set('limit', String(limit));
  query.set('marker', page.items[page.items.length - 1].id);
  return { items: page.items, links: [{ rel: 'next', href: `${ex.endpoint}${ex.path}?${query.toString()}` }] };
}
