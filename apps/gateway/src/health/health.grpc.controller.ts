import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { NotFoundError } from '#vorch/contracts';
import { Public } from '../auth/public.decorator.js';
import { NatsReadiness } from './nats-readiness.js';

export const readinessService = 'vorch.v1.Gateway/ready';

interface HealthCheckRequest {
  service?: string;
}

interface HealthCheckResponse {
  status: 'SERVING' | 'NOT_SERVING';
}

/** vorch.v1.Health/Check (proto/vorch/v1/health.proto): liveness for "", readiness for `vorch.v1.Gateway/ready`. */
@Controller()
export class HealthGrpcController {
  constructor(private readonly readiness: NatsReadiness) {}

  @Public()
  @GrpcMethod('Health', 'Check')
  async check(req: HealthCheckRequest): Promise<HealthCheckResponse> {
    const service = req.service ?? '';
    if (service === '') return { status: 'SERVING' };
    if (service === readinessService) return { status: (await this.readiness.isReady()) ? 'SERVING' : 'NOT_SERVING' };
    throw new NotFoundError('health service', service);
  }
}
