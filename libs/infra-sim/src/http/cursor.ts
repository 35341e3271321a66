import { InvalidRequestError } from '../model/sim-errors.js';

/** Opaque page cursors: the serial of the last item seen, so a page resumes with a binary search. */
export function encodeCursor(serial: number): string {
  return Buffer.from(`s:${serial}`).toString('base64url');
}

export function decodeCursor(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  const m = /^s:(\d+)$/.exec(decoded);
  if (!m) throw new InvalidRequestError(`invalid cursor ${text}`);
  return Number(m[1]);
}
