// Console output for the developer scripts: short, prefixed, no stack traces for expected failures.
export const say = (msg) => process.stderr.write(`[vorch] ${msg}\n`);

export class StackError extends Error {}

export function fail(err) {
  if (err instanceof StackError) {
    say(`error: ${err.message}`);
  } else {
    say(`unexpected error: ${err?.stack ?? err}`);
  }
  process.exit(1);
}
