import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CapacityInput,
  INVENTORY_SUBJECTS,
  ListHostsInput,
  ListSitesInput,
  ListStorageInput,
  RegisterSiteInput,
  type CapacityView,
  type HostView,
  type Paged,
  type SiteView,
  type StorageView,
} from '#vorch/contracts';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { BusForwarder } from '../bus/bus-forwarder.js';
import { ApiQueryDto } from '../openapi/api-query-dto.decorator.js';

/** Sites and their discovered inventory (issue: sites and drivers). Everything forwards to the inventory service. */
@ApiTags('sites')
@Controller('v1')
export class SitesHttpController {
  constructor(private readonly bus: BusForwarder) {}

  /** Registers a site after its cloud manager accepted the credentials, then discovers it in the background. */
  @Post('sites')
  @HttpCode(201)
  register(@Body() body: RegisterSiteInput, @CurrentPrincipal() p: Principal): Promise<SiteView> {
    return this.bus.send(INVENTORY_SUBJECTS.registerSite, body, p, { timeoutMs: 30000 });
  }

  @Get('sites')
  @ApiQueryDto(ListSitesInput)
  list(@Query() q: ListSitesInput, @CurrentPrincipal() p: Principal): Promise<Paged<SiteView>> {
    return this.bus.send(INVENTORY_SUBJECTS.listSites, q, p);
  }

  @Get('sites/:id')
  get(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<SiteView> {
    return this.bus.send(INVENTORY_SUBJECTS.getSite, { id }, p);
  }

  /** Walks the site's inventory now and answers when the walk ends (ready, or unreachable with the reason). */
  @Post('sites/:id/discover')
  @HttpCode(200)
  discover(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<unknown> {
    return this.bus.send(INVENTORY_SUBJECTS.discoverSite, { id }, p, { timeoutMs: 300000 });
  }

  @Delete('sites/:id')
  @HttpCode(204)
  async deregister(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<void> {
    await this.bus.send(INVENTORY_SUBJECTS.deregisterSite, { id }, p);
  }

  @Get('hosts')
  @ApiQueryDto(ListHostsInput)
  hosts(@Query() q: ListHostsInput, @CurrentPrincipal() p: Principal): Promise<Paged<HostView>> {
    return this.bus.send(INVENTORY_SUBJECTS.listHosts, q, p);
  }

  @Get('storage')
  @ApiQueryDto(ListStorageInput)
  storage(@Query() q: ListStorageInput, @CurrentPrincipal() p: Principal): Promise<Paged<StorageView>> {
    return this.bus.send(INVENTORY_SUBJECTS.listStorage, q, p);
  }

  @Get('capacity')
  @ApiQueryDto(CapacityInput)
  capacity(@Query() q: CapacityInput, @CurrentPrincipal() p: Principal): Promise<CapacityView> {
    return this.bus.send(INVENTORY_SUBJECTS.capacity, q, p);
  }
}
