import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { MessagingModule, NATS_CONNECTION } from '#vorch/messaging';
import { ProjectionsModule } from '#vorch/projections';
import { NetworkStitchingCore } from './network-stitching.core.js';
import { NetworksHandlers } from './stitching/networks.handlers.js';
import { AddressManagerHandlers } from './address-manager/address-manager.handlers.js';
import type { NetworkStitchingConfig } from './network-stitching.config.js';
import { NetworksProjection } from './read-model/networks.projection.js';
import { NetworkQueries } from './read-model/network-queries.js';
import { ReadYourWrites } from './read-model/read-your-writes.js';

@Module({})
export class NetworkStitchingModule implements OnApplicationShutdown {
  constructor(@Inject(NetworkStitchingCore) private readonly core: NetworkStitchingCore) {}

  static forRoot(config: NetworkStitchingConfig): DynamicModule {
    return {
      module: NetworkStitchingModule,
      imports: [
        MessagingModule.forRoot({ service: 'network-stitching', natsUrl: config.natsUrl }),
        // the read model: networks, their sites and ports (one of the pool's connections holds the leader lock)
        ProjectionsModule.forRoot({ projections: [NetworksProjection], databaseUrl: config.databaseUrl, poolSize: 5 }),
      ],
      providers: [
        {
          provide: NetworkStitchingCore,
          useFactory: (nc: NatsConnection) => NetworkStitchingCore.start(nc, config),
          inject: [NATS_CONNECTION],
        },
        NetworkQueries,
        ReadYourWrites,
        NetworksHandlers,
        AddressManagerHandlers,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.core.stop();
  }
}
