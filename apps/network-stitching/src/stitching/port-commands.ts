import { ulid } from 'ulid';
import { ConflictError, NotFoundError, type CommandMeta, type CreatePortInput, type PortView } from '#vorch/contracts';
import { parseIp } from '#vorch/ipam-domain';
import { homeOf, siteNamed, SiteNotStretchedError, StitchingState, type ExistingNetwork, type PortRecord } from '#vorch/stitching-domain';
import { createLogger } from '#vorch/telemetry';
import type { IpamLedger } from '../address-manager/ipam-ledger.js';
import { vimRefusalError } from '../address-manager/home-vim-refusals.js';
import { poolIdOf } from '../address-manager/pool-ids.js';
import type { PoolWriter } from '../address-manager/pool-writer.js';
import type { NetworkStore } from './network-store.js';
import type { PortTeardown } from './port-teardown.js';
import type { VimClient } from './vim-client.js';
import { reservationPortName, sitePortName } from './vim-port-names.js';

const log = createLogger('network-stitching.ports');

export class SiteNotActiveError extends ConflictError {
  constructor(networkId: string, site: string, state: string) {
    super('NETWORK.SITE_NOT_ACTIVE', `Network ${networkId} is ${state} on site ${site}; ports can be created once it is active`, { networkId, site, state });
  }
}

export class PortDeletedError extends ConflictError {
  constructor(networkId: string, portId: string) {
    super('PORT.DELETED', `Port ${portId} that this request created on network ${networkId} has been deleted since; send a new request (a new Idempotency-Key) for a new port`, { networkId, portId });
  }
}

/**
 * A port on any site of a stretched network, addressed by the home site's VIM (the authority for the network's
 * addresses): 1. the home VIM creates a port on the home network and allocates its MAC/IP; 2. the address manager
 * records that allocation in its ledger (pool and MAC registry); 3. the port on the requested site is created with
 * that MAC/IP; 4. both VIM port ids are recorded (network-ports aggregate), so the port can be deleted later and
 * a site's ports torn down before its network. A failure after step 1 undoes what was done, so no address stays
 * held by a port that does not exist.
 */
export class PortCommands {
  constructor(
    private readonly networks: NetworkStore,
    private readonly ledger: IpamLedger,
    private readonly pools: PoolWriter,
    private readonly vim: VimClient,
    private readonly teardown: PortTeardown,
    /** Wakes the network's stitching loop: a repair blocked by ports may proceed once they are gone. */
    private readonly kick: (networkId: string) => void,
  ) {}

  /** Attempts under way, by network and command id. */
  private readonly creating = new Map<string, Promise<PortView>>();

  /**
   * The same command sent again (the gateway's Idempotency-Key) gets the port its first attempt made: copies in this
   * process wait for the first, and a copy that comes later (or to another replica) finds the port id the command
   * claimed. A first attempt that did not finish (a crash) is finished under the same port id.
   */
  create(input: CreatePortInput, meta: CommandMeta): Promise<PortView> {
    const key = `${input.networkId}\n${meta.commandId}`;
    const running = this.creating.get(key);
    if (running) return running;
    const attempt = this.createOnce(input, meta).finally(() => this.creating.delete(key));
    this.creating.set(key, attempt);
    return attempt;
  }

  private async createOnce(input: CreatePortInput, meta: CommandMeta): Promise<PortView> {
    const { state } = await this.networks.loadFor(input.networkId, meta.tenantId);
    // answered from the first attempt before the checks, which held when it ran and need not hold now
    const earlier = await this.networks.claimed('port', input.networkId, meta);
    const answered = earlier.id === null ? undefined : await this.earlierAnswer(input.networkId, earlier.id, earlier.fulfilled, meta);
    if (answered) return answered;
    const home = homeOf(state);
    const target = siteNamed(state, input.site);
    if (!target || target.state === StitchingState.TornDown) throw new SiteNotStretchedError(input.networkId, input.site);
    for (const s of [home, target]) {
      if (s.state !== StitchingState.Active || s.vimNetworkId === undefined) throw new SiteNotActiveError(input.networkId, s.site, s.state);
    }
    const candidate = ulid();
    const claim = await this.networks.claimId('port', input.networkId, candidate, meta);
    // Another copy claimed first (a replica, or since the look above): its port, if it made one, is the answer.
    const raced = claim.id === candidate ? undefined : await this.earlierAnswer(input.networkId, claim.id, claim.fulfilled, meta);
    if (raced) return raced;
    const portId = claim.id;
    const onHome = target.site === home.site;
    // 1. the home VIM allocates the MAC/IP; its "no address left" is the pool's POOL.EXHAUSTED, as for direct allocations
    const homePort = await this.vim
      .createPort(home.site, { networkId: home.vimNetworkId!, name: onHome ? sitePortName(portId, input.name) : reservationPortName(portId) }, meta)
      .catch((err: unknown) => {
        const subnets = state.identity.subnets;
        throw vimRefusalError(err, { poolId: subnets.map((s) => poolIdOf(input.networkId, s.family)).join(', '), cidr: subnets.map((s) => s.cidr).join(', '), site: home.site });
      });
    let sitePortId: string | undefined;
    try {
      // 2. the ledger records it (idempotent per port and address)
      await this.record(state, portId, homePort.mac, homePort.ips, input.site, meta);
      // 3. the port on the requested site, with the home site's MAC and every one of its IPs (both on dual-stack)
      sitePortId = onHome
        ? homePort.externalId
        : (await this.vim.createPort(target.site, { networkId: target.vimNetworkId!, name: sitePortName(portId, input.name), mac: homePort.mac, ips: homePort.ips }, meta)).externalId;
      // 4. the VIM port ids, so the port can be deleted later
      const port: PortRecord = { portId, name: input.name, site: input.site, vimPortId: sitePortId, homeVimPortId: homePort.externalId, mac: homePort.mac, ips: homePort.ips };
      await this.teardown.registry.execute(input.networkId, { type: 'RecordPortCreated', port }, { ...meta, commandId: `${portId}:record-port` });
      await this.networks.fulfilClaim('port', input.networkId, meta);
      return this.view(input.networkId, port);
    } catch (err) {
      if (sitePortId !== undefined && !onHome) await this.vim.deletePort(target.site, sitePortId, meta).catch((e: unknown) => log.error({ err: e, portId }, 'could not delete a half-made port'));
      await this.undo(state, portId, homePort.externalId, home.site, homePort.ips, meta);
      throw err;
    }
  }

  async list(networkId: string, meta: CommandMeta): Promise<{ items: PortView[] }> {
    await this.networks.loadFor(networkId, meta.tenantId);
    const { ports } = await this.teardown.registry.load(networkId);
    return { items: Object.values(ports).map((p) => this.view(networkId, p)) };
  }

  /** Deletes the port on its site and on the home VIM, and frees its MAC/IP in the ledger. */
  async delete(networkId: string, portId: string, meta: CommandMeta): Promise<void> {
    const { state } = await this.networks.loadFor(networkId, meta.tenantId);
    const port = (await this.teardown.registry.load(networkId)).ports[portId];
    if (!port) throw new NotFoundError('Port', portId);
    await this.teardown.deletePort(state, port, meta);
    this.kick(networkId);
  }

  private async record(state: ExistingNetwork, portId: string, mac: string, ips: string[], site: string, meta: CommandMeta): Promise<void> {
    const networkId = state.identity.networkId;
    for (const ip of ips) {
      const poolId = poolIdOf(networkId, parseIp(ip).family);
      // ADDRESS.TAKEN here means the ledger and the home VIM disagree: surfaced, never retried.
      await this.pools.run(poolId, { type: 'RecordExternalAllocation', portId, address: ip, mac, site }, { ...meta, commandId: `${portId}:record:${ip}` });
    }
    await this.ledger.macs({ type: 'RecordMac', site: state.identity.homeSite, portId, mac }, { ...meta, commandId: `${portId}:record-mac` });
  }

  private async undo(state: ExistingNetwork, portId: string, homePortId: string, homeSite: string, ips: string[], meta: CommandMeta): Promise<void> {
    const networkId = state.identity.networkId;
    try {
      await this.vim.deletePort(homeSite, homePortId, meta);
      for (const ip of ips) {
        const poolId = poolIdOf(networkId, parseIp(ip).family);
        await this.pools.run(poolId, { type: 'ReleaseAddress', address: ip, portId }, { ...meta, commandId: `${portId}:undo:${ip}` }).catch(() => undefined);
      }
    } catch (err) {
      log.error({ err, networkId, portId, homePortId }, 'could not undo a half-made port');
    }
  }

  /**
   * What a command that claimed `portId` before answers now: the port, if it was recorded (then the claim is marked
   * fulfilled, in case the first attempt stopped just before); `PORT.DELETED` if it was made and deleted since;
   * nothing if the first attempt never finished, which is then done again under the same id.
   */
  private async earlierAnswer(networkId: string, portId: string, fulfilled: boolean, meta: CommandMeta): Promise<PortView | undefined> {
    const port = (await this.teardown.registry.load(networkId)).ports[portId];
    if (port) {
      if (!fulfilled) await this.networks.fulfilClaim('port', networkId, meta);
      return this.view(networkId, port);
    }
    if (fulfilled) throw new PortDeletedError(networkId, portId);
    return undefined;
  }

  private view(networkId: string, p: PortRecord): PortView {
    return { id: p.portId, networkId, name: p.name, site: p.site, mac: p.mac, ips: p.ips, homeVimPortId: p.homeVimPortId, vimPortId: p.vimPortId };
  }
}
