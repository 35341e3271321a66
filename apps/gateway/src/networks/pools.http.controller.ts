import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { AllocateAddressBody, IPAM_SUBJECTS, type AllocationView } from '#vorch/contracts';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { BusForwarder } from '../bus/bus-forwarder.js';
import { ApiQueryDto } from '../openapi/api-query-dto.decorator.js';

class ReleaseQuery {
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_=-]{1,128}$/, { message: 'portId must be 1-128 letters, digits, _ - =' }) portId?: string;
}

/** A network's address pools (one per IP version, `<network id>-v4` / `-v6`), served by the address manager. */
@ApiTags('address-manager')
@Controller('v1/pools')
export class PoolsHttpController {
  constructor(private readonly bus: BusForwarder) {}

  /**
   * Next free address, or `address` when given, allocated by the home site's VIM (a reservation port there) and
   * recorded in the ledger. Exhausted pool or taken address (in the ledger or on the VIM): 409; home site down: 503.
   * Send an Idempotency-Key to retry safely: the same key never reserves a second address.
   */
  @Post(':poolId/allocations')
  @HttpCode(201)
  allocate(@Param('poolId') poolId: string, @Body() body: AllocateAddressBody, @CurrentPrincipal() p: Principal): Promise<AllocationView> {
    return this.bus.send(IPAM_SUBJECTS.allocate, { poolId, ...body }, p, { timeoutMs: 60000 });
  }

  @Get(':poolId/allocations')
  list(@Param('poolId') poolId: string, @CurrentPrincipal() p: Principal): Promise<{ items: AllocationView[] }> {
    return this.bus.send(IPAM_SUBJECTS.listAllocations, { poolId }, p);
  }

  /** Deletes the reservation on the home VIM, then frees the address. A stitched port's address: 409, delete the port. */
  @Delete(':poolId/allocations/:address')
  @HttpCode(204)
  @ApiQueryDto(ReleaseQuery)
  async release(@Param('poolId') poolId: string, @Param('address') address: string, @Query() q: ReleaseQuery, @CurrentPrincipal() p: Principal): Promise<void> {
    await this.bus.send(IPAM_SUBJECTS.release, { poolId, address, ...q }, p, { timeoutMs: 60000 });
  }
}
