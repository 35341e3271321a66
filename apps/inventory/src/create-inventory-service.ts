import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { InventoryModule } from './inventory.module.js';
import type { InventoryConfig } from './inventory.config.js';
import { driverFactory, type DriverFactory } from './discovery/driver-factory.js';

/** Boots the inventory service (no HTTP of its own: it serves the bus). Tests start it in-process. */
export async function createInventoryService(config: InventoryConfig, drivers: DriverFactory = driverFactory()): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(InventoryModule.forRoot(config, drivers), { logger: false });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
