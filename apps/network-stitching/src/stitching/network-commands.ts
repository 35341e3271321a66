import { ulid } from 'ulid';
import {
  INVENTORY_SUBJECTS,
  ValidationError,
  VorchError,
  type CommandMeta,
  type CreateNetworkInput,
  type FieldError,
  type NetworkView,
} from '#vorch/contracts';
import type { Bus } from '#vorch/messaging';
import { DEFAULT_NETWORK_MTU, poolDefinitionOf, stitchingDecider, type CreateStitchedNetwork, type StitchingCommand } from '#vorch/stitching-domain';
import type { IpamLedger } from '../address-manager/ipam-ledger.js';
import { poolIdOf } from '../address-manager/pool-ids.js';
import type { NetworkStore } from './network-store.js';
import type { StitchingLoop } from './stitching-loop.js';
import { networkView } from './network-view.js';
import { inRequestFields, subnetsOf } from './network-request.js';

const SEGMENTATION = 'vxlan' as const;

/**
 * Creating, reshaping and deleting stretched networks; the stitching loop does the VIM work afterwards. Reading
 * them is the read model's job (read-model/network-queries.ts).
 */
export class NetworkCommands {
  constructor(
    private readonly networks: NetworkStore,
    private readonly ledger: IpamLedger,
    private readonly loop: StitchingLoop,
    private readonly bus: Bus,
    private readonly vniMin: number,
  ) {}

  /**
   * 1. check the request means something (every bad field at once: CIDRs, sites unknown to the inventory, then the
   *    domain's own rules on a dry run) before anything is taken, so a refused request records and holds nothing;
   * 2. the network id: new, or the one this command was given before (a resent command gets the same network);
   * 3. take a VNI from the federation's allocator, keyed by the network id (so a resent command gets the same VNI);
   * 4. record the network (home + peers start validating); 5. open one address pool per subnet; 6. start stitching.
   */
  async create(input: CreateNetworkInput, meta: CommandMeta): Promise<NetworkView> {
    const { subnets, errors } = subnetsOf(input);
    const request: CreateStitchedNetwork = {
      type: 'CreateStitchedNetwork',
      networkId: ulid(),
      name: input.name,
      homeSite: input.homeSite,
      subnets,
      stretchTo: input.stretchTo ?? [],
      mtu: input.mtu ?? DEFAULT_NETWORK_MTU,
      segmentation: { type: SEGMENTATION, id: this.vniMin },
    };
    await this.refuseBadRequest(request, errors, meta);
    const { id: networkId } = await this.networks.claimId('network', '', request.networkId, meta);
    const vni = await this.ledger.allocateSegment(SEGMENTATION, networkId, { ...meta, commandId: `${networkId}:segment` });
    const created = await this.networks.execute(networkId, { ...request, networkId, segmentation: { type: SEGMENTATION, id: vni } }, meta);
    if (created.state.status === 'absent') throw new Error('network not recorded');
    for (const subnet of created.state.identity.subnets) {
      const poolId = poolIdOf(networkId, subnet.family);
      await this.ledger.pool(
        poolId,
        { type: 'CreatePool', poolId, networkId, definition: poolDefinitionOf(subnet) },
        { ...meta, commandId: `${networkId}:create-pool:${poolId}` },
      );
    }
    this.loop.kick(networkId);
    return networkView(created.state);
  }

  delete(networkId: string, meta: CommandMeta): Promise<NetworkView> {
    return this.change(networkId, { type: 'DeleteStitchedNetwork' }, meta);
  }

  async addSite(networkId: string, site: string, meta: CommandMeta): Promise<NetworkView> {
    await this.requireSite(site, 'site', meta);
    return this.change(networkId, { type: 'AddSite', site }, meta);
  }

  removeSite(networkId: string, site: string, meta: CommandMeta): Promise<NetworkView> {
    return this.change(networkId, { type: 'RemoveSite', site }, meta);
  }

  private async change(networkId: string, command: StitchingCommand, meta: CommandMeta): Promise<NetworkView> {
    await this.networks.loadFor(networkId, meta.tenantId);
    const r = await this.networks.execute(networkId, command, meta);
    this.loop.kick(networkId);
    if (r.state.status === 'absent') throw new Error('network vanished');
    return networkView(r.state);
  }

  /** `subnetErrors`: what subnetsOf found wrong with the request's subnets, reported with every other bad field. */
  private async refuseBadRequest(command: CreateStitchedNetwork, subnetErrors: readonly FieldError[], meta: CommandMeta): Promise<void> {
    const sites = [{ field: 'homeSite', id: command.homeSite }, ...command.stretchTo.map((id, i) => ({ field: `stretchTo.${i}`, id }))];
    const errors = [...subnetErrors];
    for (const site of sites) {
      try {
        await this.requireSite(site.id, site.field, meta);
      } catch (err) {
        if (err instanceof ValidationError) errors.push(...(err.errors ?? []));
        else throw err;
      }
    }
    if (errors.length) throw new ValidationError(errors);
    try {
      stitchingDecider.decide(command, stitchingDecider.initialState());
    } catch (err) {
      throw inRequestFields(err);
    }
  }

  /** Sites belong to the inventory; one it does not know (for this tenant) is a bad field, not a missing network. */
  private async requireSite(id: string, field: string, meta: CommandMeta): Promise<void> {
    try {
      await this.bus.request(INVENTORY_SUBJECTS.getSite, { id }, meta);
    } catch (err) {
      if (err instanceof VorchError && err.status === 404) throw new ValidationError([{ field, message: `site ${id} is not registered` }]);
      throw err;
    }
  }
}
