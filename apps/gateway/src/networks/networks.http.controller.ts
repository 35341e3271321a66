import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AddNetworkSiteBody,
  CreateNetworkInput,
  CreatePortBody,
  ListNetworksInput,
  ListPortsQuery,
  NETWORK_SUBJECTS,
  ReadAfterInput,
  type NetworkView,
  type Paged,
  type PortView,
} from '#vorch/contracts';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { BusForwarder } from '../bus/bus-forwarder.js';
import { ApiQueryDto } from '../openapi/api-query-dto.decorator.js';

/** Stretched networks and their ports (capabilities C1, C2). Everything forwards to the network-stitching service. */
@ApiTags('networks')
@Controller('v1/networks')
export class NetworksHttpController {
  constructor(private readonly bus: BusForwarder) {}

  /** Records the network and answers at once (202); each site's side then goes validating → activating → active. */
  @Post()
  @HttpCode(202)
  create(@Body() body: CreateNetworkInput, @CurrentPrincipal() p: Principal): Promise<NetworkView> {
    return this.bus.send(NETWORK_SUBJECTS.create, body, p, { timeoutMs: 30000 });
  }

  /** Filters `name`, `homeSite`, `site`, `state`; keyset pages (`limit`, `cursor` = the previous page's `next`). */
  @Get()
  @ApiQueryDto(ListNetworksInput)
  list(@Query() q: ListNetworksInput, @CurrentPrincipal() p: Principal): Promise<Paged<NetworkView>> {
    return this.bus.send(NETWORK_SUBJECTS.list, q, p);
  }

  /** `minSeq` (a command's `seq`): answer only once the read model includes that write. */
  @Get(':id')
  @ApiQueryDto(ReadAfterInput)
  get(@Param('id') id: string, @Query() q: ReadAfterInput, @CurrentPrincipal() p: Principal): Promise<NetworkView> {
    return this.bus.send(NETWORK_SUBJECTS.get, { id, ...q }, p);
  }

  /** Tears down every site's side, then releases the VNI and the pools (202: it happens in the background). */
  @Delete(':id')
  @HttpCode(202)
  delete(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<NetworkView> {
    return this.bus.send(NETWORK_SUBJECTS.delete, { id }, p);
  }

  @Post(':id/sites')
  @HttpCode(202)
  addSite(@Param('id') id: string, @Body() body: AddNetworkSiteBody, @CurrentPrincipal() p: Principal): Promise<NetworkView> {
    return this.bus.send(NETWORK_SUBJECTS.addSite, { id, site: body.site }, p);
  }

  @Delete(':id/sites/:site')
  @HttpCode(202)
  removeSite(@Param('id') id: string, @Param('site') site: string, @CurrentPrincipal() p: Principal): Promise<NetworkView> {
    return this.bus.send(NETWORK_SUBJECTS.removeSite, { id, site }, p);
  }

  /** A port on `site` with the MAC/IP the home site's VIM allocated. */
  @Post(':id/ports')
  @HttpCode(201)
  createPort(@Param('id') id: string, @Body() body: CreatePortBody, @CurrentPrincipal() p: Principal): Promise<PortView> {
    return this.bus.send(NETWORK_SUBJECTS.createPort, { networkId: id, ...body }, p, { timeoutMs: 60000 });
  }

  @Get(':id/ports')
  @ApiQueryDto(ListPortsQuery)
  listPorts(@Param('id') id: string, @Query() q: ListPortsQuery, @CurrentPrincipal() p: Principal): Promise<Paged<PortView>> {
    return this.bus.send(NETWORK_SUBJECTS.listPorts, { ...q, networkId: id }, p);
  }

  /** Deletes the port on its site and its address reservation on the home VIM, then frees the MAC/IP. */
  @Delete(':id/ports/:portId')
  @HttpCode(204)
  async deletePort(@Param('id') id: string, @Param('portId') portId: string, @CurrentPrincipal() p: Principal): Promise<void> {
    await this.bus.send(NETWORK_SUBJECTS.deletePort, { networkId: id, portId }, p, { timeoutMs: 60000 });
  }
}
