import type { ResourceChange } from '#vorch/vim-drivers';

/** Objects to read again after a burst of changes, or a full walk when only a walk can tell. */
export type RefreshPlan =
  | { kind: 'walk'; reason: string }
  /** `hosts`: list the hosts again (the generic driver reads hosts page by page only, never one by id). */
  | { kind: 'targeted'; vms: string[]; ports: string[]; networks: string[]; hosts: boolean };

/** A burst bigger than this is cheaper to read as one walk than object by object. */
export const MAX_TARGETED_OBJECTS = 200;

/**
 * What a burst of change-feed entries asks to be read again. A VM, port or network change reads just that object
 * (the generic driver can get each by id); a host change re-lists the hosts (placing a VM changes its host's usage,
 * so hosts change often, and their pages are cheap next to every VM's ports); a burst past `maxObjects` or a feed
 * that lost its place ('missed') takes a full walk. Repeats of the same object collapse into one.
 */
export function planRefresh(changes: readonly ResourceChange[] | 'missed', maxObjects = MAX_TARGETED_OBJECTS): RefreshPlan {
  if (changes === 'missed') return { kind: 'walk', reason: 'the change feed lost its position' };
  const vms = new Set<string>();
  const ports = new Set<string>();
  const networks = new Set<string>();
  let hosts = false;
  for (const c of changes) {
    switch (c.kind) {
      case 'vm':
        vms.add(c.id);
        break;
      case 'port':
        ports.add(c.id);
        break;
      case 'network':
        networks.add(c.id);
        break;
      case 'host':
        hosts = true;
        break;
      default:
        return { kind: 'walk', reason: `a ${c.kind} changed` };
    }
  }
  const objects = vms.size + ports.size + networks.size;
  if (objects > maxObjects) return { kind: 'walk', reason: `${objects} objects changed` };
  return { kind: 'targeted', vms: [...vms], ports: [...ports], networks: [...networks], hosts };
}

/** Entries gathered while the previous refresh ran are folded into the next: a walk absorbs everything. */
export function mergePending(a: readonly ResourceChange[] | 'missed' | undefined, b: readonly ResourceChange[] | 'missed'): ResourceChange[] | 'missed' {
  if (a === 'missed' || b === 'missed') return 'missed';
  return [...(a ?? []), ...b];
}
