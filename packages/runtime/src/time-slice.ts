/**
 * Cooperative time slices for long replays. A replay (verify, a what-if, a catch-up over a long
 * log) is CPU work on the process's one thread; with PGlite the database runs on that thread
 * too. Without a break, a replay of a year holds the event loop for minutes and every other
 * request waits for it. A `TimeSlice` gives the loop back (`setImmediate`: sockets, timers and
 * other requests' queries run) once a slice of work has run, so other requests are answered
 * within about one slice.
 */
export class TimeSlice {
  private started = performance.now();

  /** `sliceMs`: the longest stretch of work between two breaks. */
  constructor(private readonly sliceMs = 20) {}

  /** True when the current slice is used up: check it often (every op), and call {@link rest} when it is. */
  due(): boolean {
    return performance.now() - this.started >= this.sliceMs;
  }

  /** Gives the event loop a turn and starts a new slice. */
  async rest(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.started = performance.now();
  }
}
