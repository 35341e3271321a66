// The development API key: kept in .data/ so it stays the same across restarts of `npm start`.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

export function apiKeys(root) {
  if (process.env.VORCH_API_KEYS) {
    const first = process.env.VORCH_API_KEYS.split(',')[0];
    return { env: process.env.VORCH_API_KEYS, devKey: first.split('=')[0] };
  }
  const file = `${root}/.data/dev-api-key`;
  mkdirSync(`${root}/.data`, { recursive: true });
  if (!existsSync(file)) writeFileSync(file, `dev-${randomBytes(16).toString('hex')}\n`, { mode: 0o600 });
  const devKey = readFileSync(file, 'utf8').trim();
  return { env: `${devKey}=default:admin`, devKey };
}
