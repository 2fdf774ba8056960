// The discrete-event queue: a binary heap ordered by (tSec, priority, seq).
// `seq` is a counter kept in state, so two events at the same time and
// priority always run in the order they were scheduled, in every run.

export interface SimEvent {
  tSec: number;
  /** Lower runs first among events at the same second. */
  priority: number;
  seq: number;
  kind: string;
  /** Plain data only (ids and numbers), so the queue can be snapshotted. */
  data: Record<string, number | string>;
}

export interface QueueState {
  heap: SimEvent[];
  nextSeq: number;
}

export function emptyQueue(): QueueState {
  return { heap: [], nextSeq: 0 };
}

function before(a: SimEvent, b: SimEvent): boolean {
  if (a.tSec !== b.tSec) return a.tSec < b.tSec;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}

export function schedule(
  queue: QueueState,
  tSec: number,
  kind: string,
  data: SimEvent['data'] = {},
  priority = 0,
): SimEvent {
  if (!Number.isInteger(tSec)) throw new Error(`event ${kind} scheduled at non-integer time ${tSec}`);
  const event: SimEvent = { tSec, priority, seq: queue.nextSeq++, kind, data };
  const heap = queue.heap;
  heap.push(event);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i], heap[parent])) break;
    [heap[i], heap[parent]] = [heap[parent], heap[i]];
    i = parent;
  }
  return event;
}

export function peek(queue: QueueState): SimEvent | undefined {
  return queue.heap[0];
}

export function pop(queue: QueueState): SimEvent | undefined {
  const heap = queue.heap;
  if (heap.length === 0) return undefined;
  const top = heap[0];
  const last = heap.pop()!;
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left], heap[smallest])) smallest = left;
      if (right < heap.length && before(heap[right], heap[smallest])) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
      i = smallest;
    }
  }
  return top;
}
