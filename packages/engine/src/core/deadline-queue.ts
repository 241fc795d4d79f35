/** What a deadline does when it passes. */
export type DeadlineKind = 'follow_up' | 'review' | 'inactivity' | 'month_close';

/** A scheduled deadline. `token` must still match the owner's token when it fires (lazy cancel). */
export interface Deadline {
  at: number;
  /** Rule id, for the tie order at one instant (SPEC §2 "Instants"). */
  rule: string;
  /** Client or staff id, the second tie key. */
  subject: string;
  kind: DeadlineKind;
  token: number;
  seq: number;
}

const before = (a: Deadline, b: Deadline): boolean => {
  if (a.at !== b.at) return a.at < b.at;
  if (a.rule !== b.rule) return a.rule < b.rule;
  if (a.subject !== b.subject) return a.subject < b.subject;
  return a.seq < b.seq;
};

/**
 * A binary min-heap of deadlines ordered by (at, rule, subject, insertion). Cancelled deadlines
 * stay in the heap and are skipped when they surface, which keeps every operation O(log n).
 */
export class DeadlineQueue {
  private readonly heap: Deadline[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** The earliest deadline, without removing it. */
  peek(): Deadline | undefined {
    return this.heap[0];
  }

  push(at: number, rule: string, subject: string, kind: DeadlineKind, token: number): void {
    const item: Deadline = { at, rule, subject, kind, token, seq: this.seq++ };
    const heap = this.heap;
    let i = heap.length;
    heap.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Deadline;
      if (!before(item, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = item;
  }

  pop(): Deadline | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    const n = heap.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && before(heap[r] as Deadline, heap[l] as Deadline)) c = r;
      const child = heap[c] as Deadline;
      if (!before(child, last)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = last;
    return top;
  }
}
