import { collectProcessMetrics, createLogger, initTracing, startMetricsServer } from '#vorch/telemetry';

initTracing('inventory');
const log = createLogger('inventory');

async function main(): Promise<void> {
  const { inventoryConfigFromEnv } = await import('./inventory.config.js');
  const { createInventoryService } = await import('./create-inventory-service.js');
  const config = inventoryConfigFromEnv();
  collectProcessMetrics('inventory');
  await startMetricsServer(Number(process.env.VORCH_METRICS_PORT ?? 0));
  await createInventoryService(config);
  log.info('inventory service ready');
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'inventory service failed to start');
  process.exit(1);
});
