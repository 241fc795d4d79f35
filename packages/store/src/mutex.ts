/**
 * A first-in first-out async mutex. PGlite runs one PostgreSQL backend in this process: two
 * interleaved transactions on it would be one transaction, so every kysely connection to it
 * holds this lock from acquire to release.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  /** Waits for the lock; resolves with the function that releases it (call it exactly once). */
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const before = this.tail;
    this.tail = before.then(() => held);
    await before;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  }

  /** Runs `fn` while holding the lock. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
