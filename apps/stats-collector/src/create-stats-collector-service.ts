import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { StatsCollectorModule } from './stats-collector.module.js';
import { StatsCollectorCore } from './stats-collector.core.js';
import type { StatsCollectorConfig } from './stats-collector.config.js';

/** Boots the stats-collector (UDP listeners and the bus; no HTTP of its own). Tests start it in-process. */
export async function createStatsCollectorService(config: StatsCollectorConfig): Promise<{ app: INestApplicationContext; core: StatsCollectorCore }> {
  const app = await NestFactory.createApplicationContext(StatsCollectorModule.forRoot(config), { logger: false });
  app.enableShutdownHooks();
  await app.init();
  return { app, core: app.get(StatsCollectorCore) };
}
