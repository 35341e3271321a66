import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { MessagingModule, NATS_CONNECTION } from '#vorch/messaging';
import { InventoryCore } from './inventory.core.js';
import { InventoryHandlers } from './inventory.handlers.js';
import type { InventoryConfig } from './inventory.config.js';
import type { DriverFactory } from './discovery/driver-factory.js';

@Module({})
export class InventoryModule implements OnApplicationShutdown {
  constructor(@Inject(InventoryCore) private readonly core: InventoryCore) {}

  static forRoot(config: InventoryConfig, drivers: DriverFactory): DynamicModule {
    return {
      module: InventoryModule,
      imports: [MessagingModule.forRoot({ service: 'inventory', natsUrl: config.natsUrl })],
      providers: [
        {
          provide: InventoryCore,
          useFactory: (nc: NatsConnection) => InventoryCore.start(nc, config, drivers),
          inject: [NATS_CONNECTION],
        },
        InventoryHandlers,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.core.stop();
  }
}
