// Brings up what every Vorch process needs: dependencies, NATS with JetStream, PostgreSQL.
import { ensureDependencies } from './deps.mjs';
import { ensureNats } from './nats-server.mjs';
import { ensurePostgres } from './postgres-server.mjs';

export async function ensureStack(root, { dbName }) {
  ensureDependencies(root);
  const nats = await ensureNats(root);
  const postgres = await ensurePostgres(root, dbName);
  const children = [nats.child, postgres.child].filter(Boolean);
  const stop = async () => {
    for (const c of children) {
      if ('pid' in c) {
        if (c.exitCode !== null || c.signalCode !== null) continue;
        const exited = new Promise((r) => c.once('exit', r));
        c.kill('SIGTERM');
        await exited;
      } else {
        await c.kill('SIGTERM');
      }
    }
  };
  return { natsUrl: nats.url, databaseUrl: postgres.url, stop };
}
