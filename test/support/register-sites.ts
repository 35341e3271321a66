import assert from 'node:assert/strict';
import { INVENTORY_SUBJECTS, type CommandMeta, type SiteView } from '#vorch/contracts';
import type { Bus } from '#vorch/messaging';
import { eventually } from '#vorch/testing';
import type { InfraSim } from '#vorch/infra-sim';

/**
 * Registers simulated sites with the inventory over the bus, one after the other, each as infra-sim describes it
 * (dialect, endpoint, credentials), and waits until the inventory has discovered it (`ready`): only a ready site
 * can home or carry a network. Returns the site ids by simulator name.
 */
export async function registerSites(
  stack: { bus: Bus; sim: InfraSim },
  names: readonly string[],
  o: { domain: string; meta: () => CommandMeta },
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const name of names) {
    const d = stack.sim.admin.describeSite(name);
    const view = await stack.bus.request<SiteView>(
      INVENTORY_SUBJECTS.registerSite,
      { name, dialect: d.dialect, endpoint: d.endpoint, credentials: d.credentials, domain: o.domain },
      o.meta(),
      { timeoutMs: 30000 },
    );
    ids[name] = view.id;
    await eventually(async () => assert.equal((await stack.bus.request<SiteView>(INVENTORY_SUBJECTS.getSite, { id: view.id }, o.meta())).status, 'ready', `${name} ready`), {
      timeoutMs: 30000,
    });
  }
  return ids;
}
