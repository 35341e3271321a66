import { Module, type DynamicModule } from '@nestjs/common';
import { interopSubjects, type InteropSubjects } from '#vorch/contracts';
import { interopGrpcController } from './interop.grpc.controller.js';
import { interopHttpController } from './interop.http.controller.js';

/** The interoperability matrix's REST and gRPC routes, forwarding to the given subjects (tests use prefixed ones). */
@Module({})
export class InteropFeature {
  static forSubjects(subjects: InteropSubjects): DynamicModule {
    return { module: InteropFeature, controllers: [interopHttpController(subjects), interopGrpcController(subjects)] };
  }
}

/** The feature as the gateway mounts it: the service's production subjects. */
@Module({ imports: [InteropFeature.forSubjects(interopSubjects())] })
export class InteropFeatureModule {}
