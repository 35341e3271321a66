import { collectProcessMetrics, createLogger, initTracing, startMetricsServer } from '#vorch/telemetry';

initTracing('stats-collector');
const log = createLogger('stats-collector');

async function main(): Promise<void> {
  const { statsCollectorConfigFromEnv } = await import('./stats-collector.config.js');
  const { createStatsCollectorService } = await import('./create-stats-collector-service.js');
  const config = statsCollectorConfigFromEnv();
  collectProcessMetrics('stats-collector');
  await startMetricsServer(Number(process.env.VORCH_METRICS_PORT ?? 0));
  const { core } = await createStatsCollectorService(config);
  log.info({ flowPorts: core.collector.ports }, 'stats-collector ready');
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'stats-collector failed to start');
  process.exit(1);
});
