import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { MessagingModule, NATS_CONNECTION } from '#vorch/messaging';
import { NetworkStitchingCore } from './network-stitching.core.js';
import { NetworksHandlers } from './stitching/networks.handlers.js';
import { AddressManagerHandlers } from './address-manager/address-manager.handlers.js';
import type { NetworkStitchingConfig } from './network-stitching.config.js';

@Module({})
export class NetworkStitchingModule implements OnApplicationShutdown {
  constructor(@Inject(NetworkStitchingCore) private readonly core: NetworkStitchingCore) {}

  static forRoot(config: NetworkStitchingConfig): DynamicModule {
    return {
      module: NetworkStitchingModule,
      imports: [MessagingModule.forRoot({ service: 'network-stitching', natsUrl: config.natsUrl })],
      providers: [
        {
          provide: NetworkStitchingCore,
          useFactory: (nc: NatsConnection) => NetworkStitchingCore.start(nc, config),
          inject: [NATS_CONNECTION],
        },
        NetworksHandlers,
        AddressManagerHandlers,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.core.stop();
  }
}
