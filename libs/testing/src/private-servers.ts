import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { repoRoot } from './repo-root.js';

/**
 * A NATS or PostgreSQL server of the test's own, on a free port, for tests that kill or restart servers:
 * the machine's shared services are never touched. Uses the same start-up code as `npm start`.
 */
export interface PrivateServer {
  url: string;
  port: number;
  dataDir: string;
  /** SIGKILL (crash) or SIGTERM (clean stop). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts again on the same port and data folder. */
  restart(): Promise<void>;
  /** Stops and removes the data folder. */
  destroy(): Promise<void>;
}

interface Started {
  url: string;
  child: ChildProcess | { kill(signal?: NodeJS.Signals): Promise<void> };
}

type Starter = (o: { dataDir: string; port?: number; logFile: string }) => Promise<Started>;

async function load(module: string, fn: string): Promise<Starter> {
  const mod = (await import(pathToFileURL(join(repoRoot(), 'scripts/lib', module)).href)) as Record<string, Starter>;
  return mod[fn]!;
}

async function stopChild(child: Started['child'], signal: NodeJS.Signals): Promise<void> {
  if ('pid' in child) {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  } else {
    await child.kill(signal);
  }
}

async function privateServer(starter: Starter, kind: string): Promise<PrivateServer> {
  const dataDir = mkdtempSync(join(tmpdir(), `vorch-${kind}-`));
  // PostgreSQL runs as its own user when we are root: it must be able to reach its data folder.
  chmodSync(dataDir, 0o755);
  const logFile = `${dataDir}.log`;
  let started = await starter({ dataDir: join(dataDir, 'data'), logFile });
  const port = Number(new URL(started.url).port);
  const server: PrivateServer = {
    url: started.url,
    port,
    dataDir,
    async stop(signal = 'SIGKILL') {
      await stopChild(started.child, signal);
    },
    async restart() {
      started = await starter({ dataDir: join(dataDir, 'data'), port, logFile });
    },
    async destroy() {
      await stopChild(started.child, 'SIGKILL').catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(logFile, { force: true });
    },
  };
  return server;
}

export async function privateNats(): Promise<PrivateServer> {
  return privateServer(await load('nats-server.mjs', 'startNatsServer'), 'nats');
}

/** url has no database path: append `/postgres` or create a database first. */
export async function privatePostgres(): Promise<PrivateServer> {
  return privateServer(await load('postgres-server.mjs', 'startPostgresServer'), 'pg');
}
