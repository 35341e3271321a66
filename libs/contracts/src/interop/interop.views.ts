import type { InteropResourceKind, MatrixScopeName, SupportLevel } from './interop-vocabulary.js';

export interface InteropResourceView {
  resourceId: string;
  tenantId: string;
  kind: InteropResourceKind;
  vendor: string;
  product: string;
  version: string;
  siteId?: string;
  externalId?: string;
}

export interface RegisterInteropResourceResult {
  resourceId: string;
  /** False when the resource was known already with the same facts (nothing changed). */
  changed: boolean;
}

export interface MatrixEntryView {
  entryId: string;
  scope: MatrixScopeName;
  productA: string;
  versionsA: string;
  productB: string;
  versionsB: string;
  support: SupportLevel;
  note?: string;
  importId: string;
  /** The line of the import file the entry came from. */
  line: number;
}

export interface InteropRecordView {
  otherResource: InteropResourceView;
  support: SupportLevel;
  note?: string;
  entry: MatrixEntryView;
}

export interface CompatibleResourcesView {
  resource: InteropResourceView;
  records: InteropRecordView[];
  /** Pass as `after` for the next page; absent on the last page. */
  next?: string;
}

export interface InteropCheckView {
  a: string;
  b: string;
  /** `unknown`: no entry visible to the tenant speaks about this pair. */
  support: SupportLevel | 'unknown';
  note?: string;
  /** The entry that decides (a tenant's own outranks a global one; then the most recent). */
  entry?: MatrixEntryView;
  /** Other entries that also match but do not decide. */
  overridden: MatrixEntryView[];
}

export interface InteroperatesWithView {
  product: string;
  partners: Array<{ product: string; versions: string; support: SupportLevel; note?: string; entry: MatrixEntryView }>;
}

export interface ResourceMatrixView {
  resources: InteropResourceView[];
  records: Array<{ resourceId: string; otherResourceId: string; support: SupportLevel; note?: string; entryId: string }>;
}

export type MatrixImportStatus = 'running' | 'completed';

export interface MatrixImportView {
  importId: string;
  scope: MatrixScopeName;
  status: MatrixImportStatus;
  format: string;
  fileName?: string;
  totalEntries: number;
  appendedEntries: number;
  totalChunks: number;
  appendedChunks: number;
  /** Entries appended / total, 0 to 1. */
  progress: number;
  startedAt: string;
  completedAt?: string;
}

export interface ImportMatrixResult {
  importId: string;
  status: MatrixImportStatus;
  totalEntries: number;
}
