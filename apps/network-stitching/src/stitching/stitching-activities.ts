import { VorchError, type CommandMeta } from '#vorch/contracts';
import type { ExistingNetwork, NetworkIdentity, StitchingAction, StitchingCommand } from '#vorch/stitching-domain';
import { createLogger } from '#vorch/telemetry';
import type { PortTeardown } from './port-teardown.js';
import { isNotFound, isUnreachable, type VimClient } from './vim-client.js';
import { clashOf, createNetworkRequest, driftOf, vimNetworkName } from './vim-network-shape.js';

const log = createLogger('network-stitching.activities');

/**
 * The only place the stitching process touches a VIM: each pending action becomes driver calls through the
 * inventory service, and its outcome becomes the Record… command the decider expects. Every call is safe to
 * repeat: networks are found by their derived name before one is created.
 */
export class StitchingActivities {
  constructor(
    private readonly vim: VimClient,
    private readonly ports: PortTeardown,
  ) {}

  async perform(network: ExistingNetwork, action: StitchingAction, meta: CommandMeta, now: () => string): Promise<StitchingCommand | undefined> {
    const site = action.site;
    try {
      switch (action.kind) {
        case 'validate-site': {
          const existing = await this.vim.listNetworks(site, meta);
          const clash = clashOf(action.identity, existing);
          return clash ? { type: 'RecordSiteRejected', site, reason: clash } : { type: 'RecordSiteValidated', site };
        }
        case 'create-home-network':
          return { type: 'RecordSiteNetworkCreated', site, vimNetworkId: await this.ensureNetwork(site, action.identity, meta) };
        case 'create-peer-network':
          return { type: 'RecordSiteNetworkCreated', site, vimNetworkId: await this.ensureNetwork(site, action.description.identity, meta) };
        case 'check-site':
          return await this.check(site, action.vimNetworkId, meta);
        case 'repair-home-network':
          return await this.repair(network, site, action.identity, action.vimNetworkId, meta);
        case 'repair-peer-network':
          return await this.repair(network, site, action.description.identity, action.vimNetworkId, meta);
        case 'delete-site-network':
          // The site's ports first (and their reservations on the home VIM): a VIM refuses to delete a network
          // that still has ports, and their addresses must go back to the ledger.
          await this.ports.deleteSitePorts(network, site, meta);
          await this.vim.deleteNetwork(site, action.vimNetworkId, meta).catch((err: unknown) => {
            if (!isNotFound(err)) throw err;
          });
          return { type: 'RecordSiteTornDown', site };
        default: {
          const unknown: never = action;
          throw new Error(`unknown action ${JSON.stringify(unknown)}`);
        }
      }
    } catch (err) {
      if (isUnreachable(err)) return { type: 'RecordSiteUnreachable', site, error: (err as Error).message, now: now() };
      if (err instanceof VorchError && err.status === 404 && !isNotFound(err)) {
        // The inventory no longer knows the site (deregistered): nothing will ever be built there.
        if (action.kind === 'validate-site') return { type: 'RecordSiteRejected', site, reason: err.message };
      }
      // Anything else (a conflict the VIM reports, a refused request) is retried on the same schedule, with the
      // VIM's own message kept on the site so an operator sees why it does not progress.
      log.warn({ err, site, action: action.kind }, 'stitching action failed');
      return { type: 'RecordSiteUnreachable', site, error: err instanceof Error ? err.message : String(err), now: now() };
    }
  }

  /** Reads an active site's network back: undefined when it is as described, else the drift to record. */
  async detectDrift(site: string, identity: NetworkIdentity, vimNetworkId: string, meta: CommandMeta, now: () => string): Promise<StitchingCommand | undefined> {
    try {
      const network = await this.vim.getNetwork(site, vimNetworkId, meta);
      const diffs = driftOf(identity, network);
      return diffs.length ? { type: 'RecordDriftDetected', site, drift: 'changed', detail: diffs.join('; ') } : undefined;
    } catch (err) {
      if (isNotFound(err)) return { type: 'RecordDriftDetected', site, drift: 'deleted', detail: `network ${vimNetworkId} is gone` };
      if (isUnreachable(err)) return { type: 'RecordSiteUnreachable', site, error: (err as Error).message, now: now() };
      throw err;
    }
  }

  /** A site that stopped answering is back: its network is either still there (repaired) or gone (drift). */
  private async check(site: string, vimNetworkId: string | undefined, meta: CommandMeta): Promise<StitchingCommand> {
    if (vimNetworkId === undefined) return { type: 'RecordDriftDetected', site, drift: 'deleted', detail: 'no network recorded' };
    try {
      await this.vim.getNetwork(site, vimNetworkId, meta);
      return { type: 'RecordSiteRepaired', site, vimNetworkId };
    } catch (err) {
      if (isNotFound(err)) return { type: 'RecordDriftDetected', site, drift: 'deleted', detail: `network ${vimNetworkId} is gone` };
      throw err;
    }
  }

  /**
   * A drifted network: one still as described is repaired as is; a deleted one is re-created. A changed one is
   * deleted and re-created (the generic driver interface has no update), but only while no port depends on it:
   * re-creating it would cut those ports off, so then the site stays degraded with the reason recorded.
   */
  private async repair(network: ExistingNetwork, site: string, identity: NetworkIdentity, vimNetworkId: string | undefined, meta: CommandMeta): Promise<StitchingCommand | undefined> {
    if (vimNetworkId !== undefined) {
      const found = await this.vim.getNetwork(site, vimNetworkId, meta).catch((err: unknown) => {
        if (isNotFound(err)) return undefined;
        throw err;
      });
      const diffs = found ? driftOf(identity, found) : [];
      if (found && diffs.length === 0) return { type: 'RecordSiteRepaired', site, vimNetworkId };
      if (found) {
        const ports = await this.ports.portsDependingOn(network, site);
        if (ports > 0) {
          const reason = `network ${vimNetworkId} was changed outside Vorch (${diffs.join('; ')}) and ${ports} port(s) depend on it, so it is not re-created: restore it on the site, or delete the ports`;
          return { type: 'RecordRepairBlocked', site, reason };
        }
        log.warn({ site, vimNetworkId, drift: diffs }, 'changed network without ports: deleting and re-creating it');
        await this.vim.deleteNetwork(site, vimNetworkId, meta).catch((err: unknown) => {
          if (!isNotFound(err)) throw err;
        });
      }
    }
    return { type: 'RecordSiteRepaired', site, vimNetworkId: await this.ensureNetwork(site, identity, meta) };
  }

  /** The site's network for this identity: the one already there (by name), or a new one. */
  private async ensureNetwork(site: string, identity: NetworkIdentity, meta: CommandMeta): Promise<string> {
    const name = vimNetworkName(identity.networkId);
    const existing = (await this.vim.listNetworks(site, meta)).find((n) => n.name === name);
    if (existing) return existing.externalId;
    return (await this.vim.createNetwork(site, createNetworkRequest(identity), meta)).externalId;
  }
}
