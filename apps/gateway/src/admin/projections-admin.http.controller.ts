import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  projectionAdminSubjects,
  ProjectionNotFoundError,
  RebuildProjectionInput,
  UnavailableError,
  VorchError,
  type ProjectionStatusView,
  type ProjectionsOverviewView,
} from '#vorch/contracts';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import { RequireRole } from '../auth/require-role.decorator.js';
import { BusForwarder } from '../bus/bus-forwarder.js';
import { ProjectionStatusScatter } from './projection-status-scatter.js';

/**
 * The read models (projections) of every service: their state and a rebuild from the event streams. They span
 * tenants and a rebuild empties a read model for a while, so only admins use them.
 */
@ApiTags('admin')
@Controller('v1/admin/projections')
@RequireRole('admin')
export class ProjectionsAdminHttpController {
  private readonly subjects = projectionAdminSubjects();

  constructor(
    private readonly bus: BusForwarder,
    private readonly scatter: ProjectionStatusScatter,
  ) {}

  /** Every projection of every service that answered within the deadline; `services` lists the unreachable ones too. */
  @Get()
  list(@CurrentPrincipal() p: Principal): Promise<ProjectionsOverviewView> {
    return this.scatter.gather(p);
  }

  /**
   * Starts a rebuild on the replica leading the projection and answers at once (state `rebuilding`); follow it with
   * GET. 409 PROJECTION.REBUILD_RUNNING while one runs, 404 PROJECTION.NOT_FOUND for a name no service runs, 503 when
   * no replica leads it at this moment (leadership is changing hands).
   */
  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiParam({ name: 'name', description: 'The projection, as GET lists it', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' } })
  @ApiAcceptedResponse({ description: "The rebuild started; the body is the projection's status (state `rebuilding`)" })
  async rebuild(@Param() params: RebuildProjectionInput, @CurrentPrincipal() p: Principal): Promise<ProjectionStatusView> {
    try {
      return await this.bus.send<ProjectionStatusView>(this.subjects.rebuild(params.name), { name: params.name }, p);
    } catch (err) {
      if (!(err instanceof VorchError) || err.code !== 'UNAVAILABLE') throw err;
      // nobody serves the leader's subject: an unknown name, or a projection between leaders
      const overview = await this.scatter.gather(p);
      const known = overview.items.find((i) => i.name === params.name);
      const unreachable = overview.services.filter((s) => !s.reachable).map((s) => s.service);
      if (!known) throw new ProjectionNotFoundError(params.name, { unreachableServices: unreachable });
      throw new UnavailableError(`no replica of ${known.service} leads projection ${params.name} right now; retry shortly`, {
        name: params.name,
        service: known.service,
        state: known.state,
      });
    }
  }
}
