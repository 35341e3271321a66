import { collectProcessMetrics, createLogger, initTracing, startMetricsServer } from '#vorch/telemetry';

initTracing('network-stitching');
const log = createLogger('network-stitching');

async function main(): Promise<void> {
  const { networkStitchingConfigFromEnv } = await import('./network-stitching.config.js');
  const { createNetworkStitchingService } = await import('./create-network-stitching-service.js');
  collectProcessMetrics('network-stitching');
  await startMetricsServer(Number(process.env.VORCH_METRICS_PORT ?? 0));
  await createNetworkStitchingService(networkStitchingConfigFromEnv());
  log.info('network-stitching service ready');
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'network-stitching service failed to start');
  process.exit(1);
});
