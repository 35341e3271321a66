import type { Exchange, Reply } from './exchange.js';

/** A handler answers with a Reply, or with nothing when it wrote the response itself (a watch stream). */
export type Handler = (ex: Exchange) => Promise<Reply | void> | Reply | void;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
  public: boolean;
}

export interface RouteMatch {
  handler: Handler;
  params: Record<string, string>;
  public: boolean;
}

/**
 * Method + path patterns (`/servers/:id/action`). Routes are grouped by segment count, so matching looks only at
 * routes of the right length; the tables are small, so this is fast enough without a trie.
 */
export class RouteTable {
  private readonly byLength = new Map<number, Route[]>();

  add(method: string, pattern: string, handler: Handler, opts: { public?: boolean } = {}): this {
    const segments = split(pattern);
    const list = this.byLength.get(segments.length) ?? [];
    list.push({ method, segments, handler, public: opts.public ?? false });
    this.byLength.set(segments.length, list);
    return this;
  }

  match(method: string, path: string): RouteMatch | undefined {
    const parts = split(path);
    for (const route of this.byLength.get(parts.length) ?? []) {
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const seg = route.segments[i];
        if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(parts[i]);
        else ok = seg === parts[i];
      }
      if (ok) return { handler: route.handler, params, public: route.public };
    }
    return undefined;
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}
