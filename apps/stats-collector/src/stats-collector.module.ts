import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { MessagingModule, NATS_CONNECTION } from '#vorch/messaging';
import { StatsCollectorCore } from './stats-collector.core.js';
import { StatsCollectorHandlers } from './stats-collector.handlers.js';
import type { StatsCollectorConfig } from './stats-collector.config.js';

@Module({})
export class StatsCollectorModule implements OnApplicationShutdown {
  constructor(@Inject(StatsCollectorCore) private readonly core: StatsCollectorCore) {}

  static forRoot(config: StatsCollectorConfig): DynamicModule {
    return {
      module: StatsCollectorModule,
      imports: [MessagingModule.forRoot({ service: 'stats-collector', natsUrl: config.natsUrl })],
      providers: [
        { provide: StatsCollectorCore, useFactory: (nc: NatsConnection) => StatsCollectorCore.start(nc, config), inject: [NATS_CONNECTION] },
        StatsCollectorHandlers,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.core.stop();
  }
}
