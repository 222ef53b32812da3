// The standard indicator systems (指标体系) a county starts from (issue 11, F17): a rural (农村) and a community (社区)
// template under the 六有 goals (篇五(4)), and an organ (机关) template under the 八有 groups of 篇一 (the six plus
// 作风转变 and 条块结合). Each indicator's criteria quote the seed it comes from; points sum to 100; the county edits
// a copy. Computed indicators read the platform's own records (METRIC_INFO); evidence indicators are scored on
// archived evidence (档案痕迹材料, 篇一 "严格按照档案痕迹材料进行加分和扣分") from a base of 80 % of the points, so
// both additions and deductions count; veto items carry no points and make the grade lagging.
import { uuidv7 } from 'uuidv7';
import type { IndicatorCurve, IndicatorInput, OrgSector, SaveTemplateInput } from '@jiceng/contract';
import type { DbOrTx } from '../../db/client.js';
import { evaluationIndicators, evaluationTemplates } from './evaluation.tables.js';

const linear = (zeroAt: number, fullAt: number): IndicatorCurve => ({ kind: 'linear', zeroAt, fullAt });
const base = (max: number) => Math.round(max * 0.8 * 100) / 100;

type Ind = Omit<IndicatorInput, 'code'>;
const computed = (group: Ind['group'], name: string, maxPoints: number, metric: NonNullable<Ind['metric']>, curve: IndicatorCurve, criteria: string): Ind =>
  ({ group, name, maxPoints, method: 'computed', metric, curve, criteria });
const evidence = (group: Ind['group'], name: string, maxPoints: number, criteria: string): Ind =>
  ({ group, name, maxPoints, method: 'evidence', basePoints: base(maxPoints), criteria });
const veto = (name: string, criteria: string): Ind => ({ group: 'performance', name, maxPoints: 0, method: 'veto', criteria });

/** Codes: the group's letter and a number (stable across the county's copies, so years compare indicator by indicator). */
function coded(prefix: Record<string, string>, items: Ind[]): IndicatorInput[] {
  const n = new Map<string, number>();
  return items.map((i) => {
    const letter = i.method === 'veto' ? 'X' : prefix[i.group]!;
    const k = (n.get(letter) ?? 0) + 1;
    n.set(letter, k);
    return { code: `${letter}${k}`, ...i };
  });
}
const LETTERS = { leadership: 'A', cadres: 'B', venue: 'C', carriers: 'D', institutions: 'E', performance: 'F', conduct: 'G', localOpinion: 'H' };

const THREE_ONES = '书记“三个一”：每年向上级党组织和本级党员大会述一次职并接受评议，联系一个以上基层党组织、办好一个联系点，至少为基层党员干部上一堂党课（篇二 8）。按完成的项数计分。';
const TRAINED = '书记在轮训周期内参加书记轮训（篇五(7)“用2至3年时间，把各领域党组织书记轮训一遍”）。';
const VOLUNTEER = '入党积极分子和预备党员在培养期和预备期每年开展不少于100小时的公益志愿服务（篇二 7）；达标人数占比 50% 起计分，全部达标得满分。';
const ON_TIME = '办件在承诺日办结（篇三“在承诺日办结”；首问负责、限期办结）；按时办结率 60% 起计分，100% 得满分。';
const ONE_TRIP = '群众办事“最多跑一次”（篇四）：跑腿不超过一次的办件占比 50% 起计分，100% 得满分。';
const RATING = '办件群众评价（回访评价）均分：3 星起计分，5 星得满分；只计群众本人评价和本组织以外的回访记录。';
const ACCOUNTABILITY = '过错责任追究成立的件数（篇三 过错责任追究制度）：无追究得满分，每成立一件扣三分之一，三件及以上不得分。';
const NO_MAJOR_INCIDENT = '发生重大群体性事件或严重违纪违法问题';
const NO_MAJOR_INCIDENT_CRITERIA = '年度内辖区发生重大群体性事件，或班子成员出现严重违纪违法问题，经查实的，实行一票否决，定为“后进”。须附查处文书等材料。';
const NO_FALSIFICATION = '考评材料弄虚作假';
const NO_FALSIFICATION_CRITERIA = '自评或档案痕迹材料弄虚作假、虚报服务业绩，经核实的，实行一票否决。';

/** the secretary's two computed indicators, the same in the rural and the community template */
const SECRETARY = [
  computed('leadership', '书记“三个一”', 6, 'threeOnesCompletion', linear(0, 1), THREE_ONES),
  computed('leadership', '书记轮训', 4, 'secretaryTrained', linear(0, 1), TRAINED),
];
/** 服务业绩 from the cases and the two veto items: the same in the rural and the community template */
const VILLAGE_RESULTS = [
  computed('performance', '办件按时办结', 8, 'caseOnTimeRate', linear(0.6, 1), ON_TIME),
  computed('performance', '最多跑一次', 5, 'caseOneTripShare', linear(0.5, 1), ONE_TRIP),
  computed('performance', '群众评价', 6, 'caseMeanRating', linear(3, 5), RATING),
  computed('performance', '过错责任追究（扣分）', 5, 'accountabilityUpheld', linear(3, 0), ACCOUNTABILITY),
  veto(NO_MAJOR_INCIDENT, NO_MAJOR_INCIDENT_CRITERIA),
  veto(NO_FALSIFICATION, NO_FALSIFICATION_CRITERIA),
];

const RURAL: IndicatorInput[] = coded(LETTERS, [
  // 一、有坚强有力的领导班子 (18)
  ...SECRETARY,
  evidence('leadership', '班子建设', 8, '建设服务意识强、服务作风好、服务水平高的领导班子（篇五(4)）：班子健全、分工明确、团结协作；查班子成员名册、会议记录，访党员群众。'),
  // 二、有本领过硬的骨干队伍 (14)
  computed('cadres', '党员志愿服务', 6, 'volunteerCompliance', linear(0.5, 1), VOLUNTEER),
  evidence('cadres', '党员中心户与设岗定责', 4, '设置党员中心户，开展无职党员“九员一长”“设岗定责”（篇二 1）；党员中心户每月至少在村民小组组织开展1次服务活动（篇二 7）。查台账、走访群众。'),
  evidence('cadres', '后备干部与党员队伍', 4, '做好发展党员和培训工作，注重把党员培养成服务骨干（篇五(7)）；村主职后备干部参加集中培训（篇二 6“6个100”）。查发展党员档案和培训记录。'),
  // 三、有功能实用的服务场所 (12)
  computed('venue', '“131N”服务组织', 6, 'bodiesComplete', linear(0, 1), '“131n”村级治理机制（篇二 2）：村委会、村民议事会、村务监督委员会 3 个自治组织和村集体经济组织健全，按健全的比例计分。'),
  evidence('venue', '活动场所与便民服务室', 6, '村级党员群众服务中心建设便捷服务、便利活动、便于议事的综合阵地（篇五(4)），便民服务室做到“十个一”（篇三）：一间服务室、一块服务牌、一张办公桌、一部电话、一个公示栏、一本服务册、一套服务程序、一本登记簿、一组档案柜。现场查看。'),
  // 四、有形式多样的服务载体 (22)
  computed('carriers', '网格党小组', 5, 'gridsWithPartyGroup', linear(0.5, 1), '以常住居民50-100户划分片区网格，“一片区一党小组”（篇二 1）；建有党小组的网格占比 50% 起计分。'),
  computed('carriers', '“五会”“四进”活动', 5, 'activitiesHeld', linear(0, 12), '党员学习会、政策宣讲会、民情沟通会、专题议事会、党建联席会和文化、卫生、法律、科技进村（篇二 4）；全年 12 次及以上得满分。'),
  computed('carriers', '“两走遍”', 6, 'twoWalksCoverage', linear(0.5, 1), '“一坚持、两走遍、四掌握”（篇二 3）：驻村干部、村干部每年走遍所有农户；完成率 50% 起计分。'),
  computed('carriers', '“六访”必访户', 6, 'mustVisitCoverage', linear(0.5, 1), '困难群众、空巢老人、留守儿童、残疾家庭、流动党员、失业人员必访（篇二 4“六访”），按期走访的户数占比 50% 起计分。'),
  // 五、有健全完善的制度机制 (10)
  evidence('institutions', '便民服务制度上墙', 5, '首问负责、办事登记、限期办结、过错责任追究等制度（篇三）上墙公开，公开办理条件、工作流程、承办人员及联系方式。现场查看。'),
  evidence('institutions', '值班与走访台账', 5, '建立值班和走访台账（篇二 3），办件登记簿、代办记录完整规范。查台账。'),
  // 六、有群众满意的服务业绩 (24)
  ...VILLAGE_RESULTS,
]);

const COMMUNITY: IndicatorInput[] = coded(LETTERS, [
  ...SECRETARY,
  evidence('leadership', '班子建设', 8, '建设服务意识强、服务作风好、服务水平高的社区党组织领导班子（篇五(4)）；定期开展民情恳谈（篇五(5)）。查会议记录，访居民。'),
  computed('cadres', '党员志愿服务', 6, 'volunteerCompliance', linear(0.5, 1), VOLUNTEER),
  evidence('cadres', '楼栋长与在职党员报到', 4, '设置党员中心户（楼栋长），每月至少在居民小区组织开展1次服务活动（篇二 7）；组织在职党员到社区报到、为群众服务（篇五(5)）。查报到台账。'),
  evidence('cadres', '党务力量与后备干部', 4, '配强社区党务工作力量，社区主职后备干部参加集中培训（篇五(7)、篇二 6）。查名册与培训记录。'),
  computed('venue', '“131N”服务组织', 6, 'bodiesComplete', linear(0, 1), '社区居委会、居民议事会、居务监督委员会等自治组织和社区服务组织健全（篇二 2“131n”），按健全的比例计分。'),
  evidence('venue', '党群服务中心', 6, '社区党群服务中心一室多用，便捷服务、便利活动、便于议事（篇五(4)(8)），推行“一站式”服务（篇四）。现场查看。'),
  computed('carriers', '网格党小组', 5, 'gridsWithPartyGroup', linear(0.5, 1), '按居民小区划分网格，“一片区一党小组”（篇二 1）；建有党小组的网格占比 50% 起计分。'),
  computed('carriers', '“五会”“四进”活动', 6, 'activitiesHeld', linear(0, 24), '社区“45666”工作法（篇二 4）：五会、四进（文化、卫生、法律、科技进社区）；全年 24 次及以上得满分。'),
  computed('carriers', '“两走遍”', 4, 'twoWalksCoverage', linear(0.5, 1), '驻社区干部、社区干部每年走遍所有住户（篇二 3）；完成率 50% 起计分。'),
  computed('carriers', '“六访”必访户', 7, 'mustVisitCoverage', linear(0.5, 1), '困难群众、空巢老人、留守儿童、残疾家庭、流动党员、失业人员必访（篇二 4），按期走访的户数占比 50% 起计分。'),
  evidence('institutions', '便民服务制度上墙', 5, '首问负责、办事登记、限期办结、过错责任追究制度（篇三）和“六热线”（篇二 4）上墙公开。现场查看。'),
  evidence('institutions', '值班与走访台账', 5, '值班和走访台账（篇二 3）、“六报”记录完整规范。查台账。'),
  ...VILLAGE_RESULTS,
]);

const ORGAN: IndicatorInput[] = coded(LETTERS, [
  computed('leadership', '书记“三个一”', 6, 'threeOnesCompletion', linear(0, 1), THREE_ONES),
  evidence('leadership', '班子建设', 6, '成立考评工作领导小组，党组织书记履行第一责任人职责（篇一 一）。查会议记录。'),
  computed('cadres', '书记轮训', 5, 'secretaryTrained', linear(0, 1), TRAINED),
  evidence('cadres', '党员干部直接联系群众', 5, '落实党员干部直接联系群众制度，推动机关干部深入基层、服务基层（篇五(5)）。查联系台账。'),
  evidence('venue', '党员活动阵地', 6, '机关党员活动室一室多用，服务窗口规范（篇五(8)）。现场查看。'),
  evidence('carriers', '党员示范岗与承诺践诺', 5, '开展党员示范岗、党员责任区、党员承诺践诺活动（篇五(8)）。查承诺和践诺记录。'),
  evidence('carriers', '结对共建', 5, '推行部门包村、村居共建（篇五(12)），结对帮扶单位每季度到帮扶村开展一次志愿服务活动（篇二 7）。查活动记录。'),
  evidence('institutions', '制度建设', 5, '党建工作量化考核、党风廉政建设责任制落实（篇一 三）。查制度文本。'),
  evidence('institutions', '档案痕迹材料', 5, '档案痕迹材料齐全规范（篇一 二“现场查看了各支部档案痕迹材料”）。'),
  computed('performance', '办件按时办结', 8, 'caseOnTimeRate', linear(0.6, 1), ON_TIME),
  computed('performance', '群众评价', 6, 'caseMeanRating', linear(3, 5), RATING),
  computed('performance', '过错责任追究（扣分）', 6, 'accountabilityUpheld', linear(3, 0), ACCOUNTABILITY),
  evidence('conduct', '“门难进、脸难看、事难办”', 7, '解决“门难进、脸难看、事难办”问题，转变工作作风（篇一）。访服务对象、查投诉记录。'),
  evidence('conduct', '不作为、慢作为、乱作为', 7, '解决不作为、慢作为、乱作为、吃拿卡要等问题（篇一）。查投诉和问责记录。'),
  evidence('localOpinion', '所在地党组织意见', 9, '条块结合：听取所在地党组织意见（篇五(14)）；以所在地党组织出具的书面意见为依据加减分。'),
  evidence('localOpinion', '服务对象意见', 9, '条块结合：听取服务对象意见（篇五(14)）；以服务对象评议表为依据加减分。'),
  veto('严重违纪违法问题', '班子成员出现严重违纪违法问题，或发生吃拿卡要被查实的，实行一票否决，定为“后进”。'),
  veto(NO_FALSIFICATION, NO_FALSIFICATION_CRITERIA),
]);

export const STANDARD_TEMPLATES: readonly (SaveTemplateInput & { sector: OrgSector })[] = [
  { name: '农村基层服务型党组织考评指标体系', sector: 'rural', note: '按“六有”目标（篇五(4)）设置，县委组织部可复制后修改。', indicators: RURAL },
  { name: '社区基层服务型党组织考评指标体系', sector: 'community', note: '按“六有”目标（篇五(4)）设置，突出社区“45666”工作法。', indicators: COMMUNITY },
  { name: '机关基层服务型党组织考评指标体系', sector: 'organ', note: '按“八有”目标（篇一）设置，含作风转变和条块结合（篇五(14)）。', indicators: ORGAN },
];

/**
 * Creates the standard templates for a county by direct inserts (one set-based insert per table); returns the
 * template ids by sector. The caller audits (the demo seed's one entry; a county's own request through the
 * templates service).
 */
export async function createStandardTemplates(tx: DbOrTx, countyId: string, createdBy: string, at = new Date()): Promise<Map<OrgSector, string>> {
  const ids = new Map<OrgSector, string>();
  const templates: (typeof evaluationTemplates.$inferInsert)[] = [];
  const indicators: (typeof evaluationIndicators.$inferInsert)[] = [];
  for (const t of STANDARD_TEMPLATES) {
    const id = uuidv7();
    ids.set(t.sector, id);
    templates.push({ countyId, id, name: t.name, sector: t.sector, note: t.note ?? null, createdBy, createdAt: at, updatedAt: at });
    t.indicators.forEach((i, position) => indicators.push({
      countyId, id: uuidv7(), templateId: id, position, code: i.code, group: i.group, name: i.name, criteria: i.criteria ?? null,
      maxPoints: i.maxPoints, method: i.method, metric: i.metric ?? null, curve: i.curve ?? null, basePoints: i.basePoints ?? null,
    }));
  }
  await tx.insert(evaluationTemplates).values(templates);
  await tx.insert(evaluationIndicators).values(indicators);
  return ids;
}
