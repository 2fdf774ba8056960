import { describe, expect, it } from 'vitest';
import { emptyQueue, pop, schedule } from './queue.ts';

describe('event queue', () => {
  it('orders by time, then priority, then scheduling order', () => {
    const q = emptyQueue();
    schedule(q, 10, 'late');
    schedule(q, 5, 'b-second', {}, 0);
    schedule(q, 5, 'a-first-by-priority', {}, -1);
    schedule(q, 5, 'c-third', {}, 0);
    schedule(q, 0, 'start');
    const order: string[] = [];
    for (let e = pop(q); e; e = pop(q)) order.push(e.kind);
    expect(order).toEqual(['start', 'a-first-by-priority', 'b-second', 'c-third', 'late']);
  });

  it('keeps the sequence counter in state and stays ordered over many random inserts', () => {
    const q = emptyQueue();
    let x = 12345;
    for (let i = 0; i < 2000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      schedule(q, x % 500, 'e', { i }, (x >>> 16) % 3);
    }
    expect(q.nextSeq).toBe(2000);
    let prev = pop(q)!;
    for (let e = pop(q); e; e = pop(q)) {
      const ordered = prev.tSec < e.tSec || (prev.tSec === e.tSec && (prev.priority < e.priority || (prev.priority === e.priority && prev.seq < e.seq)));
      expect(ordered).toBe(true);
      prev = e;
    }
  });

  it('refuses non-integer times', () => {
    expect(() => schedule(emptyQueue(), 1.5, 'x')).toThrow(/non-integer/);
  });
});
