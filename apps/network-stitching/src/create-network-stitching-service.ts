import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { NetworkStitchingModule } from './network-stitching.module.js';
import type { NetworkStitchingConfig } from './network-stitching.config.js';

/** Boots the network-stitching service with its address manager (no HTTP of its own: it serves the bus). */
export async function createNetworkStitchingService(config: NetworkStitchingConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(NetworkStitchingModule.forRoot(config), { logger: false });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
