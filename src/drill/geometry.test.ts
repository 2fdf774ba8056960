// The console names teams and UAVs as the after-action report does: the map
// geometry carries the engine's name book, so a scenario without names (an
// imported county, say) reads the same on the map and in the report.
import { describe, expect, it } from 'vitest';
import { JISHISHAN, loadWorld } from '../../test/helpers.ts';
import { nameBook } from '../scoring/names.ts';
import { mapGeometry } from './geometry.ts';

describe('team and UAV names in the map geometry', () => {
  it("are the report's names: the scenario's own, else composed from what the scenario says", () => {
    const world = loadWorld(JISHISHAN);
    // As an imported county would have them: no names given.
    const team = world.teams.findIndex((t) => t.id === 'tm-cmcc-jss-1');
    world.teams[team] = { ...world.teams[team], nameZh: '', nameEn: '' };
    const uav = world.uavs.findIndex((u) => u.id === 'uav-medium-lanzhou');
    world.uavs[uav] = { ...world.uavs[uav], nameZh: '', nameEn: '' };
    const geo = mapGeometry(world);
    const book = nameBook(world);
    expect(geo.teams.nameEn[team]).toBe(book['tm-cmcc-jss-1'].en);
    expect(geo.teams.nameZh[team]).toBe(book['tm-cmcc-jss-1'].zh);
    expect(geo.teams.nameEn[team]).toMatch(/^China Mobile .*\(/);
    expect(geo.teams.nameZh[team]).toMatch(/^中国移动/);
    expect([geo.uavs.nameZh[uav], geo.uavs.nameEn[uav]]).toEqual([book['uav-medium-lanzhou'].zh, book['uav-medium-lanzhou'].en]);
    expect(geo.uavs.nameEn[uav]).toBe('Medium unmanned helicopter (Lanzhou)');
    // A substation the scenario does not name: the township it stands in, in Chinese as in English.
    const ss = world.substations.ids.indexOf('ss-liugou-35');
    world.substations.nameZh[ss] = '';
    const unnamed = mapGeometry(world);
    expect([unnamed.substations.nameZh[ss], unnamed.substations.nameEn[ss]]).toEqual([nameBook(world)['ss-liugou-35'].zh, nameBook(world)['ss-liugou-35'].en]);
    expect(unnamed.substations.nameZh[ss]).toMatch(/^\p{Script=Han}+35千伏变电站$/u);
    expect(unnamed.substations.nameEn[ss]).toBe('Liugou 35 kV substation');
    // Named ones keep their own names.
    expect(geo.uavs.nameEn[geo.uavs.ids.indexOf('uav-wl2h-zigong')]).toBe('Wing Loong-2H emergency UAV (Zigong, Sichuan)');
  });
});
