import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import type { Exchange, Reply } from '../../http/exchange.js';
import type { Keyed, OrderedCollection } from '../../model/ordered-collection.js';

/**
 * vSphere lists are bare arrays and not paged. Vorch extension: `page_size` pages them, the next page's token comes
 * back in the `vorch-next-page-token` header and is passed as `page_token`.
 */
export function vsphereList<T extends Keyed>(ex: Exchange, collection: OrderedCollection<T>, render: (t: T) => unknown, filter?: (t: T) => boolean): Reply {
  const pageSize = ex.query.has('page_size') ? Math.max(1, ex.int('page_size', 1000, 1000)) : Number.MAX_SAFE_INTEGER;
  const page = collection.page(decodeCursor(ex.query.get('page_token')), pageSize, filter);
  return {
    status: 200,
    body: page.items.map(render),
    headers: page.next === null ? {} : { 'vorch-next-page-token': encodeCursor(page.next) },
  };
}
