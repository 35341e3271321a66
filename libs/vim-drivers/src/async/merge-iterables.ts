/**
 * Interleaves several async iterables in arrival order. The first error ends the merge and is rethrown;
 * ending the merge (error, or the consumer stopping) calls `onEnd` and then closes every source. `onEnd` is
 * where the owner aborts sources blocked on I/O: a generator cannot be closed while it waits inside next().
 */
export async function* mergeIterables<T>(sources: AsyncIterable<T>[], onEnd: () => void = () => {}): AsyncGenerator<T> {
  const iterators = sources.map((s) => s[Symbol.asyncIterator]());
  const pending = new Map<number, Promise<{ i: number; r: IteratorResult<T> }>>();
  const pull = (i: number) => pending.set(i, iterators[i]!.next().then((r) => ({ i, r })));
  iterators.forEach((_, i) => pull(i));
  try {
    while (pending.size > 0) {
      const { i, r } = await Promise.race(pending.values());
      if (r.done) {
        pending.delete(i);
        continue;
      }
      pull(i);
      yield r.value;
    }
  } finally {
    onEnd();
    await Promise.allSettled(iterators.map((it) => it.return?.()));
  }
}
