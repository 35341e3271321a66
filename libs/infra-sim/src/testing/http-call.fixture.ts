/** Test support: one HTTP call returning status, parsed JSON body and headers. */
// Response bodies are arbitrary JSON that tests reach into and assert on; typing each shape would add nothing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface CallResult<T = Json> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = Json>(url: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<CallResult<T>> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(init.headers ?? {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

export async function openstackToken(endpoint: string, user: string, password: string, project = 'vorch'): Promise<string> {
  const res = await call(`${endpoint}/identity/v3/auth/tokens`, {
    method: 'POST',
    body: { auth: { identity: { methods: ['password'], password: { user: { name: user, domain: { name: 'Default' }, password } } }, scope: { project: { name: project, domain: { name: 'Default' } } } } },
  });
  const token = res.headers.get('x-subject-token');
  if (res.status !== 201 || !token) throw new Error(`login failed: ${res.status}`);
  return token;
}

export async function vsphereSession(endpoint: string, user: string, password: string): Promise<string> {
  const res = await call<string>(`${endpoint}/api/session`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } });
  if (res.status !== 201) throw new Error(`login failed: ${res.status}`);
  return res.body;
}
