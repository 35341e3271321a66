import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IPAM_SUBJECTS, SetMacPrefixBody, type MacPrefixView } from '#vorch/contracts';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { RequireRole } from '../auth/require-role.decorator.js';
import { BusForwarder } from '../bus/bus-forwarder.js';

/**
 * The MAC prefix each site's VIM hands out MACs from, kept by the address manager's federation-wide MAC registry.
 * Prefixes span tenants (two sites must never overlap, whoever owns them), so only admins read or write them.
 */
@ApiTags('address-manager')
@Controller('v1')
@RequireRole('admin')
export class MacPrefixesHttpController {
  constructor(private readonly bus: BusForwarder) {}

  /** 409 MAC_PREFIX.OVERLAP names the site whose prefix overlaps; 409 MAC_PREFIX.ALREADY_ASSIGNED for a different prefix. */
  @Put('sites/:siteId/mac-prefix')
  set(@Param('siteId') siteId: string, @Body() body: SetMacPrefixBody, @CurrentPrincipal() p: Principal): Promise<MacPrefixView> {
    return this.bus.send(IPAM_SUBJECTS.setMacPrefix, { siteId, ...body }, p);
  }

  @Get('mac-prefixes')
  list(@CurrentPrincipal() p: Principal): Promise<{ items: MacPrefixView[] }> {
    return this.bus.send(IPAM_SUBJECTS.listMacPrefixes, {}, p);
  }
}
