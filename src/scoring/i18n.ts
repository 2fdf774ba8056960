// Chinese and English labels for scoring, the after-action report and the
// browser app. Plain tables keyed by stable codes (rating levels, refusal
// reason codes, seats, KPI ids), so every surface says the same thing.
// Formatting here is deterministic: no Intl, no toLocaleString, no Date.
import type { ReasonCode } from '../model/reasons.ts';

export type Lang = 'zh' | 'en';
export interface Localized {
  zh: string;
  en: string;
}

/** Picks one language; falls back to the other when a text is empty. */
export function pick(text: Localized | { zh: string; en?: string }, lang: Lang): string {
  if (lang === 'en') return text.en && text.en.length > 0 ? text.en : text.zh;
  return text.zh.length > 0 ? text.zh : (text.en ?? '');
}

/** Looks a code up in a table; an unknown code is shown as itself. */
export function label<K extends string>(table: Record<K, Localized>, code: string, lang: Lang): string {
  const entry = (table as Record<string, Localized | undefined>)[code];
  return entry ? pick(entry, lang) : code;
}

/** HSEEP's four performance ratings, plus "not measured". */
export const RATING_NAMES: Record<'P' | 'S' | 'M' | 'U' | 'notMeasured', Localized> = {
  P: { zh: '无挑战完成', en: 'Performed without challenges' },
  S: { zh: '有一定挑战完成', en: 'Performed with some challenges' },
  M: { zh: '有重大挑战完成', en: 'Performed with major challenges' },
  U: { zh: '未能完成', en: 'Unable to be performed' },
  notMeasured: { zh: '未测量', en: 'Not measured' },
};

/** Why the command gate refused a command (src/response/commands.ts ReasonCode). */
export const REASON_CODES: Record<ReasonCode, Localized> = {
  notPermitted: { zh: '本席位无权下达此指令', en: 'This seat is not permitted to give this command' },
  unknownSite: { zh: '站点不存在', en: 'No such site' },
  unknownPool: { zh: '发电机储备点不存在', en: 'No such generator pool' },
  poolEmpty: { zh: '储备点已无可用发电机', en: 'The generator pool is empty' },
  siteDestroyed: { zh: '站点设备已完全损毁，发电机无法恢复', en: 'The site is destroyed; a generator cannot bring it back' },
  generatorAlreadyThere: { zh: '该站点已有发电机在途或在位', en: 'A generator is already on its way to or at the site' },
  siteHasOwnGenerator: { zh: '该站点自备发电机（超级基站），应为其加油而非另接发电机', en: 'The site has its own standby generator (a super base station); refuel it instead of bringing another' },
  poolNotForSite: { zh: '该储备点的发电机不属于此站点的运营商', en: "The pool's operator has no equipment at this site" },
  unknownTownship: { zh: '乡镇不存在', en: 'No such township' },
  emptyWarningArea: { zh: '预警未指定区域（乡镇或多边形）', en: 'The warning has no area (townships or a polygon)' },
  alreadySet: { zh: '该设置已处于此状态', en: 'The setting is already in that state' },
  unknownTeam: { zh: '队伍不存在', en: 'No such team' },
  teamNotActive: { zh: '队伍尚未启动（需应急指挥部调集）', en: 'The team has not been activated (the HQ must call it up)' },
  teamBusy: { zh: '队伍正在作业，无法改派', en: 'The team is at work and cannot be re-tasked' },
  wrongTeamKind: { zh: '该类队伍不承担此项任务', en: 'This kind of team does not do that task' },
  unknownTarget: { zh: '任务目标不存在', en: 'No such target' },
  noEquipment: { zh: '队伍没有完成此任务所需的装备', en: 'The team lacks the equipment for the task' },
  siteNotYours: { zh: '该站点没有本运营商的设备', en: "The team's operator has no equipment at this site" },
  nothingToDo: { zh: '目标当前无需此项作业', en: 'There is nothing to do at the target' },
  alreadyActive: { zh: '队伍已启动', en: 'The team is already active' },
  noRoute: { zh: '道路中断，无可达路线', en: 'No route: the roads are cut' },
  tooFarFromRoad: { zh: '目标离道路太远，车辆无法到达', en: 'The target is too far from any road for a vehicle' },
  modeNotPossible: { zh: '此交通方式无法到达（如无水域不能用船）', en: 'That mode cannot get there (e.g. a boat with no water)' },
  unknownUav: { zh: '无人机不存在', en: 'No such UAV' },
  uavBusy: { zh: '无人机正在执行任务', en: 'The UAV is already on a sortie' },
  uavNotFlying: { zh: '无人机未在执行任务', en: 'The UAV is not flying' },
  groundedByWeather: { zh: '天气超出起降限制，无法起飞', en: 'Grounded: the weather is beyond its limits' },
  outOfRange: { zh: '目标超出航程，无法在空中保障', en: 'Out of range: no time on station left' },
  notRoadReachable: { zh: '系留平台车辆无法通过道路到达', en: 'The tethered platform cannot reach the site by road' },
  noHelicopter: { zh: '没有空闲的直升机', en: 'No helicopter is free' },
  noLandingZone: { zh: '附近没有直升机起降点', en: 'No landing zone near enough' },
  farEndUnreachable: { zh: '已有队伍在此端抢通，无法到达另一端', en: 'A crew is already clearing from this end, and the other end cannot be reached' },
  tooBigForHelicopter: { zh: '队伍人数超过直升机运力', en: 'The team is too big for the helicopter' },
  unknownInject: { zh: '情景注入不存在', en: 'No such inject' },
  injectClosed: { zh: '该注入已下达、跳过或取消', en: 'The inject has already been delivered, skipped or cancelled' },
  timeInPast: { zh: '时间已过，请指定此后的时间', en: 'That time has passed; give a later time' },
  noSuchHazard: { zh: '本情景没有此类灾害（如无地震则不能注入余震）', en: 'The scenario has no such hazard (no earthquake to have an aftershock)' },
  duplicateInject: { zh: '已有同编号的情景注入', en: 'An inject with that id already exists' },
  cannotRepair: { zh: '到场时设备已完全损毁，无法抢修', en: 'On arrival the equipment was beyond repair' },
};

/** Seats at a drill (src/drill/seats.ts) and the organisations they speak for. */
export const SEAT_NAMES: Record<string, Localized> = {
  director: { zh: '导演部', en: 'Exercise director' },
  evaluator: { zh: '评估组', en: 'Evaluators' },
  emhq: { zh: '应急指挥部', en: 'Emergency-management HQ' },
  cmcc: { zh: '中国移动', en: 'China Mobile' },
  cucc: { zh: '中国联通', en: 'China Unicom' },
  ctcc: { zh: '中国电信', en: 'China Telecom' },
  tower: { zh: '中国铁塔', en: 'China Tower' },
  power: { zh: '电力公司', en: 'Power company' },
  transport: { zh: '交通运输部门', en: 'Transport department' },
  fire: { zh: '消防救援队伍', en: 'Fire and rescue' },
  satcom: { zh: '中国卫通', en: 'China Satcom' },
};

/** Command types (src/response/commands.ts COMMANDS). */
export const COMMAND_NAMES: Record<string, Localized> = {
  hookGenerator: { zh: '调派应急发电机', en: 'Send a portable generator' },
  activateTeam: { zh: '调集队伍', en: 'Activate a team' },
  assignTask: { zh: '下达任务', en: 'Assign a task' },
  requestSupport: { zh: '提出支援需求', en: 'Request support' },
  deployUav: { zh: '派出无人机', en: 'Deploy a UAV' },
  recallUav: { zh: '召回无人机', en: 'Recall a UAV' },
  sendWarning: { zh: '发布预警', en: 'Send a warning' },
  setEmergencyRoaming: { zh: '开启/关闭应急漫游', en: 'Switch emergency roaming' },
  assignSeat: { zh: '席位交接', en: 'Hand a seat over' },
  setPrioritySupply: { zh: '通信站点优先供电', en: 'Priority power for comms sites' },
  fireInject: { zh: '立即下达情景注入', en: 'Fire an inject now' },
  holdInject: { zh: '暂缓情景注入', en: 'Hold an inject' },
  releaseInject: { zh: '恢复情景注入', en: 'Release an inject' },
  delayInject: { zh: '推迟情景注入', en: 'Delay an inject' },
  skipInject: { zh: '跳过情景注入', en: 'Skip an inject' },
  authorInject: { zh: '临机情景注入', en: 'Author an ad-hoc inject' },
  setStopTime: { zh: '设定演练结束时间', en: 'Set the stop time' },
  setNoNotice: { zh: '双盲模式', en: 'No-notice mode' },
  recordObservation: { zh: '记录评估观察', en: 'Record an observation' },
  rateIndicator: { zh: '人工评定指标', en: 'Rate an indicator' },
};

/** Kinds of ad-hoc inject (src/response/inject-kinds.ts INJECT_KINDS). */
export const INJECT_KIND_NAMES: Record<string, Localized> = {
  message: { zh: '消息', en: 'Message' },
  aftershock: { zh: '余震', en: 'Aftershock' },
  landslide: { zh: '新滑坡阻断道路', en: 'New landslide on a road' },
  floodStage: { zh: '水位变化', en: 'Flood stage change' },
  siteFailure: { zh: '基站故障', en: 'Site failure' },
  substationFailure: { zh: '变电站故障', en: 'Substation failure' },
};

/** Inject states (src/model/msel.ts INJECT_STATUSES) and expected-action states (EXPECTATION_STATUSES). */
export const INJECT_STATUS_NAMES: Record<string, Localized> = {
  scheduled: { zh: '待下达', en: 'Scheduled' },
  held: { zh: '暂缓', en: 'Held' },
  delivered: { zh: '已下达', en: 'Delivered' },
  skipped: { zh: '已跳过', en: 'Skipped' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};
export const EXPECTATION_STATUS_NAMES: Record<string, Localized> = {
  pending: { zh: '未开始', en: 'Pending' },
  open: { zh: '进行中', en: 'Open' },
  met: { zh: '按时完成', en: 'Met' },
  late: { zh: '超时完成', en: 'Late' },
  missed: { zh: '未完成', en: 'Missed' },
};

/** Response tasks (src/response/tasks.ts). */
export const TASK_NAMES: Record<string, Localized> = {
  inspectSite: { zh: '站点巡查', en: 'Inspect a site' },
  repairSite: { zh: '站点抢修', en: 'Repair a site' },
  hookGenerator: { zh: '接入发电机', en: 'Hook up a generator' },
  refuelSite: { zh: '发电机加油', en: 'Refuel a generator' },
  deployPortableStation: { zh: '架设便携基站', en: 'Deploy a portable base station' },
  deployCommsVehicle: { zh: '部署应急通信车', en: 'Deploy a communications vehicle' },
  deployTetheredUav: { zh: '部署系留无人机基站', en: 'Deploy a tethered UAV base station' },
  deploySatelliteBackhaul: { zh: '开通卫星传输（便携站）', en: 'Deploy satellite backhaul (VSAT)' },
  repairFibre: { zh: '光缆抢修', en: 'Repair fibre' },
  clearRoad: { zh: '道路抢通', en: 'Clear a road' },
  deliverTerminals: { zh: '配送卫星电话/北斗终端', en: 'Deliver satellite phones / BeiDou terminals' },
  restoreSubstation: { zh: '变电站应急恢复', en: 'Restore a substation' },
  repairFeeder: { zh: '10千伏线路抢修', en: 'Repair a 10 kV feeder' },
  layTemporaryFibre: { zh: '布放应急光缆', en: 'Lay a temporary fibre line' },
};

/** KPI series ids, the ones reported today and the ones the profile expects later. */
export const KPI_NAMES: Record<string, Localized> = {
  tSec: { zh: '时间（秒）', en: 'time (s)' },
  populationServedFrac: { zh: '有移动服务的人口比例', en: 'population with mobile service' },
  sitesOnAir: { zh: '在网站点', en: 'sites on air' },
  sitesOutPower: { zh: '因停电退服站点', en: 'sites out: power' },
  sitesOutTransport: { zh: '因传输中断退服站点', en: 'sites out: transport' },
  sitesOutDamage: { zh: '因设备损毁退服站点', en: 'sites out: damage' },
  sitesOnBattery: { zh: '蓄电池供电站点', en: 'sites on battery' },
  sitesOnGenerator: { zh: '发电机供电站点', en: 'sites on generator' },
  sitesWithoutMains: { zh: '市电中断站点', en: 'sites without mains power' },
  substationsOut: { zh: '停运变电站', en: 'substations out' },
  feedersDown: { zh: '失电10千伏线路', en: '10 kV feeders down' },
  townshipsIsolated: { zh: '指挥通信中断的乡镇', en: 'townships without a command link' },
  terminalsDelivered: { zh: '已送达卫星电话/北斗终端数', en: 'Satellite phones / BeiDou terminals delivered' },
  uavCoverageKm2: { zh: '无人机应急通信覆盖面积', en: 'UAV coverage area' },
  uavBaseStationsDeployed: { zh: '已投入无人机基站（累计）', en: 'UAV base stations deployed (so far)' },
  teamsDeployed: { zh: '已出动通信保障队伍', en: 'communication teams deployed' },
  powerCustomersOut: { zh: '停电用户', en: 'power customers out' },
  roadsBlocked: { zh: '阻断路段', en: 'road segments blocked' },
  roadsFlooded: { zh: '淹没路段', en: 'road segments flooded' },
  fibreCuts: { zh: '光缆中断路段', en: 'road segments with fibre cut' },
  peopleFlooded: { zh: '受淹人口', en: 'people flooded' },
  warningsSent: { zh: '已发布小区广播预警', en: 'cell-broadcast warnings sent' },
  populationServedFrac_cmcc: { zh: '中国移动用户有服务比例', en: 'China Mobile subscribers with service' },
  populationServedFrac_cucc: { zh: '中国联通用户有服务比例', en: 'China Unicom subscribers with service' },
  populationServedFrac_ctcc: { zh: '中国电信用户有服务比例', en: 'China Telecom subscribers with service' },
  sitesRestoredFrac: { zh: '退服站点恢复比例', en: 'share of failed sites restored' },
  superSitesOnAirFrac: { zh: '超级基站在网比例', en: 'super base stations on air' },
  warningReachedFrac: { zh: '预警覆盖人口比例', en: 'population reached by warnings' },
  uavRequests: { zh: '无人机保障需求（累计）', en: 'UAV requests (cumulative)' },
  uavRequestsServed: { zh: '无人机到位（累计）', en: 'UAV requests served (cumulative)' },
  requestsRaised: { zh: '部门通信需求（累计）', en: 'department requests (cumulative)' },
  requestsActioned: { zh: '已响应的部门需求（累计）', en: 'department requests actioned (cumulative)' },
  crossRegionalTeamsArrived: { zh: '跨区域支援力量到达（累计）', en: 'cross-regional teams arrived (cumulative)' },
  uavsOnStation: { zh: '在位无人机', en: 'UAVs on station' },
};

/** Units as the report prints them. */
export const UNIT_NAMES: Record<string, Localized> = {
  '%': { zh: '%', en: '%' },
  fraction: { zh: '', en: '' },
  s: { zh: '秒', en: 's' },
  min: { zh: '分钟', en: 'min' },
  h: { zh: '小时', en: 'h' },
  '%·h': { zh: '%·小时', en: '%·h' },
  'km²': { zh: '平方千米', en: 'km²' },
  sites: { zh: '个站点', en: 'sites' },
  townships: { zh: '个乡镇', en: 'townships' },
  teams: { zh: '支队伍', en: 'teams' },
  count: { zh: '', en: '' },
};

/** Everything else the after-action report prints. */
export const LABELS = {
  title: { zh: '应急通信演练评估报告与改进计划', en: 'After-Action Report and Improvement Plan' },
  subtitle: { zh: '极端场景应急通信能力演练（数字孪生推演）', en: 'Emergency communications in extreme scenarios: digital-twin exercise' },
  overview: { zh: '一、演练概况', en: '1. Exercise overview' },
  scenario: { zh: '演练情景', en: 'Scenario' },
  scenarioId: { zh: '情景编号', en: 'Scenario id' },
  start: { zh: '开始时间', en: 'Start' },
  duration: { zh: '推演时长', en: 'Duration' },
  seed: { zh: '随机种子', en: 'Seed' },
  hazards: { zh: '灾害情景', en: 'Hazards' },
  hazardsUnknown: { zh: '报告中未记录灾害参数', en: 'Hazard parameters are not recorded in the report' },
  participants: { zh: '参演席位', en: 'Participants' },
  participantsNone: { zh: '本次推演无席位下达指令（基线推演）', en: 'No seat issued commands (baseline run)' },
  profile: { zh: '评估依据', en: 'Capability targets' },
  overallResult: { zh: '总体评估结论', en: 'Overall result' },
  score: { zh: '得分', en: 'Score' },
  rating: { zh: '评定等级', en: 'Rating' },
  pass: { zh: '达标', en: 'Pass' },
  fail: { zh: '未达标', en: 'Not passed' },
  coverage: { zh: '已评定指标', en: 'Indicators rated' },
  capabilities: { zh: '二、能力目标评估', en: '2. Capability targets' },
  groupSummary: { zh: '各目标组得分', en: 'Scores by goal group' },
  departmentSummary: { zh: '各参演单位相关指标得分', en: 'Scores by organisation' },
  department: { zh: '单位', en: 'Organisation' },
  commandsIssued: { zh: '下达指令', en: 'Commands' },
  commandsRejected: { zh: '被拒绝', en: 'Refused' },
  group: { zh: '目标组', en: 'Goal group' },
  indicator: { zh: '指标', en: 'Indicator' },
  target: { zh: '目标值', en: 'Target' },
  measured: { zh: '实测值', en: 'Measured' },
  evidence: { zh: '依据数据', en: 'Evidence' },
  source: { zh: '出处', en: 'Source' },
  evaluatorNote: { zh: '评估员意见', en: 'Evaluator note' },
  assumptionMark: { zh: '※ 目标值为本项目假设，导演部可调整', en: "※ target is the project's assumption; the director may change it" },
  measuredRating: { zh: '实测等级', en: 'measured rating' },
  manualRating: { zh: '评估员评定', en: 'evaluator rating' },
  bands: { zh: '分级', en: 'bands' },
  charts: { zh: '三、关键指标曲线', en: '3. Key indicators over time' },
  chartServed: { zh: '有移动服务的人口比例（恢复曲线；阴影为韧性损失）', en: 'Population with mobile service (restoration curve; shaded: loss of resilience)' },
  chartSitesOut: { zh: '退服站点（按原因堆叠）', en: 'Sites out of service, by cause (stacked)' },
  chartTownships: { zh: '指挥通信中断的乡镇', en: 'Townships without a command link' },
  chartUav: { zh: '无人机应急通信覆盖面积', en: 'UAV coverage area' },
  notMeasuredInRun: { zh: '本次推演未测量该指标', en: 'Not measured in this run' },
  hoursAxis: { zh: '小时（T+）', en: 'hours after T0' },
  timeline: { zh: '四、指令与情景注入时间线', en: '4. Timeline of injects and commands' },
  time: { zh: '时间', en: 'Time' },
  clock: { zh: '时刻', en: 'Clock' },
  kind: { zh: '类型', en: 'Kind' },
  inject: { zh: '情景注入', en: 'Inject' },
  warning: { zh: '预警发布', en: 'Warning' },
  warningReach: { zh: '覆盖', en: 'reached' },
  aftershocks: { zh: '余震', en: 'Aftershocks' },
  command: { zh: '指令', en: 'Command' },
  seat: { zh: '席位', en: 'Seat' },
  content: { zh: '内容', en: 'Content' },
  result: { zh: '结果', en: 'Result' },
  accepted: { zh: '已执行', en: 'Accepted' },
  rejected: { zh: '被拒绝', en: 'Refused' },
  timelineEmpty: { zh: '无指令、无情景注入', en: 'No injects and no commands' },
  analysis: { zh: '五、主要做法与存在问题', en: '5. Strengths and areas for improvement' },
  strengths: { zh: '主要做法与亮点', en: 'Strengths' },
  improvements: { zh: '存在问题与改进方向', en: 'Areas for improvement' },
  none: { zh: '无', en: 'None' },
  notMeasuredList: { zh: '本次未测量的指标', en: 'Not measured in this run' },
  observationsGeneral: { zh: '评估员总体意见', en: 'General evaluator observations' },
  target_: { zh: '目标', en: 'target' },
  improvementPlan: { zh: '六、改进计划', en: '6. Improvement plan' },
  correctiveAction: { zh: '改进措施', en: 'Corrective action' },
  capability: { zh: '能力', en: 'Capability' },
  responsibleOrg: { zh: '责任单位', en: 'Responsible organisation' },
  dueDate: { zh: '完成时限', en: 'Due date' },
  scoringNote: { zh: '评分方法', en: 'Scoring method' },
  footerEngine: { zh: '引擎版本', en: 'Engine version' },
  footerScenario: { zh: '情景文件 SHA-256', en: 'Scenario SHA-256' },
  footerState: { zh: '最终状态哈希', en: 'Final state hash' },
  footerReplay: {
    zh: '本报告由推演报告文件确定性生成：同一情景、同一随机种子、同一指令记录可复现全部数值。',
    en: 'Generated deterministically from the run report: the same scenario, seed and command log reproduce every number.',
  },
  unreachedNote: { zh: '未达到', en: 'not reached' },
  incomplete: { zh: '未完整评定', en: 'Not rated: incomplete' },
  provisional: { zh: '暂定', en: 'provisional' },
  incompleteNote: {
    zh: '有指标未评定的目标组、单位和总体不给出等级与达标结论；所示分数为已评定指标的暂定分，仅供参考。未测量的指标可由评估员评定。',
    en: 'A group, organisation or overall result with unrated indicators gets no rating and no pass or fail; the score shown is provisional, over the rated indicators only. Evaluators may rate what the run did not measure.',
  },
  people: { zh: '参演人员', en: 'Players' },
  controlAndEvaluators: { zh: '导演部与评估组', en: 'Control cell and evaluators' },
  doctrine: { zh: '条令自动响应', en: 'Doctrine' },
  doctrineExplain: {
    zh: '条令自动响应：系统按预案代行未由人员值守的席位，其指令不计为参演单位的作为',
    en: "doctrine: the built-in responder that plays seats no person holds, by the plan; its commands are not credited to the organisations",
  },
  commandsByPeople: { zh: '人员指令', en: 'By people' },
  commandsByDoctrine: { zh: '条令指令', en: 'By the doctrine' },
  peopleNone: { zh: '无参演人员下达指令', en: 'no player gave a command' },
  doctrineNone: { zh: '未启用条令自动响应', en: 'the doctrine played no seat' },
  doctrineCommand: { zh: '条令指令', en: 'Doctrine command' },
  personCommand: { zh: '人员指令', en: 'Command' },
  filter: { zh: '筛选', en: 'Show' },
  filterAll: { zh: '全部', en: 'All' },
  filterPeople: { zh: '人员的指令与注入', en: "People's commands and injects" },
  filterDoctrine: { zh: '条令自动响应', en: "The doctrine's commands" },
  seedWord: { zh: '随机种子', en: 'seed' },
  exerciseControl: { zh: '演练控制与预期行动', en: 'Exercise control and expected actions' },
  injectsTitle: { zh: '情景注入（MSEL）执行情况', en: 'Injects (MSEL) as run' },
  adhoc: { zh: '临机注入', en: 'ad hoc' },
  due: { zh: '计划时间', en: 'Due' },
  status: { zh: '状态', en: 'Status' },
  delivered: { zh: '下达时间', en: 'Delivered' },
  expectedActions: { zh: '预期行动', en: 'Expected actions' },
  expectedAction: { zh: '预期行动', en: 'Expected action' },
  deadline: { zh: '时限', en: 'Deadline' },
  outcome: { zh: '结果', en: 'Outcome' },
  contingency: { zh: '应急预案注入', en: 'Contingency' },
  stopAt: { zh: '演练结束时间', en: 'Stop at' },
  notSet: { zh: '未设定', en: 'not set' },
  noNotice: { zh: '双盲模式', en: 'No-notice mode' },
  on: { zh: '开启', en: 'on' },
  off: { zh: '关闭', en: 'off' },
} satisfies Record<string, Localized>;

export type LabelKey = keyof typeof LABELS;

export function t(key: LabelKey, lang: Lang): string {
  return LABELS[key][lang];
}

// ---- number and time formatting (deterministic) ----

/** Fixed decimals with thousands separators, e.g. 12345.678 → "12,345.7". */
export function formatNumber(value: number, decimals: number): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole, frac] = fixed.split('.');
  let grouped = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) grouped += ',';
    grouped += whole[i];
  }
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? '−' : ''}${grouped}${frac !== undefined ? '.' + frac : ''}`;
}

/** "T+5 h 10 min" / "T+5小时10分". Seconds are rounded to the minute. */
export function formatElapsed(tSec: number, lang: Lang): string {
  const totalMin = Math.round(tSec / 60);
  const h = Math.floor(totalMin / 60);
  const m = totalMin - h * 60;
  return lang === 'zh' ? `T+${h}小时${String(m).padStart(2, '0')}分` : `T+${h} h ${String(m).padStart(2, '0')} min`;
}

/** A duration in seconds: "5 h 10 min" / "5小时10分", or "45 s" when under a minute. */
export function formatDuration(sec: number, lang: Lang): string {
  if (sec < 60) return lang === 'zh' ? `${formatNumber(sec, 0)}秒` : `${formatNumber(sec, 0)} s`;
  const totalMin = Math.round(sec / 60);
  const h = Math.floor(totalMin / 60);
  const m = totalMin - h * 60;
  if (h === 0) return lang === 'zh' ? `${m}分钟` : `${m} min`;
  return lang === 'zh' ? `${h}小时${String(m).padStart(2, '0')}分` : `${h} h ${String(m).padStart(2, '0')} min`;
}

const TIME_UNIT_SEC: Record<string, number> = { s: 1, min: 60, h: 3600 };

/**
 * A value in an indicator's unit, as printed: "23.4 %", "5 h 10 min",
 * "1,234 %·h". `limit` prints whole numbers without decimals, for targets.
 */
export function formatValue(value: number | null, unit: string, lang: Lang, limit = false): string {
  if (value === null) return '—';
  const perUnit = TIME_UNIT_SEC[unit];
  if (perUnit !== undefined) return formatDuration(value * perUnit, lang);
  const unitText = label(UNIT_NAMES, unit, lang);
  const decimals =
    limit && Number.isInteger(value)
      ? 0
      : unit === 'fraction'
        ? 3
        : unit === '%' || unit === 'km²'
          ? 1
          : unit === '%·h'
            ? Math.abs(value) < 100
              ? 1
              : 0
            : Number.isInteger(value)
              ? 0
              : 2;
  const num = formatNumber(value, decimals);
  if (unitText === '') return num;
  if (unit === '%') return `${num} %`;
  return lang === 'zh' && !/^[%a-zA-Z]/.test(unitText) ? `${num}${unitText}` : `${num} ${unitText}`;
}

/** "≥ 60 %" or "≤ 6 h". */
export function formatTarget(direction: 'higherIsBetter' | 'lowerIsBetter', value: number, unit: string, lang: Lang): string {
  return `${direction === 'higherIsBetter' ? '≥' : '≤'} ${formatValue(value, unit, lang, true)}`;
}

/**
 * Local clock time at T+tSec for an ISO start with offset
 * ("2023-12-18T23:59:30+08:00" + 3600 → "12-19 00:59"), computed with
 * integer civil-date arithmetic so it never depends on the host's zone.
 */
export function clockAt(startIso: string, tSec: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(startIso);
  if (!m) return '';
  const [y, mo, d, hh, mi, ss] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  const startDays = daysFromCivil(y, mo, d);
  const total = hh * 3600 + mi * 60 + ss + Math.floor(tSec);
  const dayOffset = Math.floor(total / 86_400);
  const secOfDay = total - dayOffset * 86_400;
  const [, month, day] = civilFromDays(startDays + dayOffset);
  const h = Math.floor(secOfDay / 3600);
  const min = Math.floor((secOfDay - h * 3600) / 60);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(month)}-${p(day)} ${p(h)}:${p(min)}`;
}

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719_468;
  const era = Math.floor(zz / 146_097);
  const doe = zz - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}
