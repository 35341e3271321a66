/** The gateway's environment, read in one place. */
export interface GatewayConfig {
  httpPort: number;
  grpcPort: number;
  host: string;
  apiKeys: string | undefined;
  natsUrl: string | undefined;
}

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, not "${raw}"`);
  return n;
}

export function gatewayConfigFromEnv(): GatewayConfig {
  return {
    httpPort: port('VORCH_HTTP_PORT', 8080),
    grpcPort: port('VORCH_GRPC_PORT', 50051),
    host: process.env.VORCH_GATEWAY_HOST ?? '0.0.0.0',
    apiKeys: process.env.VORCH_API_KEYS,
    natsUrl: process.env.NATS_URL,
  };
}
