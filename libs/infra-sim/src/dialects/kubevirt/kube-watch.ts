import type { Exchange } from '../../http/exchange.js';
import type { Change } from '../../model/change-feed.js';
import type { Entity } from '../../model/entities.js';
import { InvalidRequestError } from '../../model/sim-errors.js';
import type { SiteModel } from '../../model/site-model.js';
import { isListed, type KubeResource } from './kube-resource.js';

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * `?watch=true`: newline-delimited watch events on a chunked response.
 * 1. with resourceVersion=N, replay the retained changes after N (410 Expired if N is too old, raised before any byte is sent)
 * 2. without it, send every existing object as ADDED
 * 3. then follow the site's change feed until timeoutSeconds or the client goes away
 */
export function serveWatch<T extends Entity>(ex: Exchange, model: SiteModel, resource: KubeResource<T>): void {
  const rvText = ex.query.get('resourceVersion');
  const rv = rvText && rvText !== '0' ? Number(rvText) : undefined;
  if (rv !== undefined && (!Number.isInteger(rv) || rv < 0)) throw new InvalidRequestError(`invalid resourceVersion ${rvText}`);
  const replay = rv !== undefined ? model.feed.since(rv) : [];
  const res = ex.res;
  res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked', 'cache-control': 'no-cache' });
  const emit = (type: EventType, object: ReturnType<KubeResource<T>['render']>, seq?: number) => {
    if (seq !== undefined) object.metadata.resourceVersion = String(seq);
    res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const onChange = (change: Change) => {
    if (change.entity.kind !== resource.entityKind) return;
    const entity = change.entity as T;
    // A deleted object keeps its last state, so its scope (namespace) is judged on it as on a live one.
    if (!resource.inScope(entity)) return;
    const type = eventType(resource, change);
    if (type) emit(type, resource.render(entity), change.seq);
  };

  if (rv === undefined) {
    for (const entity of resource.collection.values()) if (isListed(resource, entity)) emit('ADDED', resource.render(entity));
  } else {
    for (const change of replay) onChange(change);
  }
  const unsubscribe = model.feed.subscribe(onChange);
  const timeoutSeconds = ex.int('timeoutSeconds', 0);
  const timer = timeoutSeconds > 0 ? setTimeout(() => res.end(), timeoutSeconds * 1000) : undefined;
  res.on('close', () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  });
}

/** Plain objects follow the change's op; derived ones (VMIs) appear and disappear with their source's state. */
function eventType<T extends Entity>(resource: KubeResource<T>, change: Change): EventType | undefined {
  if (!resource.existsIn) return change.op === 'created' ? 'ADDED' : change.op === 'updated' ? 'MODIFIED' : 'DELETED';
  if (!change.transition) return undefined;
  const before = resource.existsIn(change.transition.before);
  const after = resource.existsIn(change.transition.after);
  if (!before && after) return 'ADDED';
  if (before && after) return 'MODIFIED';
  if (before && !after) return 'DELETED';
  return undefined;
}
