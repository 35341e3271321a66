import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { shutdownTracing } from '#vorch/telemetry';

/** Flushes the span exporter when the process's one gateway stops (main only: tests run several per process). */
@Injectable()
export class TracingShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await shutdownTracing();
  }
}
