import type { EventEnvelope } from './envelope.js';

/** Turns an event of schema version n into version n + 1. */
export type Upcaster = (data: unknown) => unknown;

/**
 * Old events stay in the stream as they were written; readers see the current schema.
 * Register one upcaster per version step: registry.register('InteropResourceRegistered', 1, v1 => v2).
 */
export class UpcasterRegistry {
  private readonly steps = new Map<string, Map<number, Upcaster>>();

  register(type: string, fromVersion: number, upcast: Upcaster): this {
    const byVersion = this.steps.get(type) ?? new Map<number, Upcaster>();
    if (byVersion.has(fromVersion)) throw new Error(`upcaster ${type}@${fromVersion} registered twice`);
    byVersion.set(fromVersion, upcast);
    this.steps.set(type, byVersion);
    return this;
  }

  currentVersion(type: string): number {
    const byVersion = this.steps.get(type);
    return byVersion ? Math.max(...byVersion.keys()) + 1 : 1;
  }

  upcast<T = unknown>(event: EventEnvelope): EventEnvelope<T> {
    const byVersion = this.steps.get(event.type);
    if (!byVersion) return event as EventEnvelope<T>;
    let { data, schemaVersion } = event;
    for (let step = byVersion.get(schemaVersion); step; step = byVersion.get(schemaVersion)) {
      data = step(data);
      schemaVersion++;
    }
    return { ...event, data: data as T, schemaVersion };
  }
}
