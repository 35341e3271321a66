import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { metricsRegistry } from '#vorch/telemetry';
import { Public } from '../auth/public.decorator.js';

/** Prometheus scrape endpoint: the process-wide registry every library registers on. */
@ApiExcludeController()
@Public()
@Controller()
export class MetricsController {
  @Get('metrics')
  @Header('content-type', metricsRegistry.contentType)
  @Header('cache-control', 'no-store')
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
