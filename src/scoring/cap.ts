// CAP 1.2 (OASIS Common Alerting Protocol) export of the warnings a drill
// sent. Exercise traffic: status "Exercise", never "Actual", with the exercise
// id in <note>. As in GB/T 35965.1-2018, identifiers start with the GB/T 2260
// administrative-division code, and times carry the scenario's offset
// (Beijing time, +08:00).
import { localIsoAt } from '../core/time.ts';
import type { WarningRecord } from '../model/state.ts';

export interface CapContext {
  scenarioId: string;
  seed: number;
  start: string;
  /** Division code used when the warning's area has none. */
  fallbackCode?: string;
}

/**
 * Text as XML 1.0 character data: markup escaped, and characters XML cannot
 * carry at all (C0 controls but tab and line ends, U+FFFE/U+FFFF, lone
 * surrogates) replaced by U+FFFD, so a control character in a township name
 * cannot make the file not well-formed.
 */
const escapeXml = (value: unknown) =>
  String(value)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

function capPolygon(polygon: [number, number][]): string {
  const ring = [...polygon];
  const [first, last] = [ring[0], ring[ring.length - 1]];
  if (first[0] !== last[0] || first[1] !== last[1]) ring.push(first);
  // CAP writes "lat,lon" pairs separated by spaces.
  return ring.map(([lon, lat]) => `${lat},${lon}`).join(' ');
}

export function warningToCap(w: WarningRecord, ctx: CapContext): string {
  const code = w.areaCodes[0] ?? ctx.fallbackCode ?? '000000';
  const exerciseId = `drilltwin:${ctx.scenarioId}:seed-${ctx.seed}`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">',
    `  <identifier>${escapeXml(`${code}-${ctx.scenarioId}-${w.id}`)}</identifier>`,
    `  <sender>${escapeXml(`${w.seat}@${ctx.scenarioId}.drilltwin.exercise`)}</sender>`,
    `  <sent>${localIsoAt(ctx.start, w.sentAtSec)}</sent>`,
    '  <status>Exercise</status>',
    '  <msgType>Alert</msgType>',
    '  <scope>Public</scope>',
    `  <note>${escapeXml(`Exercise ${exerciseId}; drill message, not a real alert. 演练信息，非真实预警。`)}</note>`,
    '  <info>',
    '    <language>zh-CN</language>',
    '    <category>Geo</category>',
    `    <event>${escapeXml(w.event)}</event>`,
    '    <urgency>Immediate</urgency>',
    `    <severity>${escapeXml(w.severity)}</severity>`,
    '    <certainty>Observed</certainty>',
    `    <headline>${escapeXml(w.headline)}</headline>`,
    `    <parameter><valueName>targetPeople</valueName><value>${escapeXml(w.targetPeople)}</value></parameter>`,
    `    <parameter><valueName>reachedPeople</valueName><value>${escapeXml(w.reachedPeople)}</value></parameter>`,
    '    <area>',
    `      <areaDesc>${escapeXml(w.areaNames.length ? w.areaNames.join('、') : 'drill area')}</areaDesc>`,
    ...(w.polygon ? [`      <polygon>${escapeXml(capPolygon(w.polygon))}</polygon>`] : []),
    ...w.areaCodes.map((c) => `      <geocode><valueName>GB/T 2260</valueName><value>${escapeXml(c)}</value></geocode>`),
    '    </area>',
    '  </info>',
    '</alert>',
    '',
  ];
  return lines.join('\n');
}
