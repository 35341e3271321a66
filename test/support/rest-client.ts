/** What a REST call answered: the status, the content type (problem+json or not) and the parsed body (null when empty). */
export interface RestAnswer {
  status: number;
  type: string;
  // The tests read the answer's fields freely, as a client of the public API would.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export type RestCall = (method: string, path: string, body?: unknown, key?: string, headers?: Record<string, string>) => Promise<RestAnswer>;

/** Calls the gateway's REST API as a client holding API keys would; `defaultKey` when a call names none. */
export function restClient(baseUrl: string, defaultKey: string): RestCall {
  return async (method, path, body, key = defaultKey, headers = {}) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
  };
}
