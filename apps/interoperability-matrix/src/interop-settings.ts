import { interopStreams, interopSubjects, type InteropSubjects } from '#vorch/contracts';

export const INTEROP_SETTINGS = Symbol('vorch:interop-settings');

/** Names and sizes the service runs with; a prefix keeps in-process test instances apart. */
export interface InteropSettings {
  prefix: string;
  subjects: InteropSubjects;
  events: { stream: string; subjectPrefix: string };
  discovery: { stream: string; filterSubject: string; consumer: string };
  projectionName: string;
  /** Entries per import chunk: one JetStream message each, far below the 1 MB message limit. */
  importChunkSize: number;
  /** How long a command waits for the read model to include its events before it replies. */
  readYourWritesMs: number;
}

export function interopSettings(prefix = '', overrides: Partial<Pick<InteropSettings, 'importChunkSize' | 'readYourWritesMs'>> = {}): InteropSettings {
  const streams = interopStreams(prefix);
  const namePrefix = prefix ? `${prefix}_` : '';
  return {
    prefix,
    subjects: interopSubjects(prefix),
    events: streams.events,
    discovery: { ...streams.discovery, consumer: `${namePrefix}interop-discovery` },
    projectionName: `${namePrefix}interop-read-model`,
    importChunkSize: overrides.importChunkSize ?? 500,
    readYourWritesMs: overrides.readYourWritesMs ?? 10000,
  };
}
