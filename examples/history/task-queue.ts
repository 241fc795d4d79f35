/**
 * The generator's timeline: scheduled tasks ordered by (time, priority, insertion order), so
 * events come out in non-decreasing time order and ties keep the order they were scheduled in.
 *
 * Built for the benchmark-size history (hundreds of thousands of clients in flight): tasks live
 * in typed arrays (struct of arrays, recycled through a free list), later days' tasks wait in
 * one bucket per day, and only the day being played is a binary heap of task numbers. Ordering
 * then reads one contiguous Float64Array instead of chasing objects around the heap.
 */

const DAY_MS = 86_400_000;
/** Within one day, a task's order key is `(second of day × 2 + priority) × 2^35 + seq`. */
const SEQ_SPAN = 2 ** 35;

/** A min-queue of tasks. A task is a number; read its fields with the accessors. */
export class TaskQueue<R> {
  private capacity = 1024;
  private keys = new Float64Array(this.capacity);
  private times = new Float64Array(this.capacity);
  private steps = new Int32Array(this.capacity);
  private args = new Int32Array(this.capacity);
  private refs: (R | null)[] = new Array<R | null>(this.capacity).fill(null);
  private readonly free: number[] = [];
  private used = 0;

  /** The current day's tasks: a binary min-heap of task numbers. */
  private heap: number[] = [];
  /** Later days' tasks, unordered, by day number − `base`. */
  private readonly buckets: (number[] | undefined)[] = [];
  private base = Number.NaN;
  private current = Number.NEGATIVE_INFINITY;
  private seq = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds a task at `time` (whole seconds). `priority` 0 = an event, 1 = bookkeeping after the instant's events. */
  push(time: number, step: number, ref: R | null, arg: number, priority: 0 | 1): void {
    const task = this.allocate();
    const day = Math.floor(time / DAY_MS);
    const second = (time - day * DAY_MS) / 1000;
    this.keys[task] = (second * 2 + priority) * SEQ_SPAN + (this.seq++ % SEQ_SPAN);
    this.times[task] = time;
    this.steps[task] = step;
    this.args[task] = arg;
    this.refs[task] = ref;
    this.count++;
    if (day <= this.current) {
      this.siftUp(task);
      return;
    }
    if (Number.isNaN(this.base)) this.base = day;
    const slot = day - this.base;
    let bucket = this.buckets[slot];
    if (bucket === undefined) {
      bucket = [];
      while (this.buckets.length < slot) this.buckets.push(undefined);
      this.buckets[slot] = bucket;
    }
    bucket.push(task);
  }

  /** Removes the earliest task and returns its number, or -1 when empty. {@link release} it after use. */
  pop(): number {
    if (this.heap.length === 0 && !this.nextDay()) return -1;
    const heap = this.heap;
    const keys = this.keys;
    const top = heap[0] as number;
    const last = heap.pop() as number;
    this.count--;
    const n = heap.length;
    if (n === 0) return top;
    const lastKey = keys[last] as number;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let c = l;
      let child = heap[l] as number;
      let childKey = keys[child] as number;
      if (l + 1 < n) {
        const right = heap[l + 1] as number;
        const rightKey = keys[right] as number;
        if (rightKey < childKey) {
          c = l + 1;
          child = right;
          childKey = rightKey;
        }
      }
      if (lastKey < childKey) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = last;
    return top;
  }

  timeOf(task: number): number {
    return this.times[task] as number;
  }
  stepOf(task: number): number {
    return this.steps[task] as number;
  }
  argOf(task: number): number {
    return this.args[task] as number;
  }
  refOf(task: number): R | null {
    return this.refs[task] ?? null;
  }

  /** Returns a popped task for reuse. */
  release(task: number): void {
    this.refs[task] = null;
    this.free.push(task);
  }

  private allocate(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    if (this.used === this.capacity) this.grow();
    return this.used++;
  }

  private grow(): void {
    const cap = this.capacity * 2;
    const keys = new Float64Array(cap);
    keys.set(this.keys);
    const times = new Float64Array(cap);
    times.set(this.times);
    const steps = new Int32Array(cap);
    steps.set(this.steps);
    const args = new Int32Array(cap);
    args.set(this.args);
    for (let i = this.capacity; i < cap; i++) this.refs.push(null);
    this.keys = keys;
    this.times = times;
    this.steps = steps;
    this.args = args;
    this.capacity = cap;
  }

  private siftUp(task: number): void {
    const heap = this.heap;
    const keys = this.keys;
    const key = keys[task] as number;
    let i = heap.length;
    heap.push(task);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as number;
      if ((keys[p] as number) < key) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = task;
  }

  /** Moves to the next day that has tasks and turns its bucket into a heap (Floyd). */
  private nextDay(): boolean {
    const from = Number.isFinite(this.current) ? this.current - this.base + 1 : 0;
    for (let slot = Math.max(0, from); slot < this.buckets.length; slot++) {
      const bucket = this.buckets[slot];
      if (bucket === undefined || bucket.length === 0) continue;
      this.buckets[slot] = undefined;
      this.current = this.base + slot;
      this.heap = bucket;
      for (let i = (bucket.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
      return true;
    }
    return false;
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    const keys = this.keys;
    const n = heap.length;
    const task = heap[start] as number;
    const key = keys[task] as number;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let c = l;
      if (l + 1 < n && (keys[heap[l + 1] as number] as number) < (keys[heap[l] as number] as number)) c = l + 1;
      const child = heap[c] as number;
      if (key < (keys[child] as number)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = task;
  }
}
