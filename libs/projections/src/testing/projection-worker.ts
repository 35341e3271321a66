// A process that runs one CountingProjection until SIGTERM, for crash tests that SIGKILL it mid-stream.
// Configured by env: NATS_URL, DATABASE_URL, PROJECTION_NAME, PROJECTION_STREAM, PROJECTION_FILTER, PROJECTION_BATCH.
import { connect } from '@nats-io/transport-node';
import { ProjectionRunner } from '../projection-runner.js';
import { createDataSource } from '../create-data-source.js';
import { CountingProjection } from './counting-projection.js';

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
}

const nc = await connect({ servers: required('NATS_URL'), name: 'projection-worker' });
const db = await createDataSource(required('DATABASE_URL'), { poolSize: 3, name: 'projection-worker' });
const projection = new CountingProjection(required('PROJECTION_NAME'), required('PROJECTION_STREAM'), required('PROJECTION_FILTER'));
const runner = new ProjectionRunner({ nc, db, projection, batchSize: Number(process.env.PROJECTION_BATCH ?? 50) });
await runner.start();
process.stdout.write('ready\n');

process.once('SIGTERM', () => {
  void (async () => {
    await runner.stop();
    await db.destroy();
    await nc.drain();
    process.exit(0);
  })();
});
