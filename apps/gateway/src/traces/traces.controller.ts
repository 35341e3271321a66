import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '#vorch/contracts';
import { recentSpans, type SpanRecord } from '#vorch/telemetry';
import { ApiQueryDto } from '../openapi/api-query-dto.decorator.js';
import { RequireRole } from '../auth/require-role.decorator.js';
import { ListTracesQuery } from './list-traces.query.js';
import { summarizeTraces, type TraceSummary } from './trace-summary.js';

/**
 * Recent traces of this gateway process, for the console when no tracing backend is configured. Admin only:
 * spans cross tenants, and tenants must not see each other's activity.
 */
@ApiTags('traces')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('v1/traces')
export class TracesController {
  @Get()
  @ApiQueryDto(ListTracesQuery)
  list(@Query() query: ListTracesQuery): TraceSummary[] {
    return summarizeTraces(recentSpans.latest(2000), query.limit ?? 50);
  }

  @Get(':traceId')
  get(@Param('traceId') traceId: string): SpanRecord[] {
    const spans = recentSpans.byTrace(traceId);
    if (spans.length === 0) throw new NotFoundError('trace', traceId);
    return [...spans].sort((a, b) => a.startMs - b.startMs);
  }
}
