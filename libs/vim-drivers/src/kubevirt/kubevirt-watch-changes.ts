import { mergeIterables } from '../async/merge-iterables.js';
import type { DialectHttpClient } from '../http/dialect-http-client.js';
import type { ResourceChange, ResourceKind } from '../inventory.js';
import { changeFeedWatch } from '../vorch-extension/change-feed-watch.js';
import { watchResource } from './kube-watch.js';
import { namespacedId } from './kubevirt-mapping.js';
import type { ObjectMeta, WatchEvent } from './kubevirt-wire.js';

export interface KubevirtWatch {
  since: string;
  intervalMs: number;
  signal?: AbortSignal;
}

// Kubernetes watches are per resource type. A VMI appearing, going or moving is a start, stop or migration of its VM.
const WATCHED: Array<{ path: string; kind: ResourceKind; always?: ResourceChange['change'] }> = [
  { path: '/api/v1/nodes', kind: 'host' },
  { path: '/apis/kubevirt.io/v1/virtualmachines', kind: 'vm' },
  { path: '/apis/kubevirt.io/v1/virtualmachineinstances', kind: 'vm', always: 'modified' },
  { path: '/apis/k8s.cni.cncf.io/v1/network-attachment-definitions', kind: 'network' },
];

const changeOf = (t: WatchEvent<unknown>['type']): ResourceChange['change'] => (t === 'ADDED' ? 'added' : t === 'DELETED' ? 'deleted' : 'modified');

/**
 * Every change on a KubeVirt site after `since`: the watch streams of nodes, VMs, VMIs and networks merged, plus
 * ports, which have no Kubernetes object, from the site's change feed (same resourceVersion sequence).
 * Ending the iteration (or aborting the signal) closes every stream.
 */
export async function* watchKubevirtChanges(http: DialectHttpClient, w: KubevirtWatch): AsyncGenerator<ResourceChange> {
  const stop = new AbortController();
  const signal = w.signal ? AbortSignal.any([w.signal, stop.signal]) : stop.signal;
  const watch = { since: w.since, reconnectDelayMs: w.intervalMs, signal };
  const sources: AsyncIterable<ResourceChange>[] = WATCHED.map(({ path, kind, always }) =>
    mapEvents(watchResource<{ metadata: ObjectMeta }>(http, { ...watch, path }), (e) => ({
      kind,
      id: namespacedId(e.object.metadata),
      change: always ?? changeOf(e.type),
      resourceVersion: e.object.metadata.resourceVersion ?? '',
    })),
  );
  sources.push(onlyPorts(changeFeedWatch(http, { since: w.since, intervalMs: w.intervalMs, signal })));
  try {
    yield* mergeIterables(sources, () => stop.abort());
  } finally {
    stop.abort();
  }
}

async function* mapEvents<T>(events: AsyncIterable<WatchEvent<T>>, fn: (e: WatchEvent<T>) => ResourceChange): AsyncGenerator<ResourceChange> {
  for await (const e of events) yield fn(e);
}

async function* onlyPorts(changes: AsyncIterable<ResourceChange>): AsyncGenerator<ResourceChange> {
  for await (const c of changes) if (c.kind === 'port') yield c;
}
