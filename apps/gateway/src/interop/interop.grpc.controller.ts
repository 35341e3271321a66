import { Controller, type Type } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import {
  CheckInteropInput,
  CompatibleResourcesInput,
  GetInteropResourceInput,
  GetMatrixImportInput,
  ImportMatrixInput,
  InteroperatesWithInput,
  RegisterInteropResourceInput,
  ResourceMatrixInput,
  type InteropSubjects,
} from '#vorch/contracts';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { RequireRole } from '../auth/require-role.decorator.js';
import { BusForwarder } from '../bus/bus-forwarder.js';
import { assertMayImport } from './matrix-scope-policy.js';

/** vorch.v1.Interop (proto/vorch/v1/interop.proto): the REST routes' twins, same payloads, same rules. */
export function interopGrpcController(subjects: InteropSubjects): Type {
  @Controller()
  class InteropGrpcController {
    constructor(private readonly bus: BusForwarder) {}

    @GrpcMethod('Interop', 'RegisterResource')
    register(@Payload() req: RegisterInteropResourceInput, @CurrentPrincipal() p: Principal): Promise<unknown> {
      return this.bus.send(subjects.registerResource, req, p);
    }

    @GrpcMethod('Interop', 'ImportMatrix')
    import(@Payload() req: ImportMatrixInput, @CurrentPrincipal() p: Principal): Promise<unknown> {
      assertMayImport(req, p);
      return this.bus.send(subjects.importMatrix, req, p, { timeoutMs: 60000 });
    }

    @RequireRole('viewer')
    @GrpcMethod('Interop', 'GetImport')
    importProgress(@Payload() req: GetMatrixImportInput, @CurrentPrincipal() p: Principal): Promise<unknown> {
      return this.bus.send(subjects.getImport, req, p);
    }

    @RequireRole('viewer')
    @GrpcMethod('Interop', 'GetResource')
    resource(@Payload() req: GetInteropResourceInput, @CurrentPrincipal() p: Principal): Promise<unknown> {
      return this.bus.send(subjects.getResource, req, p);
    }

    @RequireRole('viewer')
    @GrpcMethod('Interop', 'Compatible')
    compatible(@Payload() req: CompatibleResourcesInput, @CurrentPrincipal() p: Principal): Promise<unknown> {
      return this.bus.send(subjects.compatible, req, p);
    }

    @RequireRole('viewer')
    @GrpcMethod('Interop', 'Check')
    check(@Payload() req: CheckInteropInput, @CurrentPrincipal() p: Principal): Promise<unknown> {
      return this.bus.send(subjects.check, req, p);
    }

    @RequireRole('viewer')
    @GrpcMethod('Interop', 'InteroperatesWith')
    interoperatesWith(@Payload() req: InteroperatesWithInput, @CurrentPrincipal() p: Principal): Promise<unknown> {
      return this.bus.send(subjects.interoperatesWith, req, p);
    }

    @RequireRole('viewer')
    @GrpcMethod('Interop', 'ResourceMatrix')
    matrix(@Payload() req: ResourceMatrixInput, @CurrentPrincipal() p: Principal): Promise<unknown> {
      return this.bus.send(subjects.resourceMatrix, req, p);
    }
  }
  return InteropGrpcController;
}
