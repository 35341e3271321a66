import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager, jetstream } from '@nats-io/jetstream';
import { privateNats, privatePostgres, type PrivateServer } from './private-servers.js';

describe('private servers for crash tests', () => {
  const servers: PrivateServer[] = [];
  after(async () => {
    for (const s of servers) await s.destroy();
  });

  it('PostgreSQL keeps committed rows across a SIGKILL and restart on the same port', async () => {
    const server = await privatePostgres();
    servers.push(server);
    const url = `${server.url}/postgres`;
    let c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('create table t (v int)');
    await c.query('insert into t values (42)');
    await c.end();
    await server.stop('SIGKILL');
    await assert.rejects(async () => {
      const dead = new pg.Client({ connectionString: url, connectionTimeoutMillis: 500 });
      await dead.connect();
    });
    await server.restart();
    c = new pg.Client({ connectionString: url });
    await c.connect();
    const r = await c.query('select v from t');
    await c.end();
    assert.deepEqual(r.rows, [{ v: 42 }]);
  });

  it('NATS keeps acknowledged JetStream messages across a restart on the same port', async () => {
    const server = await privateNats();
    servers.push(server);
    let nc = await connect({ servers: server.url });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'KEEP', subjects: ['keep.>'] });
    await jetstream(nc).publish('keep.a', 'x');
    await nc.close();
    await server.stop('SIGTERM');
    await server.restart();
    nc = await connect({ servers: server.url });
    const info = await (await jetstreamManager(nc)).streams.info('KEEP');
    await nc.close();
    assert.equal(info.state.messages, 1);
  });
});
