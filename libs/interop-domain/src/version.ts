/**
 * Versions as vendors write them: `7.0.3`, `8.0 U2`, `8.0u2`, `22.04`, `4.18.0-348.el8`, `15 SP4`.
 * There is no single standard, so a version is read as a list of tokens, each a run of digits (compared as a
 * number) or a run of letters (compared as a lowercase word); every other character only separates tokens.
 */
export type VersionToken = number | string;

export interface Version {
  /** As written, trimmed. */
  raw: string;
  tokens: VersionToken[];
}

// Spellings of the same thing that vendors mix freely; reading them as one keeps `8.0 Update 2` equal to `8.0 U2`.
const WORD_ALIASES: Record<string, string> = { update: 'u', servicepack: 'sp', release: 'r' };

// A word that starts a pre-release sorts before the release it precedes (`1.0 rc1` < `1.0`).
const PRE_RELEASE_WORDS = new Set(['alpha', 'a', 'beta', 'b', 'rc', 'pre', 'dev', 'preview', 'snapshot']);

const TOKEN = /(\d+)|([a-z]+)/g;

export function parseVersion(input: string): Version | undefined {
  const raw = input.trim();
  if (!raw || raw.length > 100) return undefined;
  const tokens: VersionToken[] = [];
  for (const m of raw.toLowerCase().matchAll(TOKEN)) {
    if (m[1] !== undefined) tokens.push(Number.parseInt(m[1], 10));
    else tokens.push(WORD_ALIASES[m[2]!] ?? m[2]!);
  }
  return tokens.length ? { raw, tokens } : undefined;
}

function compareTokens(a: VersionToken, b: VersionToken): number {
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  // At the same position a number ranks above a word: `8.0.1` > `8.0 beta`, and words are rarer than numbers there.
  return typeof a === 'number' ? 1 : -1;
}

/** The extra token of the longer version decides: a pre-release word makes it older, anything else newer. */
function compareTail(extra: VersionToken): number {
  return typeof extra === 'string' && PRE_RELEASE_WORDS.has(extra) ? -1 : 1;
}

/** Negative when a is older than b, 0 when they are the same version, positive when a is newer. */
export function compareVersions(a: Version, b: Version): number {
  const n = Math.min(a.tokens.length, b.tokens.length);
  for (let i = 0; i < n; i++) {
    const c = compareTokens(a.tokens[i]!, b.tokens[i]!);
    if (c !== 0) return c;
  }
  if (a.tokens.length === b.tokens.length) return 0;
  return a.tokens.length > b.tokens.length ? compareTail(a.tokens[n]!) : -compareTail(b.tokens[n]!);
}

/** True when every token of `prefix` starts `v`: `8.0` is a prefix of `8.0 U2` and of `8.0.1`. */
export function hasPrefix(v: Version, prefix: Version): boolean {
  if (prefix.tokens.length > v.tokens.length) return false;
  return prefix.tokens.every((t, i) => v.tokens[i] === t);
}
