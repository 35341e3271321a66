// Finds a reachable NATS server with JetStream, or starts one under .data/ (installing Debian's package when root).
import net from 'node:net';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { freePort, waitFor } from './ports.mjs';
import { say, StackError } from './log.mjs';

/** Reads the server's INFO line; resolves null when nothing answers like NATS. */
export function natsInfo(url, timeoutMs = 1500) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const sock = net.connect({ host: hostname, port: Number(port || 4222) });
    let buf = '';
    const done = (v) => {
      sock.destroy();
      resolve(v);
    };
    sock.setTimeout(timeoutMs, () => done(null));
    sock.on('error', () => done(null));
    sock.on('data', (d) => {
      buf += d.toString('utf8');
      const end = buf.indexOf('\r\n');
      if (end < 0) return;
      const line = buf.slice(0, end);
      if (!line.startsWith('INFO ')) return done(null);
      try {
        done(JSON.parse(line.slice(5)));
      } catch {
        done(null);
      }
    });
  });
}

function findBinary() {
  for (const p of ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server']) {
    if (existsSync(p)) return p;
  }
  const w = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' });
  return w.status === 0 ? w.stdout.trim() : null;
}

function installBinary() {
  if (process.getuid?.() !== 0) return null;
  say('nats-server is missing: installing the Debian package…');
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', 'nats-server'], {
    stdio: 'ignore',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return r.status === 0 ? findBinary() : null;
}

/** Starts a private nats-server with JetStream on a free port; returns { url, child }. */
export async function startNatsServer({ dataDir, port, logFile }) {
  const bin = findBinary() ?? installBinary();
  if (!bin) {
    throw new StackError(
      'no NATS server is reachable and nats-server is not installed. Install it (apt-get install nats-server) or set NATS_URL.',
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const p = port ?? (await freePort());
  const out = logFile ? openSync(logFile, 'a') : 'ignore';
  const child = spawn(bin, ['-js', '-sd', dataDir, '-a', '127.0.0.1', '-p', String(p)], {
    stdio: ['ignore', out, out],
  });
  const url = `nats://127.0.0.1:${p}`;
  await waitFor(async () => (await natsInfo(url))?.jetstream === true, { what: `nats-server on ${url}` });
  return { url, child };
}

export async function ensureNats(root) {
  const wanted = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const info = await natsInfo(wanted);
  if (info?.jetstream) return { url: wanted, child: null };
  if (info) say(`NATS at ${wanted} has no JetStream; starting one of our own`);
  else say(`no NATS at ${wanted}; starting nats-server -js under .data/nats`);
  const started = await startNatsServer({ dataDir: `${root}/.data/nats`, logFile: `${root}/.data/nats-server.log` });
  say(`NATS with JetStream at ${started.url}`);
  return started;
}
