// The page's picture (web/picture.ts) redraws the map's areas when a UAV's
// status changes even though nothing it draws as an area moved: a
// reconnaissance aircraft arriving on station has no footprint, only a mark
// drawn at full strength once it is there.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSessionHost } from '../workers/session-host.ts';
import { Picture } from '../web/picture.ts';
import { ROOT, scenarioTexts } from './helpers.ts';

describe('Picture.apply', () => {
  it('marks the areas changed when only a UAV\'s status changes (Dingri\'s reconnaissance Wing Loong arriving)', () => {
    const host = createSessionHost();
    const loaded = host.load('dingri-2025', scenarioTexts(join(ROOT, 'scenarios', 'dingri-2025', 'scenario.json')));
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const picture = new Picture(loaded.geometry);
    picture.apply(host.start(1, 'director'));
    // The doctrine asks for it at T+0.02 h; it is in transit at T+8.3 h and on station by T+8.4 h.
    picture.apply(host.advance(Math.round(8.3 * 3600)));
    const onStation = loaded.geometry.uavStatusNames.indexOf('onStation');
    expect(picture.uavStatus[0]).not.toBe(onStation);
    const before = { x: picture.uavs[0], y: picture.uavs[1], r: picture.uavs[2] };
    const changes = picture.apply(host.advance(Math.round(8.45 * 3600)));
    expect(picture.uavStatus[0]).toBe(onStation);
    // Same station, no footprint: only the status tells the map to redraw.
    expect({ x: picture.uavs[0], y: picture.uavs[1], r: picture.uavs[2] }).toEqual(before);
    expect(changes.areasChanged).toBe(true);
    expect(picture.apply(host.advance(Math.round(8.5 * 3600))).areasChanged).toBe(false);
  });
});
