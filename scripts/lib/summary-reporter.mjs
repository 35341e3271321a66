// node:test reporter: one line per test, failures in full, and a last line "N passed, N failed".
const tick = '\u2714';
const cross = '\u2716';

function indent(n) {
  return '  '.repeat(n);
}

export default async function* summaryReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const failures = [];
  for await (const event of source) {
    const { type, data } = event;
    if (type === 'test:pass' || type === 'test:fail') {
      const isSuite = data.details?.type === 'suite';
      const ms = data.details?.duration_ms?.toFixed(0) ?? '?';
      if (type === 'test:pass') {
        if (data.skip || data.todo) {
          if (!isSuite) skipped++;
          yield `${indent(data.nesting)}- ${data.name} (skipped)\n`;
          continue;
        }
        if (!isSuite) passed++;
        yield `${indent(data.nesting)}${tick} ${data.name} (${ms} ms)\n`;
      } else {
        const err = data.details?.error;
        // A failing suite re-reports its children's failures; count it only when it failed by itself (hooks, file errors).
        const own = !isSuite || err?.failureType !== 'subtestsFailed';
        if (own) {
          failed++;
          failures.push({ name: data.name, file: data.file, err });
        }
        yield `${indent(data.nesting)}${cross} ${data.name} (${ms} ms)\n`;
      }
    } else if (type === 'test:stderr' && process.env.VORCH_TEST_VERBOSE) {
      yield data.message;
    }
  }
  if (process.env.VORCH_BUILD_FAILED) {
    // Type errors fail the run as one failure of their own, so the summary line stays the last line.
    failed++;
    failures.push({ name: 'TypeScript build', err: new Error('tsc reported type errors; see the build output above') });
  }
  for (const f of failures) {
    const cause = f.err?.cause ?? f.err;
    yield `\n${cross} ${f.name}${f.file ? ` [${f.file}]` : ''}\n${cause?.stack ?? cause?.message ?? String(cause)}\n`;
  }
  yield `\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
}
