/**
 * Geography and local colour of 示范县's 16 villages and communities: a block on the map per village
 * (lon, lat of the south-west corner, width and height in degrees) around a county seat near
 * 111.30°E 30.70°N, the number of grids, streets of communities and the village's main product.
 */
export interface VillagePlace {
  /** short name: 青山村, 东风社区 */
  name: string;
  lon: number;
  lat: number;
  w: number;
  h: number;
  grids: number;
  /** community streets for addresses (东风社区和平路8号2单元301) */
  streets?: string[];
  /** main product of a rural village (cooperative, industry association, collective economy) */
  product?: string;
  /** households per grid: overrides of the default draw (grid index → count), to show the size flag */
  sizes?: Record<number, number>;
}

export const VILLAGE_PLACES: Record<string, VillagePlace> = {
  // 城关镇: two communities at the county seat, two rural villages beside it
  'SFX-CG-DM': { name: '东门社区', lon: 111.292, lat: 30.698, w: 0.008, h: 0.006, grids: 4, streets: ['东门路', '解放路', '仓前街'] },
  'SFX-CG-XJ': { name: '西街社区', lon: 111.301, lat: 30.698, w: 0.008, h: 0.006, grids: 3, streets: ['西街', '文化路', '滨江路'] },
  'SFX-CG-HQ': { name: '红旗村', lon: 111.262, lat: 30.712, w: 0.028, h: 0.022, grids: 4, product: '蔬菜', sizes: { 3: 47 } },
  'SFX-CG-LS': { name: '柳树村', lon: 111.312, lat: 30.712, w: 0.026, h: 0.02, grids: 3, product: '苗木' },
  // 青山乡: hills to the west (tea, citrus, ginkgo)
  'SFX-QS-QS': { name: '青山村', lon: 111.17, lat: 30.745, w: 0.035, h: 0.028, grids: 4, product: '茶叶' },
  'SFX-QS-SM': { name: '石门村', lon: 111.208, lat: 30.745, w: 0.03, h: 0.026, grids: 3, product: '柑橘', sizes: { 2: 43 } },
  'SFX-QS-BG': { name: '白果村', lon: 111.17, lat: 30.714, w: 0.032, h: 0.028, grids: 4, product: '银杏' },
  'SFX-QS-CY': { name: '茶园村', lon: 111.205, lat: 30.716, w: 0.03, h: 0.026, grids: 3, product: '茶叶' },
  // 河口镇: along the river to the south-east
  'SFX-HK-HK': { name: '河口村', lon: 111.38, lat: 30.65, w: 0.034, h: 0.026, grids: 4, product: '水产', sizes: { 0: 106 } },
  'SFX-HK-SH': { name: '双河村', lon: 111.418, lat: 30.652, w: 0.03, h: 0.024, grids: 3, product: '生猪' },
  'SFX-HK-XQ': { name: '新桥村', lon: 111.38, lat: 30.62, w: 0.032, h: 0.027, grids: 3, product: '蔬菜' },
  'SFX-HK-YY': { name: '渔洋村', lon: 111.416, lat: 30.622, w: 0.03, h: 0.026, grids: 3, product: '水产' },
  // 东风街道: the new town south-east of the seat
  'SFX-DF-DF': { name: '东风社区', lon: 111.31, lat: 30.688, w: 0.009, h: 0.007, grids: 5, streets: ['和平路', '东风大道', '人民路'], sizes: { 1: 118 } },
  'SFX-DF-HP': { name: '和平社区', lon: 111.32, lat: 30.688, w: 0.008, h: 0.007, grids: 3, streets: ['和平路', '建设路'] },
  'SFX-DF-XF': { name: '幸福社区', lon: 111.31, lat: 30.68, w: 0.009, h: 0.007, grids: 3, streets: ['幸福路', '园林路'] },
  'SFX-DF-JS': { name: '建设社区', lon: 111.32, lat: 30.68, w: 0.008, h: 0.007, grids: 3, streets: ['建设路', '工农路', '新华街'] },
};

/** 131n gaps on purpose, so the "missing" hint shows: village code → body kinds it lacks. */
export const MISSING_BODIES: Record<string, string[]> = {
  'SFX-CG-LS': ['supervisionCommittee'],
  'SFX-DF-JS': ['deliberationCouncil'],
};

/** Villages with a 第一书记 sent from a county organ (org code of the sending branch). */
export const FIRST_SECRETARIES: Record<string, string> = {
  'SFX-QS-SM': 'SFX-JG-MZ',
  'SFX-QS-BG': 'SFX-JG-RS',
  'SFX-HK-YY': 'SFX-JG-GT',
  'SFX-HK-XQ': 'SFX-JG-YZ',
  'SFX-CG-LS': 'SFX-JG-MZ',
};

/** Members of non-village branches (county organs, township organ, enterprise, social org). */
export const OTHER_BRANCH_MEMBERS: Record<string, number> = {
  'SFX-JG-MZ': 9, 'SFX-JG-RS': 8, 'SFX-JG-YZ': 12, 'SFX-JG-GT': 10, 'SFX-CG-JG': 9, 'SFX-HK-HD': 7, 'SFX-HK-XH': 5,
};

export const FLOATING_DESTINATIONS = [
  '广东省深圳市', '广东省东莞市', '广东省广州市', '浙江省杭州市', '浙江省宁波市', '上海市浦东新区', '江苏省苏州市', '湖北省武汉市', '福建省厦门市', '北京市朝阳区',
];

export const POSTED_TITLES = ['政策宣传员', '环境监督员', '矛盾调解员', '治安巡逻员', '文明劝导员', '帮扶联络员', '产业指导员', '民意收集员', '安全生产监督员'];

export const DISABILITIES = ['肢体三级', '肢体二级', '肢体四级', '视力二级', '视力三级', '听力四级', '听力三级', '言语三级', '智力三级', '精神二级', '多重一级'];

/** 结对共建 (party org), 结对帮扶 (department), 村企结对 (enterprise) — the partner by org code, department code or name. */
export const DEMO_PAIRINGS: {
  village: string;
  kind: 'coBuilding' | 'assistance' | 'enterpriseVillage';
  org?: string;
  department?: string;
  enterprise?: string;
  purpose: string;
  startedOn: string;
  endedOn?: string;
}[] = [
  { village: 'SFX-QS-QS', kind: 'coBuilding', org: 'SFX-JG-MZ', purpose: '支部联建：共办主题党日，协助完善村便民服务室“十个一”', startedOn: '2024-03-01' },
  { village: 'SFX-QS-SM', kind: 'coBuilding', org: 'SFX-JG-RS', purpose: '就业信息进村、农村劳动力技能培训', startedOn: '2024-03-01' },
  { village: 'SFX-DF-DF', kind: 'coBuilding', org: 'SFX-JG-YZ', purpose: '“四点半课堂”、关爱留守儿童志愿服务', startedOn: '2023-09-01' },
  { village: 'SFX-HK-HK', kind: 'coBuilding', org: 'SFX-JG-GT', purpose: '农网改造、党员电力服务队进村', startedOn: '2024-01-10' },
  { village: 'SFX-CG-HQ', kind: 'coBuilding', org: 'SFX-JG-GT', purpose: '村级光伏电站建设', startedOn: '2021-03-01', endedOn: '2023-12-31' },
  { village: 'SFX-QS-BG', kind: 'assistance', department: 'MZ', purpose: '困难群众救助、特困供养对象走访', startedOn: '2024-01-15' },
  { village: 'SFX-QS-CY', kind: 'assistance', department: 'NY', purpose: '茶叶产业提质增效、病虫害统防统治', startedOn: '2023-04-01' },
  { village: 'SFX-HK-YY', kind: 'assistance', department: 'WJ', purpose: '家庭医生签约、慢病随访进村', startedOn: '2024-05-01' },
  { village: 'SFX-CG-LS', kind: 'assistance', department: 'CL', purpose: '残疾人康复服务与就业帮扶', startedOn: '2024-02-20' },
  { village: 'SFX-HK-SH', kind: 'enterpriseVillage', enterprise: '宏达建材有限公司', purpose: '吸纳村民就近就业，捐建通组公路', startedOn: '2023-05-01' },
  { village: 'SFX-QS-QS', kind: 'enterpriseVillage', enterprise: '青山生态茶业有限公司', purpose: '茶叶订单收购、保底价收购', startedOn: '2022-04-01' },
  { village: 'SFX-HK-XQ', kind: 'enterpriseVillage', enterprise: '鑫源冷链物流有限公司', purpose: '蔬菜冷链仓储与销售对接', startedOn: '2024-06-01' },
];
