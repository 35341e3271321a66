import { INVENTORY_SUBJECTS, ValidationError, VorchError, type CommandMeta, type MacPrefixView, type SetMacPrefixInput } from '#vorch/contracts';
import type { MacRegistryState } from '#vorch/ipam-domain';
import type { Bus } from '#vorch/messaging';
import type { IpamLedger } from './ipam-ledger.js';

/**
 * The MAC prefix each site's VIM hands out MACs from, in the federation's MAC registry, which refuses a prefix
 * overlapping another site's (MAC_PREFIX.OVERLAP naming that site) or holding MACs another site still uses
 * (MAC_PREFIX.IN_USE); from then on a MAC the site's VIM hands out outside it is refused (MAC.OUTSIDE_PREFIX)
 * instead of being recorded. Changing it takes `replace: true`; MACs held from the old prefix stay held.
 */
export class MacPrefixes {
  constructor(
    private readonly ledger: IpamLedger,
    private readonly bus: Bus,
  ) {}

  async set(input: SetMacPrefixInput, meta: CommandMeta): Promise<MacPrefixView> {
    await this.requireSite(input.siteId, meta);
    try {
      const r = await this.ledger.macs({ type: 'AssignMacPrefix', site: input.siteId, prefix: input.prefix, replace: input.replace ?? false }, meta);
      const assigned = (r.state as MacRegistryState).prefixes.find((p) => p.site === input.siteId);
      if (!assigned) throw new Error(`prefix of ${input.siteId} not recorded`);
      return { site: assigned.site, prefix: assigned.prefix };
    } catch (err) {
      // The shape was checked at the edge; what only the domain knows about a prefix is still a bad field.
      if (err instanceof VorchError && err.code === 'MAC_PREFIX.INVALID') throw new ValidationError([{ field: 'prefix', message: err.message }]);
      throw err;
    }
  }

  async list(): Promise<{ items: MacPrefixView[] }> {
    const state = await this.ledger.loadMacRegistry();
    return { items: state.prefixes.map((p) => ({ site: p.site, prefix: p.prefix })) };
  }

  /** Sites belong to the inventory; one it does not know is a bad field. */
  private async requireSite(siteId: string, meta: CommandMeta): Promise<void> {
    try {
      await this.bus.request(INVENTORY_SUBJECTS.getSite, { id: siteId }, meta);
    } catch (err) {
      if (err instanceof VorchError && err.status === 404) throw new ValidationError([{ field: 'siteId', message: `site ${siteId} is not registered` }]);
      throw err;
    }
  }
}
