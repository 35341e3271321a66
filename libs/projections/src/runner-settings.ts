import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ValidationError, validateInput } from '#vorch/contracts';
import type { Projection, ProjectionRunnerOptions } from './projection.js';
import { InvalidProjectionError } from './projection-errors.js';

/** The plain settings of a runner, checked once so a typo fails at start-up rather than as a NATS error later. */
export class RunnerSettings {
  // A durable consumer name may not hold '.', '*', '>' or spaces; the checkpoint key reuses it.
  @IsString() @Matches(/^[A-Za-z0-9_-]{1,200}$/) name!: string;
  @IsString() @Matches(/^[A-Za-z0-9_-]{1,200}$/) stream!: string;
  @IsString() @Matches(/^[^\s]+$/) filterSubject!: string;
  @IsInt() @Min(1) @Max(10000) batchSize!: number;
  @IsInt() @Min(1) @Max(1000) maxAttempts!: number;
  @IsInt() @Min(0) @Max(600000) retryDelayMs!: number;
  @IsOptional() @IsInt() @Min(50) @Max(600000) lagIntervalMs!: number;
}

export function runnerSettings(projection: Projection, opts: ProjectionRunnerOptions): RunnerSettings {
  try {
    return validateInput(RunnerSettings, {
      name: projection.name,
      stream: projection.stream,
      filterSubject: projection.filterSubject,
      batchSize: opts.batchSize ?? 200,
      maxAttempts: opts.maxAttempts ?? 5,
      retryDelayMs: opts.retryDelayMs ?? 500,
      lagIntervalMs: opts.lagIntervalMs ?? 1000,
    });
  } catch (err) {
    if (err instanceof ValidationError) {
      const fields = (err.errors ?? []).map((e) => `${e.field} ${e.message}`).join('; ');
      throw new InvalidProjectionError(projection.name, fields);
    }
    throw err;
  }
}
