// Chinese (default) and English. Every label and status the console shows
// comes from here; `{name}` placeholders are filled by t(). Refusal reasons,
// seat, command and KPI names come from the shared tables in
// src/scoring/i18n.ts (plain data, also used by the after-action report), so
// every surface says the same thing; this file's own entries are the fallback.
import { COMMAND_NAMES, KPI_NAMES, REASON_CODES, SEAT_NAMES, pick, type Localized } from '../src/scoring/i18n.ts';

export type Lang = 'zh' | 'en';

const zh = {
  'app.title': '应急通信演练数字孪生',
  'app.subtitle': '断路·断电·断网 演练控制台',
  'app.loading': '正在加载……',
  'lang.switch': 'English',
  'scenario.label': '场景',
  'scenario.open': '打开场景文件…',
  'scenario.openFolder': '打开场景文件夹…',
  'scenario.drop': '将场景文件（scenario.json 及其 GeoJSON 图层）或演练记录拖放到此处',
  'scenario.dropped': '拖入的场景',
  'scenario.loaded': '已加载场景：{name}',
  'scenario.noMain': '未找到场景文件：需要一个 format 为 "drilltwin/scenario@…" 的 JSON 文件（通常名为 scenario.json）',
  'problems.title': '场景“{id}”未通过校验，未加载（共 {n} 个问题）。当前演练继续运行。',
  'problems.drillTitle': '演练记录无法加载（共 {n} 个问题）',
  'problems.close': '关闭',
  'seed.label': '随机种子',
  'seat.label': '席位',
  'seat.director': '导调（导演）',
  'seat.evaluator': '评估员',
  'seat.emhq': '应急指挥部',
  'seat.cmcc': '中国移动',
  'seat.cucc': '中国联通',
  'seat.ctcc': '中国电信',
  'seat.tower': '中国铁塔',
  'seat.power': '供电公司',
  'seat.transport': '交通运输',
  'seat.fire': '消防救援',
  'seat.truthNote': '可见真实情况（含退服原因）',
  'seat.playerNote': '仅见告警：站点退服，原因未知',
  'timeline.title': '时间轴',
  'timeline.play': '运行',
  'timeline.pause': '暂停',
  'timeline.step': '单步 +1分钟',
  'timeline.speed': '倍速',
  'timeline.max': '最快',
  'timeline.jump': '跳至',
  'timeline.jumpHint': '时:分，例如 6:00',
  'timeline.go': '前往',
  'timeline.ended': '演练结束',
  'timeline.live': '实时演练',
  'timeline.replay': '回放',
  'timeline.cannotGoBack': '实时演练不能倒退；请保存后以回放方式加载',
  'timeline.restart': '重新开始',
  'drill.save': '保存演练',
  'drill.load': '加载演练…',
  'drill.loaded': '已加载演练记录：{n} 条指令，回放至 T+{t}',
  'drill.saved': '演练已保存（{n} 条指令）',
  'drill.finalHash': '最终状态哈希',
  'feed.title': '事件与告警',
  'feed.inject': '通报',
  'feed.down': '{n} 个站点退服',
  'feed.up': '{n} 个站点恢复服务',
  'feed.mainsAlarm': '{n} 个站点市电停电告警',
  'feed.feedersDown': '{n} 条10千伏线路停电',
  'feed.feedersUp': '{n} 条10千伏线路恢复送电',
  'feed.substationsDown': '{n} 座变电站停运',
  'feed.substationsUp': '{n} 座变电站恢复运行',
  'feed.roadsCut': '{n} 个路段中断或被淹',
  'feed.roadsReopened': '{n} 个路段恢复通行',
  'feed.command': '{seat}：{what}',
  'feed.ok': '已执行',
  'feed.rejected': '被拒绝：{reason}',
  'feed.submitted': '已下达，将于 T+{t} 执行',
  'feed.empty': '暂无事件',
  'commands.title': '指挥调度',
  'commands.selectSite': '在地图上点击一个站点以选择',
  'commands.selected': '已选站点',
  'commands.hookGenerator': '调派应急发电机',
  'commands.pool': '发电机储备',
  'commands.left': '剩余 {n} 台',
  'commands.send': '下达指令',
  'commands.noPools': '本席位没有可调用的发电机储备',
  'commands.readonly': '评估员只观察，不下达指令',
  'commands.replayReadonly': '回放中，指令记录不可更改',
  'commands.mine': '本席位指令',
  'commands.pending': '待执行 {n} 条',
  'cmd.hookGenerator': '向 {site} 调派发电机（{pool}）',
  'score.title': '实时指标',
  'score.hidden': '本席位不可见',
  'score.hiddenCount': '另有 {n} 项指标对本席位不可见',
  'score.more': '更多指标',
  'score.chart': '有服务人口比例（随时间）',
  'score.summary': '最低 {min}（T+{at}），当前 {now}',
  'kpi.populationServedFrac': '有服务人口比例',
  'kpi.sitesOnAir': '在网站点',
  'kpi.sitesOutPower': '断电退服站点',
  'kpi.sitesOutTransport': '传输中断退服站点',
  'kpi.sitesOutDamage': '损毁退服站点',
  'kpi.sitesOnBattery': '蓄电池供电站点',
  'kpi.sitesOnGenerator': '发电机供电站点',
  'kpi.sitesWithoutMains': '无市电站点',
  'kpi.substationsOut': '停运变电站',
  'kpi.feedersDown': '停电10千伏线路',
  'kpi.powerCustomersOut': '停电用户',
  'kpi.roadsBlocked': '中断路段',
  'kpi.roadsFlooded': '被淹路段',
  'kpi.fibreCuts': '光缆中断路段',
  'kpi.peopleFlooded': '受淹人口',
  'kpi.warningsSent': '已发预警',
  'kpi.populationServedFrac_cmcc': '移动用户有服务比例',
  'kpi.populationServedFrac_cucc': '联通用户有服务比例',
  'kpi.populationServedFrac_ctcc': '电信用户有服务比例',
  'status.unknown': '无信息',
  'status.up': '在网',
  'status.upMainsAlarm': '在网（市电停电告警）',
  'status.down': '退服（原因未知）',
  'status.upBattery': '在网·蓄电池供电',
  'status.upGenerator': '在网·发电机供电',
  'status.downPower': '退服·断电',
  'status.downTransport': '退服·传输中断',
  'status.downDamage': '退服·设备损毁',
  'grid.unknown': '状态未知',
  'grid.up': '带电',
  'grid.down': '停电',
  'substation.up': '在运',
  'substation.down': '停运',
  'substation.unknown': '状态未知',
  'legend.title': '图例',
  'legend.sites': '基站',
  'legend.substation': '变电站',
  'legend.feeder': '10千伏线路',
  'legend.roads': '道路',
  'legend.intensity': '烈度区',
  'legend.township': '乡镇驻地',
  'legend.epicentre': '震中',
  'road.expressway': '高速公路',
  'road.national': '国道',
  'road.provincial': '省道',
  'road.county': '县道',
  'road.rural': '乡村道路',
  'roadStatus.open': '通行',
  'roadStatus.damaged': '受损（可通行）',
  'roadStatus.flooded': '被淹',
  'roadStatus.blocked': '中断',
  'roadStatus.unknown': '状态未知',
  'op.cmcc': '移动',
  'op.cucc': '联通',
  'op.ctcc': '电信',
  'tip.site': '基站 {id}',
  'tip.operators': '运营商',
  'tip.township': '乡镇',
  'tip.status': '状态',
  'tip.class': '类型',
  'tip.substation': '变电站 {name}（{kv} 千伏）',
  'class.macro': '宏站',
  'class.small': '小站',
  'class.super': '超级基站',
  'detail.damageState': '损伤等级',
  'detail.maxIntensity': '经历最高烈度',
  'detail.batteryHoursLeft': '蓄电池剩余时长（小时）',
  'detail.batteryKwh': '蓄电池剩余电量（千瓦时）',
  'detail.fuelHoursLeft': '燃油剩余（小时）',
  'detail.hasGenerator': '已接发电机',
  'detail.generatorInbound': '发电机在途',
  'detail.feederEnergised': '所在线路带电',
  'yes': '是',
  'no': '否',
  'time.t': 'T+{t}',
  'status.doctrine': '条令代演席位：{seats}',
  'status.noDoctrine': '无条令代演',
} as const;

export type Key = keyof typeof zh;

const en: Record<Key, string> = {
  'app.title': 'drilltwin',
  'app.subtitle': 'Emergency-communications exercise console (roads, power and networks down)',
  'app.loading': 'Loading…',
  'lang.switch': '中文',
  'scenario.label': 'Scenario',
  'scenario.open': 'Open scenario files…',
  'scenario.openFolder': 'Open scenario folder…',
  'scenario.drop': 'Drop scenario files here (scenario.json and its GeoJSON layers) or a saved drill',
  'scenario.dropped': 'dropped scenario',
  'scenario.loaded': 'Scenario loaded: {name}',
  'scenario.noMain': 'No scenario file found: expected a JSON file whose format is "drilltwin/scenario@…" (usually scenario.json)',
  'problems.title': 'Scenario "{id}" failed validation and was not loaded ({n} problems). The current drill keeps running.',
  'problems.drillTitle': 'The drill file could not be loaded ({n} problems)',
  'problems.close': 'Close',
  'seed.label': 'Seed',
  'seat.label': 'Seat',
  'seat.director': 'Director (controller)',
  'seat.evaluator': 'Evaluator',
  'seat.emhq': 'Emergency HQ',
  'seat.cmcc': 'China Mobile',
  'seat.cucc': 'China Unicom',
  'seat.ctcc': 'China Telecom',
  'seat.tower': 'China Tower',
  'seat.power': 'Power company',
  'seat.transport': 'Transport',
  'seat.fire': 'Fire and rescue',
  'seat.truthNote': 'Sees ground truth, outage causes included',
  'seat.playerNote': 'Sees alarms only: a site is down, cause unknown',
  'timeline.title': 'Timeline',
  'timeline.play': 'Play',
  'timeline.pause': 'Pause',
  'timeline.step': 'Step +1 min',
  'timeline.speed': 'Speed',
  'timeline.max': 'max',
  'timeline.jump': 'Jump to',
  'timeline.jumpHint': 'h:mm, e.g. 6:00',
  'timeline.go': 'Go',
  'timeline.ended': 'Drill ended',
  'timeline.live': 'Live drill',
  'timeline.replay': 'Replay',
  'timeline.cannotGoBack': 'A live drill cannot go back in time; save it and load it as a replay',
  'timeline.restart': 'Restart',
  'drill.save': 'Save drill',
  'drill.load': 'Load drill…',
  'drill.loaded': 'Drill loaded: {n} commands, recorded to T+{t}',
  'drill.saved': 'Drill saved ({n} commands)',
  'drill.finalHash': 'Final state hash',
  'feed.title': 'Events and alarms',
  'feed.inject': 'Inject',
  'feed.down': '{n} sites went off air',
  'feed.up': '{n} sites back on air',
  'feed.mainsAlarm': '{n} sites raised mains-failure alarms',
  'feed.feedersDown': '{n} 10 kV feeders lost power',
  'feed.feedersUp': '{n} 10 kV feeders re-energised',
  'feed.substationsDown': '{n} substations out of service',
  'feed.substationsUp': '{n} substations back in service',
  'feed.roadsCut': '{n} road segments blocked or flooded',
  'feed.roadsReopened': '{n} road segments reopened',
  'feed.command': '{seat}: {what}',
  'feed.ok': 'done',
  'feed.rejected': 'refused: {reason}',
  'feed.submitted': 'sent, applies at T+{t}',
  'feed.empty': 'Nothing yet',
  'commands.title': 'Commands',
  'commands.selectSite': 'Click a site on the map to select it',
  'commands.selected': 'Selected site',
  'commands.hookGenerator': 'Send a portable generator',
  'commands.pool': 'Generator pool',
  'commands.left': '{n} left',
  'commands.send': 'Send',
  'commands.noPools': 'This seat has no generator pool to draw on',
  'commands.readonly': 'Evaluators observe; they do not command',
  'commands.replayReadonly': 'Replaying: the command log is fixed',
  'commands.mine': 'Commands from this seat',
  'commands.pending': '{n} pending',
  'cmd.hookGenerator': 'generator to {site} ({pool})',
  'score.title': 'Live scoreboard',
  'score.hidden': 'hidden from this seat',
  'score.hiddenCount': '{n} more indicators are not visible to this seat',
  'score.more': 'More indicators',
  'score.chart': 'Population served over time',
  'score.summary': 'lowest {min} (T+{at}), now {now}',
  'kpi.populationServedFrac': 'Population served',
  'kpi.sitesOnAir': 'Sites on air',
  'kpi.sitesOutPower': 'Sites out: power',
  'kpi.sitesOutTransport': 'Sites out: backhaul',
  'kpi.sitesOutDamage': 'Sites out: damage',
  'kpi.sitesOnBattery': 'Sites on battery',
  'kpi.sitesOnGenerator': 'Sites on generator',
  'kpi.sitesWithoutMains': 'Sites without mains',
  'kpi.substationsOut': 'Substations out',
  'kpi.feedersDown': '10 kV feeders down',
  'kpi.powerCustomersOut': 'Power customers out',
  'kpi.roadsBlocked': 'Road segments blocked',
  'kpi.roadsFlooded': 'Road segments flooded',
  'kpi.fibreCuts': 'Fibre cuts (segments)',
  'kpi.peopleFlooded': 'People flooded',
  'kpi.warningsSent': 'Warnings sent',
  'kpi.populationServedFrac_cmcc': 'CMCC users served',
  'kpi.populationServedFrac_cucc': 'CUCC users served',
  'kpi.populationServedFrac_ctcc': 'CTCC users served',
  'status.unknown': 'no information',
  'status.up': 'on air',
  'status.upMainsAlarm': 'on air (mains-failure alarm)',
  'status.down': 'off air (cause unknown)',
  'status.upBattery': 'on air, on battery',
  'status.upGenerator': 'on air, on generator',
  'status.downPower': 'off air: power',
  'status.downTransport': 'off air: backhaul',
  'status.downDamage': 'off air: damage',
  'grid.unknown': 'unknown',
  'grid.up': 'energised',
  'grid.down': 'de-energised',
  'substation.up': 'in service',
  'substation.down': 'out of service',
  'substation.unknown': 'unknown',
  'legend.title': 'Legend',
  'legend.sites': 'Cell sites',
  'legend.substation': 'Substation',
  'legend.feeder': '10 kV feeder',
  'legend.roads': 'Roads',
  'legend.intensity': 'Intensity zone',
  'legend.township': 'Township seat',
  'legend.epicentre': 'Epicentre',
  'road.expressway': 'Expressway',
  'road.national': 'National road',
  'road.provincial': 'Provincial road',
  'road.county': 'County road',
  'road.rural': 'Rural road',
  'roadStatus.open': 'open',
  'roadStatus.damaged': 'damaged (passable)',
  'roadStatus.flooded': 'flooded',
  'roadStatus.blocked': 'blocked',
  'roadStatus.unknown': 'state unknown',
  'op.cmcc': 'CMCC',
  'op.cucc': 'CUCC',
  'op.ctcc': 'CTCC',
  'tip.site': 'Site {id}',
  'tip.operators': 'Operators',
  'tip.township': 'Township',
  'tip.status': 'Status',
  'tip.class': 'Class',
  'tip.substation': 'Substation {name} ({kv} kV)',
  'class.macro': 'macro',
  'class.small': 'small cell',
  'class.super': 'super base station',
  'detail.damageState': 'Damage state',
  'detail.maxIntensity': 'Highest intensity felt',
  'detail.batteryHoursLeft': 'Battery left (hours)',
  'detail.batteryKwh': 'Battery charge left (kWh)',
  'detail.fuelHoursLeft': 'Fuel left (hours)',
  'detail.hasGenerator': 'Generator connected',
  'detail.generatorInbound': 'Generator on its way',
  'detail.feederEnergised': 'Feeder energised',
  'yes': 'yes',
  'no': 'no',
  'time.t': 'T+{t}',
  'status.doctrine': 'Seats played by the doctrine responder: {seats}',
  'status.noDoctrine': 'No doctrine responder',
};

const dictionaries: Record<Lang, Record<Key, string>> = { zh, en };
let lang: Lang = 'zh';
const listeners: (() => void)[] = [];

export function getLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  if (next === lang) return;
  lang = next;
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  translateDom(document.body);
  for (const fn of listeners) fn();
}

export function onLangChange(fn: () => void): void {
  listeners.push(fn);
}

export function hasKey(key: string): key is Key {
  return key in zh;
}

/** The text for `key` in the current language, with {placeholders} filled. */
export function t(key: Key, params: Record<string, string | number> = {}): string {
  const text = dictionaries[lang][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

const SHARED: Record<string, Record<string, Localized>> = { reason: REASON_CODES, seat: SEAT_NAMES, cmd: COMMAND_NAMES, kpi: KPI_NAMES };

/** Translates by a computed key (status names, reason codes, KPI ids); falls back to the raw value. */
export function tr(prefix: string, name: string, params: Record<string, string | number> = {}): string {
  const shared = SHARED[prefix]?.[name];
  if (shared) {
    const text = pick(shared, lang);
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  const key = `${prefix}.${name}`;
  return hasKey(key) ? t(key, params) : name;
}

/** Whether a computed key has a translation (shared table or this file). */
export function hasTr(prefix: string, name: string): boolean {
  return SHARED[prefix]?.[name] !== undefined || hasKey(`${prefix}.${name}`);
}

/** Elements with data-i18n="key" get their text, data-i18n-title their title, data-i18n-placeholder their placeholder. */
export function translateDom(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    const key = el.dataset.i18n!;
    if (hasKey(key)) el.textContent = t(key);
  });
  root.querySelectorAll<HTMLElement>('[data-i18n-title]').forEach((el) => {
    const key = el.dataset.i18nTitle!;
    if (hasKey(key)) el.title = t(key);
  });
  root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]').forEach((el) => {
    const key = el.dataset.i18nPlaceholder!;
    if (hasKey(key)) el.placeholder = t(key);
  });
}

/** Every key exists in both languages (checked by the e2e test through this list). */
export const I18N_KEYS = Object.keys(zh) as Key[];

/** T+h:mm:ss, hours unbounded. */
export function formatT(tSec: number): string {
  const s = Math.max(0, Math.floor(tSec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
}

/** Wall-clock time of the scenario at tSec, in the scenario's own zone. */
export function formatClock(startIso: string, timeZone: string, tSec: number): string {
  const ms = Date.parse(startIso);
  if (!Number.isFinite(ms)) return '';
  const fmt = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone,
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  return fmt.format(new Date(ms + tSec * 1000));
}
