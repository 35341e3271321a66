import { randomBytes } from 'node:crypto';

/** Tokens or session ids a site handed out after a successful login; in memory, so a restart logs everybody out. */
export class SessionStore {
  private readonly sessions = new Map<string, number>();

  constructor(private readonly ttlMs = 24 * 3600_000) {}

  issue(): { token: string; expiresAt: Date } {
    const token = randomBytes(24).toString('hex');
    const expiresAt = new Date(Date.now() + this.ttlMs);
    this.sessions.set(token, expiresAt.getTime());
    return { token, expiresAt };
  }

  isValid(token: string | undefined): boolean {
    if (!token) return false;
    const expires = this.sessions.get(token);
    if (expires === undefined) return false;
    if (expires < Date.now()) {
      this.sessions.delete(token);
      return false;
    }
    return true;
  }

  revoke(token: string): void {
    this.sessions.delete(token);
  }
}
