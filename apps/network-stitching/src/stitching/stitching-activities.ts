import { VorchError, type CommandMeta } from '#vorch/contracts';
import type { NetworkIdentity, StitchingAction, StitchingCommand } from '#vorch/stitching-domain';
import { createLogger } from '#vorch/telemetry';
import { isNotFound, isUnreachable, type VimClient } from './vim-client.js';
import { clashOf, createNetworkRequest, driftOf, vimNetworkName } from './vim-network-shape.js';

const log = createLogger('network-stitching.activities');

/**
 * The only place the stitching process touches a VIM: each pending action becomes driver calls through the
 * inventory service, and its outcome becomes the Record… command the decider expects. Every call is safe to
 * repeat: networks are found by their derived name before one is created.
 */
export class StitchingActivities {
  constructor(private readonly vim: VimClient) {}

  async perform(action: StitchingAction, meta: CommandMeta, now: () => string): Promise<StitchingCommand | undefined> {
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
          return await this.repair(site, action.identity, action.vimNetworkId, meta);
        case 'repair-peer-network':
          return await this.repair(site, action.description.identity, action.vimNetworkId, meta);
        case 'delete-site-network':
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

  private async repair(site: string, identity: NetworkIdentity, vimNetworkId: string | undefined, meta: CommandMeta): Promise<StitchingCommand | undefined> {
    if (vimNetworkId !== undefined) {
      const network = await this.vim.getNetwork(site, vimNetworkId, meta).catch((err: unknown) => {
        if (isNotFound(err)) return undefined;
        throw err;
      });
      if (network && driftOf(identity, network).length === 0) return { type: 'RecordSiteRepaired', site, vimNetworkId };
      if (network) {
        // The generic driver interface has no update: a changed network stays degraded until a person restores it
        // (or deletes it, and the next repair re-creates it).
        log.warn({ site, vimNetworkId, drift: driftOf(identity, network) }, 'changed network cannot be restored through the driver');
        return undefined;
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
