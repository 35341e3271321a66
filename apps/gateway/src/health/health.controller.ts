import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { UnavailableError } from '#vorch/contracts';
import { Public } from '../auth/public.decorator.js';
import { NatsReadiness } from './nats-readiness.js';

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(private readonly readiness: NatsReadiness) {}

  /** Liveness: the process answers. It does not look at NATS, so a NATS outage does not get the gateway restarted. */
  @Get('healthz')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ description: 'The gateway process is alive' })
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the bus is reachable, so requests can be forwarded. 503 problem otherwise. */
  @Get('readyz')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ description: 'NATS is reachable' })
  @ApiServiceUnavailableResponse({ description: 'NATS is not reachable (problem+json)' })
  async readyz(): Promise<{ status: 'ready'; nats: 'connected' }> {
    if (!(await this.readiness.isReady())) throw new UnavailableError('NATS is not reachable', { dependency: 'nats' });
    return { status: 'ready', nats: 'connected' };
  }
}
