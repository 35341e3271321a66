import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SimulatedSwitch, SwitchPort } from './switch-inventory.js';
import { EXTERNAL_END, planSwitchTraffic } from './traffic-plan.js';

const port = (n: number, hostId: string, domainId: string, active = true): SwitchPort => ({
  mac: `02:00:00:00:00:${n.toString(16).padStart(2, '0')}`, ip: `10.0.0.${n}`, vmId: `vm-${n}`, hostId, domainId, tenantId: 't', siteName: domainId, active,
});
const sw = (hostId: string, domainId: string, ports: SwitchPort[]): SimulatedSwitch => ({ switchId: `vs-${hostId}`, siteName: domainId, hostId, domainId, ports });

describe('planSwitchTraffic', () => {
  const h1 = sw('h1', 'east', [port(1, 'h1', 'east'), port(2, 'h1', 'east')]);
  const h2 = sw('h2', 'east', [port(3, 'h2', 'east')]);
  const h3 = sw('h3', 'west', [port(4, 'h3', 'west')]);
  const all = [h1, h2, h3];

  it('given peers of every kind, each active VM sends to one of each and to the external end', () => {
    const plan = planSwitchTraffic(h1, all, { framesPerSecond: 10, intervalMs: 500, tick: 0 });
    const ofVm1 = plan.filter((f) => f.src.vmId === 'vm-1');
    assert.deepEqual(ofVm1.map((f) => [f.intended, f.dst.ip]), [
      ['intra-server', '10.0.0.2'],
      ['inter-server-intra-domain', '10.0.0.3'],
      ['inter-domain', '10.0.0.4'],
      ['external', EXTERNAL_END.ip],
    ]);
    assert.ok(plan.every((f) => f.frames === 5), 'rate × interval');
  });

  it('given a VM alone in its domain, it only sends across domains and outside', () => {
    const plan = planSwitchTraffic(h3, all, { framesPerSecond: 1, intervalMs: 100, tick: 3 });
    assert.deepEqual(plan.map((f) => f.intended), ['inter-domain', 'external']);
    assert.equal(plan[0].frames, 1, 'at least one frame per interval');
  });

  it('inactive VMs neither send nor receive, and the peer rotates with the tick', () => {
    const quiet = sw('h4', 'west', [port(5, 'h4', 'west', false)]);
    const withQuiet = [...all, quiet];
    assert.deepEqual(planSwitchTraffic(quiet, withQuiet, { framesPerSecond: 1, intervalMs: 1000, tick: 0 }), []);
    const dsts = [0, 1].map((tick) => planSwitchTraffic(h3, [h1, h2, h3], { framesPerSecond: 1, intervalMs: 1000, tick })[0].dst.ip);
    assert.notEqual(dsts[0], dsts[1]);
    assert.ok(planSwitchTraffic(h1, withQuiet, { framesPerSecond: 1, intervalMs: 1000, tick: 1 }).every((f) => f.dst.ip !== '10.0.0.5'));
  });
});
