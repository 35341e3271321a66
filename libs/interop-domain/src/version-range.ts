import { compareVersions, hasPrefix, parseVersion, type Version } from './version.js';

/**
 * A set of versions, written the way support matrices write them:
 * - `*` (or `x`, or empty): any version
 * - `8.0` or `8.0.x`: that version and every more specific one (`8.0`, `8.0 U2`, `8.0.1`)
 * - `=7.0.3`: exactly that version
 * - `>=7.0 <8.0`, `>=8.0 U2, <9`: every comparator must hold (versions may contain spaces, so operators split them)
 * - `7.0 - 8.0`: inclusive, the upper end with its more specific versions (`8.0 U3` is in)
 * - `6.7 || >=7.0.2`: either side
 */
export type Comparator =
  | { op: 'any' }
  // `through`: at most this version, or any more specific one (the upper end of `7.0 - 8.0`)
  | { op: 'prefix' | 'through' | '=' | '>' | '>=' | '<' | '<='; version: Version };

export interface VersionRange {
  /** As written, with whitespace collapsed: the range's identity in a matrix. */
  raw: string;
  /** Alternatives (`||`); each is a list of comparators that must all hold. */
  anyOf: Comparator[][];
}

export type RangeResult = { ok: true; range: VersionRange } | { ok: false; message: string };

const OPERATOR = /(>=|<=|>|<|=)/;
const HYPHEN = /\s+-\s+/;

function stripWildcard(text: string): string {
  // `8.0.x` / `8.0.*` mean the prefix `8.0`.
  return text.replace(/[.\s]*(\*|x|X)$/, '');
}

function parsePrefix(text: string): Comparator | string {
  const bare = stripWildcard(text.trim());
  if (!bare) return { op: 'any' };
  const version = parseVersion(bare);
  return version ? { op: 'prefix', version } : `"${text.trim()}" is not a version`;
}

function parseComparators(text: string): Comparator[] | string {
  const parts = text.split(OPERATOR).map((p) => p.trim().replace(/,$/, '').trim());
  // split with a capture group alternates: [before, op, version, op, version, …]
  if (parts[0]) {
    if (parts.length > 1) return `"${parts[0]}" must be preceded by an operator`;
    const prefix = parsePrefix(parts[0]);
    return typeof prefix === 'string' ? prefix : [prefix];
  }
  const out: Comparator[] = [];
  for (let i = 1; i < parts.length; i += 2) {
    const op = parts[i] as '=' | '>' | '>=' | '<' | '<=';
    const version = parseVersion(parts[i + 1] ?? '');
    if (!version) return `operator ${op} needs a version`;
    out.push({ op, version });
  }
  return out;
}

function parseAlternative(text: string): Comparator[] | string {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '*' || trimmed.toLowerCase() === 'x') return [{ op: 'any' }];
  const ends = trimmed.split(HYPHEN);
  if (ends.length === 2) {
    const low = parseVersion(ends[0]!);
    const high = parseVersion(stripWildcard(ends[1]!));
    if (!low || !high) return `"${trimmed}" is not a range of two versions`;
    if (compareVersions(low, high) > 0) return `"${trimmed}" starts after it ends`;
    return [{ op: '>=', version: low }, { op: 'through', version: high }];
  }
  if (ends.length > 2) return `"${trimmed}" has more than one " - "`;
  return parseComparators(trimmed);
}

export function parseVersionRange(input: string): RangeResult {
  if (typeof input !== 'string') return { ok: false, message: 'must be a text' };
  const raw = input.trim().replace(/\s+/g, ' ');
  if (raw.length > 200) return { ok: false, message: 'is longer than 200 characters' };
  const anyOf: Comparator[][] = [];
  for (const alternative of raw.split('||')) {
    const parsed = parseAlternative(alternative);
    if (typeof parsed === 'string') return { ok: false, message: parsed };
    anyOf.push(parsed);
  }
  return { ok: true, range: { raw: raw || '*', anyOf } };
}

function holds(c: Comparator, v: Version): boolean {
  switch (c.op) {
    case 'any':
      return true;
    case 'prefix':
      return hasPrefix(v, c.version);
    case 'through':
      return compareVersions(v, c.version) <= 0 || hasPrefix(v, c.version);
    case '=':
      return compareVersions(v, c.version) === 0;
    case '>':
      return compareVersions(v, c.version) > 0;
    case '>=':
      return compareVersions(v, c.version) >= 0;
    case '<':
      return compareVersions(v, c.version) < 0;
    case '<=':
      return compareVersions(v, c.version) <= 0;
    default: {
      const never: never = c;
      throw new Error(`unknown comparator ${JSON.stringify(never)}`);
    }
  }
}

export function rangeContains(range: VersionRange, version: Version): boolean {
  return range.anyOf.some((alt) => alt.every((c) => holds(c, version)));
}
