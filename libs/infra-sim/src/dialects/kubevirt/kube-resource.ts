import type { Entity, EntityKind } from '../../model/entities.js';
import type { OrderedCollection } from '../../model/ordered-collection.js';

export interface KubeObject {
  metadata: { resourceVersion: string; labels?: Record<string, string> };
}

/** How one Kubernetes resource type maps onto a model collection, for lists and watches alike. */
export interface KubeResource<T extends Entity> {
  kind: string;
  apiVersion: string;
  collection: OrderedCollection<T>;
  /** Which changes of the site feed concern it. */
  entityKind: EntityKind;
  /** Whether an entity is within the request's scope (its namespace). */
  inScope(entity: T): boolean;
  /** For a resource derived from another's state (a VMI from its VM): whether it exists in that state. */
  existsIn?(state: string): boolean;
  labels?(entity: T): Record<string, string>;
  render(entity: T): KubeObject;
}

/** Whether an entity shows in a list now. */
export function isListed<T extends Entity>(resource: KubeResource<T>, entity: T): boolean {
  if (!resource.inScope(entity)) return false;
  if (!resource.existsIn) return true;
  return entity.kind === 'vm' ? resource.existsIn(entity.phase) : true;
}

type Requirement = { key: string; op: '=' | '!=' | 'exists'; value?: string };

/** Equality-based label selectors: `a=b`, `a==b`, `a!=b`, `a` (exists), comma separated. */
export function parseLabelSelector(text: string | null): ((labels: Record<string, string>) => boolean) | undefined {
  if (!text) return undefined;
  const reqs: Requirement[] = text
    .split(',')
    .filter((p) => p.trim() !== '')
    .map((part) => {
      const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(\S*)\s*$/.exec(part);
      if (!m) return { key: part.trim(), op: 'exists' };
      return { key: m[1], op: m[2] === '!=' ? '!=' : '=', value: m[3] };
    });
  return (labels) =>
    reqs.every((r) => {
      if (r.op === 'exists') return r.key in labels;
      if (r.op === '=') return labels[r.key] === r.value;
      return labels[r.key] !== r.value;
    });
}
