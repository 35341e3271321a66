import { Body, Controller, Get, HttpCode, Param, Post, Query, type Type } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CheckInteropInput,
  ImportMatrixInput,
  InteroperatesWithInput,
  RegisterInteropResourceInput,
  type CompatibleResourcesView,
  type ImportMatrixResult,
  type InteropCheckView,
  type InteropResourceView,
  type InteroperatesWithView,
  type InteropSubjects,
  type MatrixImportView,
  type RegisterInteropResourceResult,
  type ResourceMatrixView,
} from '#vorch/contracts';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { BusForwarder } from '../bus/bus-forwarder.js';
import { ApiQueryDto } from '../openapi/api-query-dto.decorator.js';
import { CompatibleQuery, ResourceMatrixQuery } from './interop-http.queries.js';
import { assertMayImport } from './matrix-scope-policy.js';

/** The interoperability matrix over REST; everything forwards to the interoperability-matrix service. */
export function interopHttpController(subjects: InteropSubjects): Type {
  @ApiTags('interop')
  @Controller('v1/interop')
  class InteropHttpController {
    constructor(private readonly bus: BusForwarder) {}

    /** Registers a resource of the caller's tenant; its interoperability records are stored before the reply. */
    @Post('resources')
    @HttpCode(201)
    register(@Body() body: RegisterInteropResourceInput, @CurrentPrincipal() p: Principal): Promise<RegisterInteropResourceResult> {
      return this.bus.send(subjects.registerResource, body, p);
    }

    @Get('resources/:id')
    resource(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<InteropResourceView> {
      return this.bus.send(subjects.getResource, { resourceId: id }, p);
    }

    /** What the matrix says about this resource against each resource of the tenant, with the deciding entry. */
    @Get('resources/:id/compatible')
    @ApiQueryDto(CompatibleQuery)
    compatible(@Param('id') id: string, @Query() q: CompatibleQuery, @CurrentPrincipal() p: Principal): Promise<CompatibleResourcesView> {
      return this.bus.send(subjects.compatible, { ...q, resourceId: id }, p);
    }

    /**
     * Imports a matrix file (JSON, YAML or CSV in `content`). The whole file is validated first: any bad row and
     * nothing is imported (400, every row by line). Then 202: the entries are appended in the background and come
     * into effect together; follow `GET /v1/interop/imports/{importId}`.
     */
    @Post('matrix')
    @HttpCode(202)
    import(@Body() body: ImportMatrixInput, @CurrentPrincipal() p: Principal): Promise<ImportMatrixResult> {
      assertMayImport(body, p);
      return this.bus.send(subjects.importMatrix, body, p, { timeoutMs: 60000 });
    }

    @Get('imports/:id')
    importProgress(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<MatrixImportView> {
      return this.bus.send(subjects.getImport, { importId: id }, p);
    }

    /** Does a interoperate with b (`product@version` each), and which matrix entry says so. */
    @Get('check')
    @ApiQueryDto(CheckInteropInput)
    check(@Query() q: CheckInteropInput, @CurrentPrincipal() p: Principal): Promise<InteropCheckView> {
      return this.bus.send(subjects.check, q, p);
    }

    /** Every product (with its version range) the matrix pairs with `product@version`. */
    @Get('interoperates-with')
    @ApiQueryDto(InteroperatesWithInput)
    interoperatesWith(@Query() q: InteroperatesWithInput, @CurrentPrincipal() p: Principal): Promise<InteroperatesWithView> {
      return this.bus.send(subjects.interoperatesWith, q, p);
    }

    /** The full matrix of a set of the tenant's resources: every record among them. */
    @Get('matrix')
    @ApiQueryDto(ResourceMatrixQuery)
    matrix(@Query() q: ResourceMatrixQuery, @CurrentPrincipal() p: Principal): Promise<ResourceMatrixView> {
      return this.bus.send(subjects.resourceMatrix, { resourceIds: q.resources.split(',').map((id) => id.trim()) }, p);
    }
  }
  return InteropHttpController;
}
