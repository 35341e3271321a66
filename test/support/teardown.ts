/**
 * What a harness has started, closed in reverse start order so that nothing outlives what it depends on (the
 * services before their NATS and database). A harness that fails half-way closes what it had started.
 */
export class Teardown {
  private readonly closers: Array<() => Promise<unknown>> = [];

  /** Records how to close `resource` and hands it back. */
  add<T>(resource: T, close: (r: T) => Promise<unknown>): T {
    this.closers.push(() => close(resource));
    return resource;
  }

  async run(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) await close();
  }
}
