// Finding entities by id: tables are sorted by id, so a binary search does.
import { NONE } from '../model/world.ts';

export function binarySearch(sortedIds: readonly string[], id: unknown): number {
  if (typeof id !== 'string') return NONE;
  let lo = 0, hi = sortedIds.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sortedIds[mid] === id) return mid;
    if (sortedIds[mid] < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return NONE;
}
