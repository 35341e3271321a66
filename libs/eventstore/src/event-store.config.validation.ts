import { Allow, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { validateInput } from '#vorch/contracts';
import type { EventStoreConfig } from './event-store.config.js';

class EventStoreConfigModel {
  @IsString() @Matches(/^[A-Za-z0-9_-]{1,64}$/) stream!: string;
  /** Dot-separated literal tokens: wildcards here would make the stream swallow unrelated subjects. */
  @IsString() @Matches(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/) subjectPrefix!: string;
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{1,64}$/) snapshotBucket?: string;
  @IsOptional() @IsInt() @Min(1) snapshotEvery?: number;
  @Allow() upcasters?: unknown;
  @IsOptional() @IsInt() @Min(1) @Max(24 * 60 * 60 * 1000) duplicateWindowMs?: number;
  @IsOptional() @IsInt() @Min(0) rememberCommands?: number;
  @IsOptional() @IsInt() @Min(1) requestTimeoutMs?: number;
}

export function validateEventStoreConfig(cfg: EventStoreConfig): void {
  validateInput(EventStoreConfigModel, cfg);
}
