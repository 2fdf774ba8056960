import { describe, expect, it } from 'vitest';
import { localIsoAt } from '../core/time.ts';
import type { WarningRecord } from '../model/state.ts';
import { warningToCap } from './cap.ts';

const warning: WarningRecord = {
  id: 'w-1',
  sentAtSec: 600,
  deliveredAtSec: 610,
  seat: 'emhq',
  severity: 'Severe',
  event: '地震余震',
  headline: '积石山县余震预警 <演练>',
  townships: ['t-a'],
  areaNames: ['吹麻滩镇'],
  areaCodes: ['622927'],
  polygon: [[102.8, 35.7], [102.9, 35.7], [102.9, 35.8]],
  targetPeople: 1000,
  reachedPeople: 640,
};

/** The elements CAP 1.2's schema requires, in the order its sequences require them. */
const REQUIRED_IN_ORDER = ['identifier', 'sender', 'sent', 'status', 'msgType', 'scope', 'info', 'category', 'event', 'urgency', 'severity', 'certainty', 'area', 'areaDesc'];

describe('CAP 1.2 export', () => {
  const xml = warningToCap(warning, { scenarioId: 'jishishan-2023', seed: 7, start: '2023-12-18T23:59:30+08:00' });

  it('has every required element, in schema order, once', () => {
    let last = -1;
    for (const tag of REQUIRED_IN_ORDER) {
      const at = xml.indexOf(`<${tag}>`);
      expect(at, tag).toBeGreaterThan(last);
      expect(xml.split(`<${tag}>`).length - 1, tag).toBe(1);
      last = at;
    }
    expect(xml).toContain('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">');
  });

  it('is exercise traffic with the exercise id in note, GB/T 2260 identifier, Beijing time', () => {
    expect(xml).toContain('<status>Exercise</status>');
    expect(xml).not.toContain('Actual');
    expect(xml).toMatch(/<note>Exercise drilltwin:jishishan-2023:seed-7;/);
    expect(xml).toContain('<identifier>622927-jishishan-2023-w-1</identifier>');
    expect(xml).toContain('<sent>2023-12-19T00:09:30+08:00</sent>');
    expect(xml).toContain('<geocode><valueName>GB/T 2260</valueName><value>622927</value></geocode>');
  });

  it('writes a closed lat,lon polygon and escapes text', () => {
    expect(xml).toContain('<polygon>35.7,102.8 35.7,102.9 35.8,102.9 35.7,102.8</polygon>');
    expect(xml).toContain('&lt;演练&gt;');
  });

  it('adds scenario seconds to the start across midnight and offsets', () => {
    expect(localIsoAt('2023-12-18T23:59:30+08:00', 30)).toBe('2023-12-19T00:00:00+08:00');
    expect(localIsoAt('2024-02-28T12:00:00Z', 86_400)).toBe('2024-02-29T12:00:00+00:00');
  });
});

describe('CAP export of hostile text', () => {
  it('replaces characters XML cannot carry and escapes every field, so the file stays well-formed', () => {
    const xml = warningToCap(
      { ...warning, event: 'a\u0000b\u001bc\ud800', headline: 'x</headline><evil/>', areaNames: ['镇\u0007'], severity: 'Severe</severity><x>' as WarningRecord['severity'] },
      { scenarioId: 'jishishan-2023', seed: 7, start: '2023-12-18T23:59:30+08:00' },
    );
    expect(xml).toContain('<event>a\ufffdb\ufffdc\ufffd</event>');
    expect(xml).toContain('<headline>x&lt;/headline&gt;&lt;evil/&gt;</headline>');
    expect(xml).toContain('<areaDesc>镇\ufffd</areaDesc>');
    expect(xml).toContain('<severity>Severe&lt;/severity&gt;&lt;x&gt;</severity>');
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });
});
