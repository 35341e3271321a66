import { ValidationError, type FieldError } from '#vorch/contracts';
import type { AppendInput } from './append-input.js';

const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;

const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
const isText = (v: unknown) => typeof v === 'string' && v.length > 0;

/**
 * Names every bad field of an append (ValidationError). Written by hand rather than with class-validator: appends
 * come from in-process code that validated its outside input already, and class-validator's ~100 µs per call
 * would cost more than the publish itself. Aggregate type and id are checked by aggregateAddress.
 */
export function validateAppendInput(input: AppendInput): void {
  const errors: FieldError[] = [];
  if (!isCount(input.expectedSeq)) errors.push({ field: 'expectedSeq', message: 'must be an integer ≥ 0' });
  if (!isCount(input.expectedVersion)) errors.push({ field: 'expectedVersion', message: 'must be an integer ≥ 0' });
  const meta = input.meta;
  if (typeof meta !== 'object' || meta === null) errors.push({ field: 'meta', message: 'is required' });
  else {
    for (const f of ['commandId', 'tenantId', 'correlationId'] as const) {
      if (!isText(meta[f])) errors.push({ field: `meta.${f}`, message: 'must be a non-empty string' });
    }
    if (meta.causationId !== undefined && !isText(meta.causationId)) errors.push({ field: 'meta.causationId', message: 'must be a non-empty string' });
  }
  if (!Array.isArray(input.events) || input.events.length === 0) errors.push({ field: 'events', message: 'must hold at least one event' });
  else {
    input.events.forEach((e, i) => {
      if (typeof e?.type !== 'string' || !EVENT_TYPE.test(e.type)) errors.push({ field: `events.${i}.type`, message: 'must be an event type name' });
      if (e?.data === undefined) errors.push({ field: `events.${i}.data`, message: 'is required (null for none)' });
      if (e?.schemaVersion !== undefined && !(Number.isSafeInteger(e.schemaVersion) && e.schemaVersion >= 1)) {
        errors.push({ field: `events.${i}.schemaVersion`, message: 'must be an integer ≥ 1' });
      }
    });
  }
  if (input.headers !== undefined && (typeof input.headers !== 'object' || input.headers === null)) {
    errors.push({ field: 'headers', message: 'must be an object of header names to values' });
  }
  if (errors.length) throw new ValidationError(errors);
}
