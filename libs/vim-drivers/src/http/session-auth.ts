/**
 * Holds a dialect's session (Keystone token, vSphere session id, bearer token) and logs in on first use.
 * Concurrent calls share one login: a cold driver hit by a hundred calls must not open a hundred sessions.
 */
export class SessionAuth {
  private session?: Promise<Record<string, string>>;

  constructor(private readonly login: (signal?: AbortSignal) => Promise<Record<string, string>>) {}

  headers(signal?: AbortSignal): Promise<Record<string, string>> {
    if (!this.session) {
      // The shared login must not die with the first caller's signal; each caller still stops waiting on its own.
      const pending = this.login();
      this.session = pending;
      pending.catch(() => {
        if (this.session === pending) this.session = undefined;
      });
    }
    return signal ? raceAbort(this.session, signal) : this.session;
  }

  invalidate(): void {
    this.session = undefined;
  }

  /** Forces a fresh login now (authenticate() uses it to surface bad credentials at once). */
  async refresh(signal?: AbortSignal): Promise<void> {
    this.invalidate();
    await this.headers(signal);
  }
}

function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
