import type { LoggerService } from '@nestjs/common';
import { createLogger } from '#vorch/telemetry';

const log = createLogger('nest');

/** Nest's own messages as pino JSON lines. Its chatty start-up lines ("Mapped {/x, GET} route") go to debug. */
export class PinoNestLogger implements LoggerService {
  log(message: unknown, context?: string): void {
    log.debug({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    log.error({ context, stack: trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    log.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    log.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    log.trace({ context }, String(message));
  }
}
