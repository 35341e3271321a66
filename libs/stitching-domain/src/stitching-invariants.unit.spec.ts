import { describe, it } from 'node:test';
import { siteNamed } from './stitched-network.state.js';
import assert from 'node:assert/strict';
import { VorchError } from '#vorch/contracts';
import type { StitchingCommand } from './stitching.commands.js';
import type { StitchingEvent } from './stitching.events.js';
import { createBlue, drift, networkCreated, play, repaired, stateOf, tornDown, unreachable, validated } from './stitching.fixtures.js';

/** Mulberry32, so that a failure reproduces. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('stitching invariants under random outcome sequences', () => {
  // A peer becomes active only while the home site is active; it stays active while the home network still
  // exists (an unreachable home VIM or a changed home network does not cut the data plane), and is degraded
  // as soon as the home network is known to be gone.
  it('never has an active peer without its own network and the home network', () => {
    const random = seeded(2026);
    const sites = ['paris', 'berlin', 'rome'];
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    let checked = 0;
    for (let run = 0; run < 200; run++) {
      let events: StitchingEvent[] = play([createBlue]);
      for (let step = 0; step < 40; step++) {
        const site = pick(sites);
        const command: StitchingCommand = pick<StitchingCommand>([
          validated(site),
          networkCreated(site, `${site}-${step}`),
          unreachable(site),
          drift(site, pick(['deleted', 'changed'] as const)),
          repaired(site, `${site}-r${step}`),
          tornDown(site),
          { type: 'RemoveSite', site },
          { type: 'AddSite', site },
        ]);
        const before = events.length;
        try {
          events = play([command], events);
        } catch (e) {
          // refusals are expected; anything that is not a typed refusal is a bug
          assert.ok(e instanceof VorchError, String(e));
          continue;
        }
        const state = stateOf(events);
        assert.ok(state.status !== 'absent');
        const home = siteNamed(state, 'paris')!;
        for (const s of state.sites) {
          if (s.state !== 'active') continue;
          checked++;
          assert.ok(s.vimNetworkId, `${s.site} active without a network`);
          if (s.role === 'peer') assert.ok(home.vimNetworkId, `${s.site} active while the home network is gone (${home.state})`);
        }
        const peerActivated = events.slice(before).some((e) => e.type === 'SiteActivated' && e.data.site !== 'paris');
        if (peerActivated) assert.equal(home.state, 'active', 'a peer was activated while the home site was not active');
      }
    }
    assert.ok(checked > 100, `only ${checked} active states were reached`);
  });
});
