import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  DomainMatrixInput,
  StatsRangeInput,
  statsSubjects,
  TenantTrafficInput,
  TopTalkersInput,
  type DatagramCountersView,
  type DomainMatrixView,
  type TenantTrafficView,
  type TopTalkersView,
  type VmBreakdownView,
} from '#vorch/contracts';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { RequireRole } from '../auth/require-role.decorator.js';
import { BusForwarder } from '../bus/bus-forwarder.js';
import { ApiQueryDto } from '../openapi/api-query-dto.decorator.js';

const subjects = statsSubjects();

/** Traffic statistics over REST; everything forwards to the stats-collector. */
@ApiTags('stats')
@Controller('v1/stats')
export class StatsHttpController {
  constructor(private readonly bus: BusForwarder) {}

  /** A VM's traffic by class (intra-server, inter-server-intra-domain, inter-domain, external) over a time range. */
  @Get('vms/:vmId')
  @ApiQueryDto(StatsRangeInput)
  vmBreakdown(@Param('vmId') vmId: string, @Query() q: StatsRangeInput, @CurrentPrincipal() p: Principal): Promise<VmBreakdownView> {
    return this.bus.send(subjects.vmBreakdown, { ...q, vmId }, p);
  }

  /** The tenant's VMs with the most bytes over the range, optionally of one class. */
  @Get('top-talkers')
  @ApiQueryDto(TopTalkersInput)
  topTalkers(@Query() q: TopTalkersInput, @CurrentPrincipal() p: Principal): Promise<TopTalkersView> {
    return this.bus.send(subjects.topTalkers, q, p);
  }

  /** The caller's tenant: its VMs' traffic per class, per domain and per bucket over the range. */
  @Get('tenant')
  @ApiQueryDto(TenantTrafficInput)
  tenantTraffic(@Query() q: TenantTrafficInput, @CurrentPrincipal() p: Principal): Promise<TenantTrafficView> {
    return this.bus.send(subjects.tenantTraffic, q, p);
  }

  /** Bytes, packets and flows from each domain to each other one; spans tenants, so admins only. */
  @Get('domain-matrix')
  @RequireRole('admin')
  @ApiQueryDto(DomainMatrixInput)
  domainMatrix(@Query() q: DomainMatrixInput, @CurrentPrincipal() p: Principal): Promise<DomainMatrixView> {
    return this.bus.send(subjects.domainMatrix, q, p);
  }

  /** Received, decoded, malformed and dropped flow datagrams of the collector that answers. */
  @Get('datagrams')
  @RequireRole('operator')
  datagrams(@CurrentPrincipal() p: Principal): Promise<DatagramCountersView> {
    return this.bus.send(subjects.datagramCounters, {}, p);
  }
}
