// A command, as the after-action report tells it: what was asked, with the
// things it names called by their names (names.ts), never by id. Commands
// the table below does not know are told generically: their values, named
// where the book knows them.
import { warningTextIn } from '../model/warning-texts.ts';
import { COMMAND_NAMES, formatElapsed, formatNumber, INJECT_KIND_NAMES, label, RATING_NAMES, SEAT_NAMES, TASK_NAMES, type Lang, type Localized } from './i18n.ts';
import { nameIn, type NameBook } from './names.ts';

export const REQUEST_KIND_NAMES: Record<string, Localized> = {
  uav: { zh: '无人机保障', en: 'UAV cover' },
  reinforcement: { zh: '增援力量', en: 'reinforcements' },
  generators: { zh: '发电机', en: 'generators' },
  roadClearance: { zh: '道路抢通', en: 'road clearance' },
  power: { zh: '电力保障', en: 'power' },
  terminals: { zh: '卫星电话/北斗终端', en: 'satellite phones / BeiDou terminals' },
  other: { zh: '其他', en: 'other' },
};

export const SEVERITY_NAMES: Record<string, Localized> = {
  Extreme: { zh: '特别严重', en: 'Extreme' },
  Severe: { zh: '严重', en: 'Severe' },
  Moderate: { zh: '较重', en: 'Moderate' },
  Minor: { zh: '一般', en: 'Minor' },
};

const PLAYER_NAMES: Record<string, Localized> = {
  person: { zh: '由参演人员接管', en: 'taken by a person' },
  doctrine: { zh: '交由条令自动响应', en: 'handed to the doctrine' },
  nobody: { zh: '无人值守', en: 'left unattended' },
};

export interface DescribeContext {
  lang: Lang;
  book?: NameBook;
}

/** A list joined the way the language joins lists. */
export function joinList(items: string[], lang: Lang): string {
  return items.join(lang === 'zh' ? '、' : ', ');
}

export function positionText(at: unknown, lang: Lang): string | null {
  if (!Array.isArray(at) || at.length !== 2 || typeof at[0] !== 'number' || typeof at[1] !== 'number') return null;
  const [lon, lat] = at as [number, number];
  return lang === 'zh'
    ? `${lat >= 0 ? '北纬' : '南纬'}${formatNumber(Math.abs(lat), 3)}°、${lon >= 0 ? '东经' : '西经'}${formatNumber(Math.abs(lon), 3)}°`
    : `${formatNumber(Math.abs(lat), 3)}°${lat >= 0 ? 'N' : 'S'} ${formatNumber(Math.abs(lon), 3)}°${lon >= 0 ? 'E' : 'W'}`;
}

/** One value of a command's arguments, named where the book knows it. */
export function valueText(v: unknown, ctx: DescribeContext): string {
  const { lang, book } = ctx;
  if (typeof v === 'string') return book && v in book ? nameIn(book, v, lang) : v;
  if (typeof v === 'number') return formatNumber(v, Number.isInteger(v) ? 0 : 2);
  if (typeof v === 'boolean') return lang === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no';
  const pos = positionText(v, lang);
  if (pos) return pos;
  if (Array.isArray(v)) return joinList(v.map((x) => valueText(x, ctx)), lang);
  return '';
}

type Teller = (args: Record<string, unknown>, ctx: DescribeContext) => string;

const name = (v: unknown, ctx: DescribeContext) => valueText(v, ctx);

const TELLERS: Record<string, Teller> = {
  hookGenerator: (a, c) => `${name(a.poolId, c)} → ${name(a.siteId, c)}`,
  activateTeam: (a, c) => name(a.teamId, c),
  assignTask: (a, c) => `${name(a.teamId, c)}${c.lang === 'zh' ? '：' : ': '}${label(TASK_NAMES, String(a.task), c.lang)} — ${name(a.targetId, c)}`,
  requestSupport: (a, c) =>
    [label(REQUEST_KIND_NAMES, String(a.kind), c.lang), a.townshipId !== undefined ? name(a.townshipId, c) : '', typeof a.note === 'string' ? a.note : ''].filter(Boolean).join(' — '),
  deployUav: (a, c) => `${name(a.uavId, c)} → ${a.townshipId !== undefined ? name(a.townshipId, c) : (positionText(a.at, c.lang) ?? '')}`,
  recallUav: (a, c) => name(a.uavId, c),
  sendWarning: (a, c) =>
    `[${label(SEVERITY_NAMES, String(a.severity), c.lang)}] ${warningTextIn(String(a.headline ?? ''), c.lang)}${Array.isArray(a.townships) && a.townships.length ? ` — ${name(a.townships, c)}` : ''}`,
  setEmergencyRoaming: (a, c) => onOff(a.enabled, c.lang),
  setPrioritySupply: (a, c) => onOff(a.enabled, c.lang),
  assignSeat: (a, c) => `${label(SEAT_NAMES, String(a.seat), c.lang)} ${label(PLAYER_NAMES, String(a.player), c.lang)}`,
  // The control cell's and the evaluators' commands (response/cmd-exercise.ts).
  fireInject: (a, c) => name(a.injectId, c),
  holdInject: (a, c) => name(a.injectId, c),
  releaseInject: (a, c) => name(a.injectId, c),
  skipInject: (a, c) => name(a.injectId, c),
  delayInject: (a, c) => `${name(a.injectId, c)} → ${typeof a.toSec === 'number' ? formatElapsed(a.toSec, c.lang) : ''}`,
  authorInject: (a, c) => describeAdhoc(String(a.kind), a, c),
  setStopTime: (a, c) => (typeof a.atSec === 'number' ? formatElapsed(a.atSec, c.lang) : ''),
  setNoNotice: (a, c) => onOff(a.enabled, c.lang),
  recordObservation: (a, c) =>
    [typeof a.text === 'string' ? `“${a.text}”` : '', ...['injectId', 'expectationId', 'indicator'].filter((k) => a[k] !== undefined).map((k) => name(a[k], c))].filter(Boolean).join(' — '),
  rateIndicator: (a, c) => `${name(a.indicator, c)}${c.lang === 'zh' ? '：' : ': '}${String(a.rating)} ${label(RATING_NAMES, String(a.rating), c.lang)} — ${typeof a.reason === 'string' ? a.reason : ''}`,
};

/** An ad-hoc inject as the report tells it: its kind and what it acts on, by name. */
export function describeAdhoc(kind: string, a: Record<string, unknown>, c: DescribeContext): string {
  const z = c.lang === 'zh';
  const parts: string[] = [label(INJECT_KIND_NAMES, kind, c.lang)];
  if (typeof a.magnitude === 'number') parts.push(`Ms ${formatNumber(a.magnitude, 1)}`);
  const at = positionText(a.at, c.lang);
  if (at) parts.push(at);
  for (const k of ['roadId', 'zoneId', 'siteId', 'substationId']) if (a[k] !== undefined) parts.push(name(a[k], c));
  if (typeof a.levelM === 'number') parts.push(z ? `水位 ${formatNumber(a.levelM, 2)} 米` : `level ${formatNumber(a.levelM, 2)} m`);
  if (typeof a.outHours === 'number') parts.push(z ? `停运 ${formatNumber(a.outHours, 1)} 小时` : `out ${formatNumber(a.outHours, 1)} h`);
  if (a.cutsFibre === true) parts.push(z ? '光缆中断' : 'fibre cut');
  if (typeof a.to === 'string') parts.push(`→ ${label(SEAT_NAMES, a.to, c.lang)}`);
  const text = c.lang === 'en' && typeof a.textEn === 'string' ? a.textEn : a.text;
  if (typeof text === 'string' && text) parts.push(`“${text}”`);
  if (typeof a.atSec === 'number') parts.push(formatElapsed(a.atSec, c.lang));
  return parts.join(z ? '，' : ', ');
}

function onOff(v: unknown, lang: Lang): string {
  return lang === 'zh' ? (v ? '开启' : '关闭') : v ? 'on' : 'off';
}

/** "Assign a task: <team>: Repair a site — <site>": the command's name and what it names. */
export function describeCommand(type: string, args: Record<string, unknown>, ctx: DescribeContext): { what: string; detail: string } {
  const teller = TELLERS[type];
  const detail = teller
    ? teller(args, ctx)
    : Object.keys(args)
        .sort()
        .map((k) => valueText(args[k], ctx))
        .filter(Boolean)
        .join(ctx.lang === 'zh' ? '；' : '; ');
  return { what: label(COMMAND_NAMES, type, ctx.lang), detail };
}
