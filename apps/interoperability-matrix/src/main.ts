import { collectProcessMetrics, createLogger, initTracing, startMetricsServer } from '#vorch/telemetry';
import { interopConfigFromEnv } from './interop.config.js';
import { createInteropService } from './interop-service.js';

const log = createLogger('interoperability-matrix');

async function main(): Promise<void> {
  initTracing('interoperability-matrix');
  collectProcessMetrics('interoperability-matrix');
  const config = interopConfigFromEnv();
  const service = await createInteropService({ natsUrl: config.natsUrl, databaseUrl: config.databaseUrl, dbPoolSize: config.dbPoolSize, queryPoolSize: config.queryPoolSize });
  const metrics = await startMetricsServer(config.metricsPort);
  const address = metrics.address();
  log.info({ metricsPort: typeof address === 'object' && address ? address.port : config.metricsPort }, 'interoperability-matrix started');
  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping');
    metrics.close();
    await service.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'interoperability-matrix failed to start');
  process.exit(1);
});
