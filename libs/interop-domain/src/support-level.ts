import { SUPPORT_LEVELS, type SupportLevel } from '#vorch/contracts';

export { SUPPORT_LEVELS, type SupportLevel };

export function isSupportLevel(v: unknown): v is SupportLevel {
  return typeof v === 'string' && (SUPPORT_LEVELS as readonly string[]).includes(v);
}
