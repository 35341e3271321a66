// Development secrets, kept in .data/ so they stay the same across restarts of `npm start`:
// the API key printed for the newcomer and the key that seals site credentials.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

function persisted(root, name, make) {
  const file = `${root}/.data/${name}`;
  mkdirSync(`${root}/.data`, { recursive: true });
  if (!existsSync(file)) writeFileSync(file, `${make()}\n`, { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

export function apiKeys(root) {
  if (process.env.VORCH_API_KEYS) {
    const first = process.env.VORCH_API_KEYS.split(',')[0];
    return { env: process.env.VORCH_API_KEYS, devKey: first.split('=')[0] };
  }
  const devKey = persisted(root, 'dev-api-key', () => `dev-${randomBytes(16).toString('hex')}`);
  return { env: `${devKey}=default:admin`, devKey };
}

export function credentialsKey(root) {
  return process.env.VORCH_CREDENTIALS_KEY ?? persisted(root, 'credentials-key', () => randomBytes(32).toString('hex'));
}
