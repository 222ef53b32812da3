// 示范县's 便民服务事项: the items 篇三 names (民政、土管、城建、计生、劳动保障、林业、残联…; 代办 of 宅基地、
// 砍伐证、独生子女证) with the three handling tiers. Promised days are working days.
import { uuidv7 } from 'uuidv7';
import type { ServiceCategory, ServiceTier } from '@jiceng/contract';
import type { Tx } from '../../db/client.js';
import { serviceItems } from '../catalog/catalog.tables.js';

interface DemoItem {
  code: string; name: string; category: ServiceCategory; tier: ServiceTier; dept?: string; handler: string;
  days: number; conditions: string; materials: string[]; steps: string[];
}

const VILLAGE_PROXY = '村(社区)服务室受理，村干部代办';
export const DEMO_SERVICE_ITEMS: DemoItem[] = [
  { code: 'MZ-01', name: '城乡居民最低生活保障申请', category: 'civilAffairs', tier: 'county', dept: 'MZ', handler: '社会救助股', days: 20, conditions: '家庭人均收入低于本县最低生活保障标准，且家庭财产符合规定', materials: ['申请书', '户口簿', '身份证', '家庭收入及财产情况声明'], steps: [VILLAGE_PROXY, '乡镇入户调查、民主评议并公示', '县民政局审批'] },
  { code: 'MZ-02', name: '临时救助申请', category: 'civilAffairs', tier: 'township', handler: '民政专干', days: 5, conditions: '因意外事件、突发重大疾病等导致基本生活暂时出现严重困难', materials: ['申请书', '身份证', '相关证明材料'], steps: [VILLAGE_PROXY, '乡镇便民服务大厅审核', '发放救助金'] },
  { code: 'MZ-03', name: '高龄津贴申领', category: 'civilAffairs', tier: 'township', handler: '民政专干', days: 10, conditions: '本县户籍，年满80周岁', materials: ['身份证', '户口簿', '银行卡'], steps: [VILLAGE_PROXY, '乡镇审核', '按月发放'] },
  { code: 'RS-01', name: '城乡居民基本养老保险参保登记', category: 'socialSecurity', tier: 'village', handler: '村协理员', days: 0, conditions: '年满16周岁、不在校、未参加职工养老保险的城乡居民', materials: ['身份证', '户口簿'], steps: ['村(社区)服务室即时办理'] },
  { code: 'RS-02', name: '城乡居民养老保险待遇领取', category: 'socialSecurity', tier: 'township', handler: '劳动保障所', days: 5, conditions: '年满60周岁，累计缴费满15年', materials: ['身份证', '户口簿', '银行卡'], steps: [VILLAGE_PROXY, '乡镇劳动保障所审核', '县社保局核定'] },
  { code: 'RS-03', name: '就业失业登记', category: 'employment', tier: 'township', handler: '劳动保障所', days: 1, conditions: '法定劳动年龄内、有劳动能力和就业要求', materials: ['身份证', '近期照片'], steps: ['乡镇便民服务大厅受理', '当场或次日办结'] },
  { code: 'JS-01', name: '独生子女父母光荣证办理', category: 'familyPlanning', tier: 'township', handler: '计生办', days: 5, conditions: '符合政策的独生子女家庭', materials: ['夫妻双方身份证', '户口簿', '结婚证', '子女出生医学证明'], steps: [VILLAGE_PROXY, '乡镇计生办审核发证'] },
  { code: 'JS-02', name: '生育登记服务', category: 'familyPlanning', tier: 'village', handler: '计生专干', days: 0, conditions: '夫妻双方生育子女', materials: ['夫妻双方身份证', '结婚证'], steps: ['村(社区)服务室即时登记'] },
  { code: 'WJ-01', name: '城乡居民医疗保险参保缴费', category: 'health', tier: 'village', handler: '村协理员', days: 0, conditions: '未参加职工医保的城乡居民', materials: ['身份证或户口簿'], steps: ['村(社区)服务室代收代缴'] },
  { code: 'ZR-01', name: '农村宅基地建房审批', category: 'land', tier: 'county', dept: 'ZR', handler: '村镇规划股', days: 20, conditions: '本村集体经济组织成员，一户一宅，符合村庄规划', materials: ['建房申请表', '户口簿', '身份证', '村民会议同意意见', '建房图纸'], steps: [VILLAGE_PROXY, '乡镇国土所实地踏勘', '县自然资源局审批'] },
  { code: 'LY-01', name: '林木采伐许可证核发', category: 'land', tier: 'county', dept: 'LY', handler: '林政股', days: 10, conditions: '自留山、承包林地内的林木，采伐限额内', materials: ['采伐申请', '林权证', '身份证'], steps: [VILLAGE_PROXY, '乡镇林业站伐区调查', '县林业局核发'] },
  { code: 'ZJ-01', name: '农村危房改造申请', category: 'housing', tier: 'county', dept: 'ZJ', handler: '村镇建设股', days: 30, conditions: '住房鉴定为C、D级危房的低保户、分散供养特困人员等', materials: ['申请书', '户口簿', '身份证', '房屋照片'], steps: [VILLAGE_PROXY, '乡镇评议公示', '县住建局鉴定审批'] },
  { code: 'CL-01', name: '残疾人证办理', category: 'disability', tier: 'county', dept: 'CL', handler: '康复部', days: 15, conditions: '符合残疾标准的本县户籍人员', materials: ['身份证', '户口簿', '近期照片', '评残医院鉴定表'], steps: [VILLAGE_PROXY, '指定医院评定', '县残联审核发证'] },
  { code: 'CL-02', name: '困难残疾人生活补贴申请', category: 'disability', tier: 'township', handler: '残联专干', days: 10, conditions: '持证的低保家庭残疾人', materials: ['残疾人证', '身份证', '银行卡'], steps: [VILLAGE_PROXY, '乡镇审核', '县残联复核发放'] },
  { code: 'NY-01', name: '耕地地力保护补贴申报', category: 'agriculture', tier: 'village', handler: '村协理员', days: 0, conditions: '承包耕地的农户', materials: ['身份证', '承包经营权证', '一卡通'], steps: ['村(社区)服务室登记', '乡镇农业服务中心汇总'] },
  { code: 'GA-01', name: '居民身份证换领(代办)', category: 'household', tier: 'county', dept: 'GA', handler: '户政大队', days: 15, conditions: '身份证有效期满或损坏', materials: ['原身份证', '户口簿'], steps: ['派出所采集照片', '县公安局制证', '村干部代领代送'] },
  { code: 'GA-02', name: '居住证申领(代办)', category: 'household', tier: 'county', dept: 'GA', handler: '户政大队', days: 15, conditions: '离开常住户口所在地，在本县居住半年以上，有合法稳定就业、合法稳定住所或连续就读', materials: ['居民身份证', '近期一寸照片', '居住地住址证明(房屋租赁合同、房产证等)', '就业或就读证明'], steps: [VILLAGE_PROXY, '派出所受理审核', '县公安局制证，村干部代领代送'] },
  { code: 'DB-01', name: '生产生活物资代购代销', category: 'proxy', tier: 'village', handler: '村代办员', days: 3, conditions: '本村村民，尤其是困难群体', materials: ['代购清单'], steps: ['村(社区)服务室登记', '村代办员代购', '送货上门'] },
  { code: 'WQ-01', name: '劳动报酬争议调解(维权)', category: 'rights', tier: 'township', handler: '司法所', days: 15, conditions: '与用人单位发生劳动报酬争议', materials: ['身份证', '劳动关系证明', '欠薪证据'], steps: ['乡镇便民服务大厅受理', '司法所、劳动保障所联合调解', '调解不成引导仲裁'] },
  { code: 'WQ-02', name: '土地承包纠纷调处(维权)', category: 'rights', tier: 'township', handler: '农村经营管理站', days: 20, conditions: '农村土地承包经营纠纷', materials: ['申请书', '承包合同或证明'], steps: ['村调委会先行调解', '乡镇调处'] },
];

/** What residents call the items (searched by the guide with the names): 低保, 医保, 宅基地, 暂住证… */
export const DEMO_ITEM_ALIASES: Record<string, string[]> = {
  'MZ-01': ['低保', '最低生活保障', '吃低保'],
  'MZ-02': ['临时救助', '救急'],
  'MZ-03': ['高龄补贴', '老年人补贴'],
  'RS-01': ['养老保险', '社保', '新农保', '参保'],
  'RS-02': ['养老金', '领养老金'],
  'RS-03': ['失业登记', '就业登记', '找工作'],
  'JS-01': ['独生子女证', '光荣证'],
  'JS-02': ['准生证', '生育服务证'],
  'WJ-01': ['医保', '新农合', '合作医疗'],
  'ZR-01': ['宅基地', '建房', '盖房子'],
  'LY-01': ['砍伐证', '采伐证', '砍树'],
  'ZJ-01': ['危房改造', '危改'],
  'CL-01': ['残疾证'],
  'CL-02': ['残疾补贴', '两项补贴'],
  'NY-01': ['种粮补贴', '耕地补贴'],
  'GA-01': ['身份证', '换身份证'],
  'GA-02': ['暂住证'],
  'DB-01': ['代购', '代办'],
  'WQ-01': ['讨薪', '欠薪', '工资'],
  'WQ-02': ['土地纠纷'],
};

export async function seedCatalog(tx: Tx, countyId: string, deptIds: Map<string, string>): Promise<number> {
  await tx.insert(serviceItems).values(DEMO_SERVICE_ITEMS.map((i) => ({
    countyId, id: uuidv7(), code: i.code, name: i.name, aliases: DEMO_ITEM_ALIASES[i.code] ?? [], category: i.category, tier: i.tier,
    departmentId: i.dept ? deptIds.get(i.dept)! : null, handler: i.handler, contactPhone: null,
    conditions: i.conditions, materials: i.materials, steps: i.steps, promisedDays: i.days, published: true,
  })));
  return DEMO_SERVICE_ITEMS.length;
}
