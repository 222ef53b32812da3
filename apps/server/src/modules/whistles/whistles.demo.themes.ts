// The demo's 吹哨报到 themes (cases.demo.ts seeds the whistles and the cases they were blown about).
import type { CaseCategory, CaseChannel, FieldReportKind } from '@jiceng/contract';
import type { DEPT_SHORT } from '../cases/cases.demo.js';

// ——— 吹哨报到: problems a township could not solve with its own offices ———

export interface WhistleTheme {
  township: string;
  village: string;
  title: string;
  place: string;
  description: string;
  months?: number[];
  results: Partial<Record<keyof typeof DEPT_SHORT, string>>;
  summary: string;
  /** the case the problem first came in as */
  case?: { channel: CaseChannel; report?: FieldReportKind; category?: CaseCategory; title: string; description: string; reply: string };
}

export const WHISTLE_THEMES: WhistleTheme[] = [
  {
    township: 'SFX-DF', village: 'SFX-DF-DF', title: '和平路老旧小区燃气管道锈蚀漏气隐患', place: '东风社区和平路18号至26号',
    description: '和平路老旧小区燃气立管多处锈蚀，居民多次反映楼道有燃气异味，涉及住户约120户，社区无力单独处置。',
    results: { ZJ: '已组织燃气公司对18至26号楼燃气立管逐户检测，更换锈蚀管段46米，加装燃气泄漏报警器32个。', GA: '消防救援大队到场开展燃气安全检查和宣传，督促清理楼道堆放杂物。' },
    summary: '经街道吹哨、住建和消防联合处置，锈蚀管段全部更换，燃气隐患消除。',
    case: { channel: 'gridReport', report: 'facilityDamage', title: '和平路22号楼道燃气异味', description: '网格员巡查发现和平路22号楼道有明显燃气异味，燃气立管锈蚀严重，已提醒居民开窗通风、禁止明火。', reply: '经街道吹哨，燃气公司已更换锈蚀管段并加装报警器，隐患已消除。' },
  },
  {
    township: 'SFX-DF', village: 'SFX-DF-DF', title: '东风大道夜市占道经营', place: '东风社区东风大道人民路口至建设路口', months: [5, 6, 7, 8, 9],
    description: '东风大道夜市摊点占用人行道和机动车道，油烟、噪音扰民，交通拥堵，居民投诉集中。',
    results: { ZJ: '城管执法中队划定临时摊区，清理越线摊点28个，规范营业时间至22时。', GA: '交警大队在路口设置临时交通管制和停车引导。', WJ: '对夜市餐饮摊点开展食品安全检查，督促12名从业人员办理健康证。' },
    summary: '夜市迁入划定摊区，定时定点经营，占道和扰民问题明显好转。',
    case: { channel: 'hotline:civility', category: 'other', title: '东风大道夜市油烟噪音扰民', description: '居民来电反映：东风大道夜市摊点占道经营，油烟和噪音持续到深夜，影响休息。', reply: '经街道吹哨，夜市已迁入划定摊区，限时经营，已电话告知反映人。' },
  },
  {
    township: 'SFX-DF', village: 'SFX-DF-HP', title: '人民路供水主管网漏水', place: '和平社区人民路与和平路交叉口',
    description: '人民路供水主管道破裂，路面持续冒水，周边约300户水压不足，需多部门协调抢修。',
    results: { ZJ: '供水公司连夜抢修，更换破损管段，次日凌晨恢复正常供水。', ZR: '当天完成道路开挖审批手续。', GA: '交警现场设置围挡、疏导交通。' },
    summary: '抢修完成，恢复正常供水，路面已修复。',
    case: { channel: 'gridReport', report: 'facilityDamage', title: '人民路路面冒水', description: '网格员发现人民路与和平路交叉口路面冒水，疑似供水管道破裂，周边居民反映水压不足。', reply: '经街道吹哨，供水公司已连夜抢修，恢复正常供水。' },
  },
  {
    township: 'SFX-DF', village: 'SFX-DF-JS', title: '建设路9号楼顶违章搭建', place: '建设社区建设路9号',
    description: '建设路9号一住户在楼顶违规搭建彩钢房约60平方米，存在安全隐患，邻居多次投诉，当事人拒不整改。',
    results: { ZR: '认定为未取得规划许可的违法建设，下达限期拆除通知书。', ZJ: '城管执法中队依法组织拆除彩钢房62平方米。', GA: '派出所民警到场维持秩序。' },
    summary: '违法建设已依法拆除，楼顶恢复原状。',
    case: { channel: 'hotline:civility', category: 'other', title: '建设路9号楼顶违章搭建', description: '居民来电反映：建设路9号楼顶有住户违规搭建彩钢房，担心安全隐患，多次劝说无效。', reply: '经街道吹哨，违章搭建已依法拆除，已电话告知反映人。' },
  },
  {
    township: 'SFX-DF', village: 'SFX-DF-XF', title: '幸福路餐饮店油烟直排扰民', place: '幸福社区幸福路36号至40号',
    description: '幸福路3家临街餐饮店未安装油烟净化设施，油烟直排居民楼，居民反映强烈。',
    results: { ZJ: '责令3家餐饮店限期加装油烟净化设施，并定期清洗。', WJ: '对餐饮店卫生许可和从业人员健康证进行检查。' },
    summary: '3家餐饮店已安装油烟净化器，居民满意。',
    case: { channel: 'hotline:civility', category: 'other', title: '幸福路餐饮油烟扰民', description: '居民来电反映：幸福路36号至40号几家餐馆油烟直排，窗户都不敢开。', reply: '经街道吹哨，3家餐饮店已安装油烟净化器，已回访反映人。' },
  },
  {
    township: 'SFX-DF', village: 'SFX-DF-HP', title: '和平社区老旧小区化粪池满溢', place: '和平社区建设路2号院', months: [4, 5, 6, 7, 8],
    description: '建设路2号院化粪池满溢，污水流到路面，臭味大，产权单位已撤销，无人管理。',
    results: { ZJ: '环卫部门派吸污车清掏化粪池，维修破损井盖。', WJ: '疾控中心对周边环境消杀，指导居民做好卫生防护。' },
    summary: '化粪池已清掏，纳入环卫定期清掏范围。',
    case: { channel: 'gridReport', report: 'uncleanAlley', title: '建设路2号院化粪池满溢', description: '网格员巡查发现建设路2号院化粪池满溢，污水流到路面，气味很大。', reply: '经街道吹哨，化粪池已清掏并纳入定期清掏。' },
  },
  {
    township: 'SFX-DF', village: 'SFX-DF-JS', title: '工农路废弃厂房安全隐患', place: '建设社区工农路原农机厂',
    description: '原农机厂废弃厂房墙体开裂，常有儿童进入玩耍，存在坍塌和治安隐患。',
    results: { ZJ: '对危险建筑设置围挡和警示标志，督促产权单位加固。', GA: '加强夜间巡逻，清理厂房内的流浪人员临时住所。', ZR: '核查土地权属，督促产权单位限期处置。' },
    summary: '厂房已封闭围挡，产权单位承诺年内拆除。',
    case: { channel: 'gridReport', report: 'incident', title: '工农路废弃厂房有儿童进入玩耍', description: '网格员发现工农路原农机厂废弃厂房有儿童进入玩耍，厂房墙体开裂，随时可能坍塌。', reply: '经街道吹哨，厂房已封闭围挡，已提醒家长看护好孩子。' },
  },
  {
    township: 'SFX-CG', village: 'SFX-CG-DM', title: '东门路菜市场周边流动摊贩占道经营', place: '东门社区东门路菜市场周边',
    description: '东门路菜市场周边流动摊贩占道经营，早晚高峰交通堵塞，垃圾随地丢弃。',
    results: { ZJ: '城管执法中队引导流动摊贩进入市场临时摊位，清理占道摊点35个。', GA: '交警在早晚高峰安排警力疏导交通。', WJ: '对市场周边熟食摊点开展食品安全检查。' },
    summary: '流动摊贩已入市经营，路面秩序恢复。',
    case: { channel: 'hotline:civility', category: 'other', title: '东门路菜市场周边占道经营', description: '居民来电反映：东门路菜市场门口摊贩占道，早上车都过不去。', reply: '经镇吹哨，流动摊贩已引导入市经营，已电话告知反映人。' },
  },
  {
    township: 'SFX-CG', village: 'SFX-CG-XJ', title: '西街老旧小区电线私拉乱接', place: '西街社区文化路5号院', months: [11, 12, 1, 2],
    description: '文化路5号院居民从楼上私拉电线给电动车充电，线路老化，存在火灾隐患。',
    results: { ZJ: '协调供电公司整改老化线路，在院内建设集中充电桩8个。', GA: '消防部门入户检查，劝导拆除飞线充电23处。' },
    summary: '飞线充电全部拆除，集中充电桩已投入使用。',
    case: { channel: 'gridReport', report: 'facilityDamage', title: '文化路5号院电动车飞线充电', description: '网格员巡查发现文化路5号院多户从楼上私拉电线给电动车充电，线路老化，存在火灾隐患。', reply: '经镇吹哨，飞线充电已拆除，院内集中充电桩已投入使用。' },
  },
  {
    township: 'SFX-CG', village: 'SFX-CG-XJ', title: '滨江路沿河垃圾堆积', place: '西街社区滨江路河堤',
    description: '滨江路河堤长期有人倾倒生活垃圾和建筑垃圾，雨天冲入河道，影响水质。',
    results: { ZJ: '环卫所清运沿河垃圾约8吨，增设垃圾桶10个。', NY: '排查上游养殖户，督促规范处理畜禽粪污。', ZR: '在河堤设置禁倒标识，纳入河长日常巡查。' },
    summary: '沿河垃圾已清运，纳入河长制常态化管护。',
    case: { channel: 'gridReport', report: 'uncleanAlley', title: '滨江路河堤垃圾堆积', description: '网格员巡查发现滨江路河堤堆积大量生活垃圾和建筑垃圾，部分已滑入河道。', reply: '经镇吹哨，沿河垃圾已清运，河堤设置了禁倒标识。' },
  },
  {
    township: 'SFX-CG', village: 'SFX-CG-HQ', title: '红旗村蔬菜基地农药包装废弃物乱丢', place: '红旗村蔬菜基地', months: [4, 5, 6, 7, 8, 9],
    description: '红旗村蔬菜基地周边田埂、沟渠散落大量农药瓶和包装袋，影响灌溉水质。',
    results: { NY: '设立农药包装废弃物回收点3处，对种植户开展培训。', WJ: '对周边饮用水源开展水质检测，结果合格。' },
    summary: '废弃物已集中回收，回收点常态化运行。',
  },
  {
    township: 'SFX-CG', village: 'SFX-CG-LS', title: '柳树村苗木基地违规占用耕地', place: '柳树村2组',
    description: '柳树村2组一苗木基地未经审批扩大种植范围，占用基本农田约4亩。',
    results: { ZR: '实地测量违规占用耕地4.2亩，下达整改通知书。', NY: '指导恢复耕种条件，落实耕地保护责任。', LY: '对需移栽的苗木进行技术指导。' },
    summary: '违规占用的耕地已恢复耕种。',
  },
  {
    township: 'SFX-HK', village: 'SFX-HK-YY', title: '渔洋河河道漂浮垃圾', place: '渔洋村渔洋河段', months: [5, 6, 7, 8, 9],
    description: '汛期过后渔洋河渔洋村段河面漂浮大量垃圾和水草，堵塞拦河坝泄洪口。',
    results: { NY: '督促沿河养殖户规范处理养殖废弃物。', ZJ: '组织打捞河面垃圾约5吨。', ZR: '将该河段纳入河长制日常巡查。' },
    summary: '河面垃圾已打捞清理，泄洪口恢复畅通。',
    case: { channel: 'gridReport', report: 'uncleanAlley', title: '渔洋河段河面漂浮垃圾', description: '网格员巡查发现渔洋河渔洋村段河面漂浮大量垃圾和水草，拦河坝泄洪口被堵。', reply: '经镇吹哨，河面垃圾已打捞清理。' },
  },
  {
    township: 'SFX-HK', village: 'SFX-HK-SH', title: '双河村生猪养殖场粪污直排', place: '双河村3组',
    description: '双河村3组一生猪养殖场粪污处理设施损坏，粪水直排入下游水沟，周边农户反映强烈。',
    results: { NY: '责令养殖场修复粪污处理设施，限期整改到位。', WJ: '对下游农户饮用水井抽检，水质达标。', ZR: '核查养殖用地手续，督促完善。' },
    summary: '粪污处理设施已修复，直排问题解决。',
    case: { channel: 'gridReport', report: 'incident', title: '双河村3组养殖场粪水流入水沟', description: '网格员巡查发现3组生猪养殖场粪水直排入下游水沟，气味很大，农户担心污染水井。', reply: '经镇吹哨，养殖场已修复粪污处理设施，下游水井水质检测合格。' },
  },
  {
    township: 'SFX-HK', village: 'SFX-HK-HK', title: '河口村河滩非法采砂', place: '河口村清江河滩',
    description: '河口村清江河滩有人夜间非法采砂，河岸出现坍塌，影响防洪安全。',
    results: { ZR: '查扣采砂设备2套，立案调查。', GA: '依法传唤涉事人员3名。', NY: '对河滩渔业资源受损情况进行评估。' },
    summary: '非法采砂已制止，涉事人员依法处理，河岸已修复。',
    case: { channel: 'hotline:publicSecurity', category: 'other', title: '河口村河滩夜间有人非法采砂', description: '村民来电反映：清江河滩连续几晚有人开挖掘机采砂，河岸已经开始垮塌。', reply: '经镇吹哨，非法采砂已制止，涉事人员已依法处理。' },
  },
  {
    township: 'SFX-HK', village: 'SFX-HK-XQ', title: '新桥村通组公路边坡塌方', place: '新桥村4组通组公路', months: [5, 6, 7, 8],
    description: '连续降雨导致新桥村4组通组公路边坡塌方，道路中断，30多户群众出行受阻。',
    results: { ZJ: '调派机械清理塌方土石，设置临时便道。', ZR: '对边坡进行地质灾害隐患评估，设立监测点。', GA: '交警设置警示标志，实行单向通行。' },
    summary: '塌方已清理，道路恢复通行，边坡纳入地灾监测。',
    case: { channel: 'gridReport', report: 'incident', title: '新桥村4组公路边坡塌方', description: '网格员报告：连续降雨导致4组通组公路边坡塌方，道路中断，已在两端设置警示。', reply: '经镇吹哨，塌方已清理，道路恢复通行。' },
  },
  {
    township: 'SFX-HK', village: 'SFX-HK-HK', title: '集镇安置房工地农民工讨薪', place: '河口镇集镇安置房项目工地', months: [12, 1],
    description: '集镇安置房项目工地20余名农民工因被拖欠工资聚集讨薪，情绪激动。',
    results: { RS: '劳动保障监察大队约谈施工方，督促3日内支付拖欠工资。', ZJ: '督促建设单位从农民工工资专户足额拨付。', GA: '派出所到场维持秩序，防止矛盾激化。', XF: '登记农民工诉求，跟踪督办到位。' },
    summary: '拖欠工资已全部支付到位，农民工满意。',
    case: { channel: 'hotline:laborSecurity', category: 'rights', title: '集镇安置房工地农民工讨薪', description: '村民来电反映：集镇安置房工地拖欠他们20多人三个月工资，包工头联系不上。', reply: '经镇吹哨，施工方已支付全部拖欠工资。' },
  },
  {
    township: 'SFX-QS', village: 'SFX-QS-QS', title: '青山村茶园周边山火隐患', place: '青山村5组至7组山林', months: [3, 4],
    description: '清明前后上坟祭扫和春耕烧荒集中，青山村茶园周边山林可燃物多，山火风险高。',
    results: { LY: '组织护林员加强巡山，清理林下可燃物，设置防火检查站2处。', GA: '开展野外用火宣传，严查上坟烧纸和烧荒。' },
    summary: '防火期间未发生山火，祭扫文明有序。',
  },
  {
    township: 'SFX-QS', village: 'SFX-QS-SM', title: '石门村2组山体滑坡隐患', place: '石门村2组', months: [5, 6, 7, 8, 9],
    description: '强降雨后石门村2组屋后山体出现裂缝，4户群众房屋受威胁。',
    results: { ZR: '组织专业人员勘查，设置监测点，划定危险区域。', ZJ: '评估受威胁房屋安全，建议搬迁避让。', MZ: '对受威胁的4户群众临时安置并发放生活救助。', GA: '派出所协助转移群众，在危险区域设置警戒。' },
    summary: '4户群众已安全转移，隐患点纳入地灾监测。',
    case: { channel: 'gridReport', report: 'incident', title: '石门村2组屋后山体出现裂缝', description: '网格员报告：强降雨后2组屋后山体出现多条裂缝，已通知附近4户群众暂时撤离。', reply: '经乡吹哨，4户群众已安全转移安置，隐患点已设监测。' },
  },
  {
    township: 'SFX-QS', village: 'SFX-QS-BG', title: '白果村古银杏树保护', place: '白果村3组',
    description: '白果村3组一株300多年的古银杏树根部被建房挖方破坏，树势衰弱。',
    results: { LY: '对古树进行抢救性复壮，设置保护围栏和标牌。', ZR: '核查古树周边建房用地，调整建房选址。', GA: '调查破坏古树行为，对当事人进行教育。' },
    summary: '古树已抢救复壮，纳入古树名木保护名录。',
  },
  {
    township: 'SFX-QS', village: 'SFX-QS-CY', title: '茶园村饮水工程管网漏水', place: '茶园村1组至3组',
    description: '茶园村饮水工程主管网多处漏水，1至3组近百户群众供水不正常。',
    results: { ZJ: '更换破损管道200米，恢复正常供水。', WJ: '对饮用水进行消毒和水质检测，结果合格。' },
    summary: '管网已修复，供水恢复正常，水质合格。',
    case: { channel: 'gridReport', report: 'facilityDamage', title: '茶园村1组自来水管道漏水', description: '网格员巡查发现1组饮水主管道多处漏水，1至3组群众反映水压不足、时有停水。', reply: '经乡吹哨，饮水管网已修复，供水恢复正常。' },
  },
  {
    township: 'SFX-QS', village: 'SFX-QS-QS', title: '青山村危旧房集中排查', place: '青山村',
    description: '汛期前青山村仍有部分土坯房无人居住或老人独居，存在倒塌风险，需鉴定并落实救助。',
    results: { ZJ: '对12户疑似危房进行鉴定，3户C级以上纳入改造计划。', MZ: '对其中2户困难老人落实临时救助和集中供养意愿。' },
    summary: '危旧房全部完成鉴定，独居老人已妥善安置。',
  },
];

