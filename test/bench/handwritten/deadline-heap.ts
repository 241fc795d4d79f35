/** Anything the heap orders: an instant (epoch ms). */
export interface Timed {
  time: number;
}

/**
 * A binary min-heap on `time`. Cancellation is lazy: callers leave stale entries in and skip
 * them when popped (each entry carries a token compared with its owner's current token).
 */
export class DeadlineHeap<T extends Timed> {
  private readonly items: T[] = [];

  /** Number of entries, stale ones included. */
  get size(): number {
    return this.items.length;
  }

  /** The earliest instant, or +Infinity when empty. */
  peekTime(): number {
    const top = this.items[0];
    return top === undefined ? Number.POSITIVE_INFINITY : top.time;
  }

  /** Adds an entry. */
  push(item: T): void {
    const items = this.items;
    let i = items.length;
    items.push(item);
    const time = item.time;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] as T;
      if (p.time <= time) break;
      items[i] = p;
      i = parent;
    }
    items[i] = item;
  }

  /** Removes and returns the earliest entry; the heap must not be empty. */
  pop(): T {
    const items = this.items;
    const top = items[0] as T;
    const last = items.pop() as T;
    const n = items.length;
    if (n > 0) {
      let i = 0;
      const time = last.time;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        let child = left;
        let childItem = items[left] as T;
        if (right < n) {
          const r = items[right] as T;
          if (r.time < childItem.time) {
            child = right;
            childItem = r;
          }
        }
        if (childItem.time >= time) break;
        items[i] = childItem;
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}
