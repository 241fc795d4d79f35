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

/** A queue as plain data. */
export interface QueueSnapshot {
  seq: number;
  heap: Deadline[];
  lanes: Record<string, Deadline[]>;
}

/** A first-in first-out run of deadlines whose instants never decrease. */
class Lane {
  items: Deadline[] = [];
  head = 0;

  peek(): Deadline | undefined {
    return this.items[this.head];
  }

  shift(): Deadline | undefined {
    const item = this.items[this.head];
    if (item === undefined) return undefined;
    this.head++;
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

/**
 * Deadlines ordered by (at, rule, subject, insertion). Most deadlines are "event time + a fixed
 * window", so they arrive in time order: those go to a per-rule FIFO lane (O(1)); the rest (a
 * clock moved by activity or an extension) go to a binary heap. `pop` takes the least head.
 * Cancelled deadlines stay queued and are skipped when they surface (lazy cancel).
 */
export class DeadlineQueue {
  private readonly heap: Deadline[] = [];
  private readonly lanes = new Map<string, Lane>();
  private readonly laneList: Lane[] = [];
  private seq = 0;
  /** Instant of the earliest queued deadline (Infinity when empty): the per-event "anything due?" check is one comparison. */
  nextAt = Number.POSITIVE_INFINITY;

  /** Every queued deadline with its lane (`null` = heap), for snapshots. */
  toJSON(): QueueSnapshot {
    const lanes: Record<string, Deadline[]> = {};
    for (const [key, lane] of this.lanes) lanes[key] = lane.items.slice(lane.head);
    return { seq: this.seq, heap: [...this.heap], lanes };
  }

  /** Rebuilds a queue from {@link toJSON}'s output. */
  static fromJSON(snapshot: QueueSnapshot): DeadlineQueue {
    const q = new DeadlineQueue();
    for (const [key, items] of Object.entries(snapshot.lanes)) {
      const lane = new Lane();
      lane.items = items.map((d) => ({ ...d }));
      q.lanes.set(key, lane);
      q.laneList.push(lane);
    }
    for (const d of snapshot.heap) q.heapPush({ ...d });
    q.seq = snapshot.seq;
    q.nextAt = q.peek()?.at ?? Number.POSITIVE_INFINITY;
    return q;
  }

  /** The earliest deadline, without removing it. */
  peek(): Deadline | undefined {
    let best = this.heap[0];
    for (const lane of this.laneList) {
      const head = lane.peek();
      if (head !== undefined && (best === undefined || before(head, best))) best = head;
    }
    return best;
  }

  /**
   * Queues a deadline. Deadlines pushed with the same `lane` key must come with non-decreasing
   * `at` and, at one instant, ties are taken in push order; when that cannot be promised, omit
   * the lane and the heap orders it fully.
   */
  push(at: number, rule: string, subject: string, kind: DeadlineKind, token: number, lane?: string): void {
    const item: Deadline = { at, rule, subject, kind, token, seq: this.seq++ };
    if (at < this.nextAt) this.nextAt = at;
    if (lane !== undefined) {
      let l = this.lanes.get(lane);
      if (l === undefined) {
        l = new Lane();
        this.lanes.set(lane, l);
        this.laneList.push(l);
      }
      const tail = l.items[l.items.length - 1];
      if (tail === undefined || l.head >= l.items.length || tail.at <= at) {
        l.items.push(item);
        return;
      }
    }
    this.heapPush(item);
  }

  pop(): Deadline | undefined {
    let best = this.heap[0];
    let from: Lane | undefined;
    for (const lane of this.laneList) {
      const head = lane.peek();
      if (head !== undefined && (best === undefined || before(head, best))) {
        best = head;
        from = lane;
      }
    }
    const item = from !== undefined ? from.shift() : this.heapPop();
    let next = this.heap[0]?.at ?? Number.POSITIVE_INFINITY;
    for (const lane of this.laneList) {
      const head = lane.peek();
      if (head !== undefined && head.at < next) next = head.at;
    }
    this.nextAt = next;
    return item;
  }

  private heapPush(item: Deadline): void {
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

  private heapPop(): Deadline | undefined {
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
