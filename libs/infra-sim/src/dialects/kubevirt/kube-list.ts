import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import type { Exchange, Reply } from '../../http/exchange.js';
import type { Entity } from '../../model/entities.js';
import type { SiteModel } from '../../model/site-model.js';
import { isListed, parseLabelSelector, type KubeResource } from './kube-resource.js';

/** A Kubernetes list: `limit` + `continue` paging, equality label selectors, the site's change sequence as resourceVersion. */
export function kubeList<T extends Entity>(ex: Exchange, model: SiteModel, resource: KubeResource<T>): Reply {
  const selector = parseLabelSelector(ex.query.get('labelSelector'));
  const limit = ex.query.has('limit') ? Math.max(1, ex.int('limit', 500)) : Number.MAX_SAFE_INTEGER;
  const filter = (e: T) => isListed(resource, e) && (!selector || selector(resource.labels ? resource.labels(e) : {}));
  const page = resource.collection.page(decodeCursor(ex.query.get('continue')), limit, filter);
  const metadata: Record<string, string> = { resourceVersion: String(model.feed.latest) };
  if (page.next !== null) metadata.continue = encodeCursor(page.next);
  return { status: 200, body: { apiVersion: resource.apiVersion, kind: `${resource.kind}List`, metadata, items: page.items.map((e) => resource.render(e)) } };
}
