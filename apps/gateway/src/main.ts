import { createLogger, initTracing } from '#vorch/telemetry';

// Tracing first: the OpenTelemetry context manager must be in place before Nest and the NATS client load.
initTracing('gateway');

const log = createLogger('gateway');
const { createGateway } = await import('./gateway.js');
const { gatewayConfigFromEnv } = await import('./gateway-config.js');

const gateway = await createGateway({ ...gatewayConfigFromEnv(), ownsTracing: true });
// SIGTERM/SIGINT close Nest: HTTP and gRPC stop accepting, the NATS connection drains, spans are flushed.
gateway.app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
log.info({ console: `${gateway.httpUrl}/`, grpc: gateway.grpcAddress }, 'gateway ready');
