// The demo's residents' requests (cases.demo.ts plays them through the case state machine): the catalog items
// and the everyday requests of 示范县, with realistic words.
import type { CaseCategory, CaseChannel, CaseMode, FieldReportKind } from '@jiceng/contract';
import type { Rng } from '../demo/demo.random.js';
import type { DEPT_SHORT, GridInfo, Hh, Person, Village } from './cases.demo.js';

// ——— what residents ask for: the catalog items and the everyday requests, with realistic words ———

export interface Ctx {
  rng: Rng;
  v: Village;
  h: Hh | null;
  p: (Person & { age: number }) | null;
  g: GridInfo;
  channel: CaseChannel;
  day: string;
  month: number;
  year: number;
  /** a place in the grid: 青山村3组 / 和平路 */
  spot: string;
  street: string;
}

export type Modes = readonly (readonly [CaseMode, number])[];
export type Target = 'township' | keyof typeof DEPT_SHORT;

export interface Story {
  title: string;
  description: string;
  /** the resident's own words, for a portal (web) or Open311 request */
  self?: string;
  /** chance of an answer on the spot (即办) at the counter, and on the phone */
  instant?: number;
  instantPhone?: number;
  modes: Modes;
  reply: Partial<Record<CaseMode, string>>;
  forward?: { p: number; to: Target[]; notes: string[]; modes: Modes; reply: Partial<Record<CaseMode, string>> };
  /** chance of a pause for the resident's papers */
  wait?: number;
  waitNote?: string;
  requester?: boolean;
}

export interface Template {
  key: string;
  item?: string;
  category?: CaseCategory;
  report?: FieldReportKind;
  weight: number | ((v: Village) => number);
  season?: (month: number) => number;
  channels: Partial<Record<CaseChannel, number>>;
  /** the resident concerned (and their household); none: a place, not a person */
  who?: (p: Person & { age: number }, h: Hh) => boolean;
  story: (c: Ctx) => Story;
}

export const has = (h: Hh, tag: string) => h.tags.includes(tag);
export const adult = (p: { age: number }) => p.age >= 18;
export const pick = <T>(c: Ctx, xs: readonly T[]) => c.rng.pick(xs);
export const villageWord = (c: Ctx) => (c.v.rural ? '村' : '社区');

export const TEMPLATES: Template[] = [
  // —— 村(社区)服务室即办 ——
  {
    key: 'RS-01', item: 'RS-01', weight: 5, season: (m) => (m <= 4 ? 1.8 : m >= 11 ? 1.2 : 0.7),
    channels: { walkIn: 72, phone: 8, 'hotline:laborSecurity': 10, web: 9, open311: 5 },
    who: (p) => p.age >= 16 && p.age < 60,
    story: (c) => {
      const p = c.p!;
      const grade = pick(c, [200, 300, 500, 1000, 2000]);
      const why = pick(c, ['外出务工返乡后一直没有参保', '已离校未就业', '原单位的职工养老保险已经中断', '以前没有参保，听了政策宣讲后想参加']);
      return {
        title: `${p.name}城乡居民养老保险参保登记`,
        description: `${p.name}（${p.age}岁）${why}，申请参加城乡居民基本养老保险，选择每年${grade}元缴费档次。`,
        self: `我${why}，想参加城乡居民养老保险，准备选每年${grade}元的档次，请问要带哪些材料？`,
        instant: 0.85, instantPhone: 0.3,
        modes: [['direct', 92], ['explained', 8]],
        reply: {
          direct: `已核对身份证、户口簿，办理参保登记，缴费档次每年${grade}元，已告知通过社保卡银行账户代扣及每年的缴费时间。`,
          explained: `经系统查询，${p.name}已参加企业职工养老保险，不能重复参加城乡居民养老保险，已解释政策并告知可办理关系转移接续。`,
        },
      };
    },
  },
  {
    key: 'JS-02', item: 'JS-02', weight: 2.2,
    channels: { walkIn: 55, 'hotline:familyPlanning': 25, phone: 8, web: 12 },
    who: (p) => !p.male && p.age >= 21 && p.age <= 40 && (p.relation === 'spouse' || p.relation === 'head'),
    story: (c) => {
      const p = c.p!;
      const weeks = c.rng.int(6, 20);
      const nth = pick(c, ['一', '二', '二', '三']);
      return {
        title: `${p.name}生育登记`,
        description: `${p.name}（${p.age}岁）怀孕约${weeks}周，系第${nth}孩，${c.channel === 'walkIn' ? '夫妻双方携身份证、结婚证到服务室' : '来电'}办理生育登记。`,
        self: `我怀孕${weeks}周了，是第${nth}个孩子，想办理生育登记，需要准备什么材料？`,
        instant: 0.9, instantPhone: 0.5,
        modes: [['direct', 100]],
        reply: { direct: `已为${p.name}夫妇办理生育登记并录入系统，告知免费孕前检查、孕产妇健康管理和生育津贴政策，提醒按时产检。` },
      };
    },
  },
  {
    key: 'WJ-01', item: 'WJ-01', weight: 6.5, season: (m) => (m >= 9 ? 3.5 : m <= 2 ? 1.2 : 0.25),
    channels: { walkIn: 74, phone: 14, web: 12 },
    who: (p) => p.relation === 'head',
    story: (c) => {
      const h = c.h!;
      const paid = c.month >= 9 ? c.year + 1 : c.year;
      const n = h.people.length;
      const whom = n === 1 ? '本人' : `全家${n}口人`;
      return {
        title: `${h.head}户${paid}年度城乡居民医保缴费`,
        description: c.rng.chance(0.8)
          ? `${h.head}为${whom}缴纳${paid}年度城乡居民基本医疗保险费。`
          : `${h.head}长期在外务工，委托村代办员代缴${whom}${paid}年度城乡居民医保费。`,
        self: `想给${n === 1 ? '自己' : `全家${n}口人`}交${paid}年度的城乡居民医保，现在能交吗？需要带什么？`,
        instant: 0.92, instantPhone: 0.6,
        modes: c.channel === 'walkIn' ? [['direct', 100]] : [['direct', 45], ['explained', 55]],
        reply: {
          direct: `已代收代缴${n}人${paid}年度城乡居民医保费，出具缴费凭证，参保信息核对无误。`,
          explained: `已告知${paid}年度城乡居民医保集中缴费期为上年9月至12月，可通过手机“楚税通”缴费，或带户口簿到服务室代缴。`,
        },
      };
    },
  },
  {
    key: 'NY-01', item: 'NY-01', weight: (v) => (v.rural ? 3 : 0), season: (m) => (m >= 3 && m <= 5 ? 4 : 0.2),
    channels: { walkIn: 85, phone: 15 },
    who: (p) => p.relation === 'head',
    story: (c) => {
      const h = c.h!;
      const mu = (c.rng.int(12, 80) / 10).toFixed(1);
      return {
        title: `${h.head}户${c.year}年耕地地力保护补贴申报`,
        description: `${h.head}户承包耕地${mu}亩，申报${c.year}年度耕地地力保护补贴，核对承包面积和惠农“一卡通”账号。`,
        instant: 0.8, instantPhone: 0,
        modes: [['direct', 100]],
        reply: { direct: `已核对承包面积${mu}亩及“一卡通”账号并登记，汇总报乡镇农业服务中心，补贴资金统一打卡发放。` },
      };
    },
  },
  {
    key: 'DB-01', item: 'DB-01', weight: (v) => (v.rural ? 4.5 : 1.2),
    channels: { walkIn: 45, phone: 45, 'hotline:partyService': 10 },
    who: (p, h) => p.age >= 60 || has(h, 'needy') || has(h, 'disabled') || has(h, 'emptyNest'),
    story: (c) => {
      const p = c.p!;
      const h = c.h!;
      const product = c.v.place.product;
      const situation = has(h, 'emptyNest') ? '空巢老人' : has(h, 'disabled') ? '残疾家庭' : has(h, 'needy') ? '困难家庭' : '子女在外务工';
      if (product && c.rng.chance(0.35)) {
        const qty = product === '生猪' ? `${c.rng.int(2, 6)}头` : `${c.rng.int(3, 40) * 10}斤`;
        const buyer = product === '茶叶' ? '青山生态茶业有限公司' : product === '蔬菜' ? '鑫源冷链物流有限公司' : `${c.v.short}${product}专业合作社`;
        return {
          title: `${p.name}委托代销${product}`,
          description: `${p.name}（${p.age}岁，${situation}）家有${product}约${qty}待售，自己联系不到买家，委托村代办员代销。`,
          modes: [['direct', 85], ['promised', 15]],
          reply: {
            direct: `已联系${buyer}上门收购${product}${qty}，按当日市场价结算，货款当场付给本人。`,
            promised: `已登记代销需求，${buyer}本周集中收购时一并上门收购，代办员全程陪同过秤结算。`,
          },
        };
      }
      const m = c.month;
      const goods = pick(c, [
        ...(m >= 2 && m <= 5 ? ['复合肥4袋', '玉米种子5斤', '水稻种子3斤', '地膜2卷'] : []),
        ...(m >= 6 && m <= 8 ? ['防治稻飞虱的农药2瓶', '电风扇一台', '蚊帐两顶'] : []),
        ...(m >= 9 && m <= 11 ? ['油菜种子2斤', '小麦种子10斤', '电热毯一床'] : []),
        ...(m === 12 || m === 1 ? ['年货（米、油、腊肉）', '取暖器一台', '春联和年画'] : []),
        '常用降压药（已带处方）', '老花镜一副', '液化气一罐', '手机话费充值',
      ]);
      return {
        title: `${p.name}委托代购${goods}`,
        description: `${p.name}（${p.age}岁，${situation}）行动不便，委托村代办员代购${goods}并送货上门。`,
        modes: [['direct', 80], ['promised', 20]],
        reply: {
          direct: `村代办员已代购${goods}并送货上门，费用${c.rng.int(3, 60) * 10}元凭票据按实结算。`,
          promised: `已登记代购需求，村代办员赶集时统一代购，送货上门。`,
        },
      };
    },
  },
  // —— 乡镇事项，村干部代办 ——
  {
    key: 'MZ-02', item: 'MZ-02', weight: 2,
    channels: { walkIn: 60, 'hotline:civilAffairs': 20, phone: 10, web: 10 },
    who: (p, h) => adult(p) && p.relation === 'head' && (has(h, 'needy') || has(h, 'disabled') || p.age >= 60),
    story: (c) => {
      const p = c.p!;
      const i = c.rng.int(0, 3);
      const cause = ['因突发脑溢血住院，自付医疗费用较高', '家中房屋遭雷击起火，部分家具被毁', '家中主要劳动力务工受伤，暂无收入', '患重病需长期治疗，医疗支出大'][i]!;
      const selfCause = ['老伴突发脑溢血住院，花了很多钱', '房子遭雷击起火，家具烧坏了', '儿子在工地受伤，家里没有收入了', '我得了重病要长期治疗'][i]!;
      const amount = c.rng.int(2, 10) * 500;
      return {
        title: `${p.name}临时救助申请`,
        description: `${p.name}（${p.age}岁）${cause}，家庭生活暂时出现严重困难，申请临时救助。`,
        self: `${selfCause}，生活很困难，想申请临时救助，该怎么办？`,
        modes: [['promised', 80], ['explained', 20]],
        reply: {
          promised: `已入户核实情况，代填申请书并收齐身份证、病历等材料，报乡镇民政办审核，审核结果5个工作日内告知。`,
          explained: `经入户核实，家庭人均收入高于临时救助标准，已当面解释政策，并介绍医疗救助、大病保险报销等渠道。`,
        },
        forward: {
          p: 0.45, to: ['township'], notes: ['材料已收齐并入户核实，转乡镇民政办审核。'],
          modes: [['direct', 85], ['explained', 15]],
          reply: {
            direct: `经乡镇审核，同意给予临时救助${amount}元，已通过“一卡通”发放到位。`,
            explained: `经乡镇审核，申请人家庭已纳入低保并享受医疗救助，本次不再重复给予临时救助，已当面解释。`,
          },
        },
        wait: 0.12, waitNote: '请申请人补充住院费用清单和诊断证明。',
      };
    },
  },
  {
    key: 'MZ-03', item: 'MZ-03', weight: 1.8,
    channels: { walkIn: 70, phone: 15, web: 15, open311: 6 },
    who: (p) => p.age >= 80,
    story: (c) => {
      const p = c.p!;
      return {
        title: `${p.name}高龄津贴申领`,
        description: `${p.name}老人今年${p.age}周岁，家属持身份证、户口簿和银行卡代为申请高龄津贴。`,
        self: `家里老人今年${p.age}岁了，想申请高龄津贴，需要什么材料？`,
        modes: [['promised', 95], ['explained', 5]],
        reply: {
          promised: '已代收身份证、户口簿复印件和银行卡信息，报乡镇民政办审核，审核通过后次月起按月发放。',
          explained: `经核对户籍，${p.name}户籍不在本县，不符合本县高龄津贴申领条件，已解释并告知到户籍地申领。`,
        },
        forward: { p: 0.15, to: ['township'], notes: ['材料齐全，转乡镇民政办审核。'], modes: [['direct', 100]], reply: { direct: '经审核符合条件，自次月起按月发放高龄津贴。' } },
        wait: 0.08, waitNote: '请家属补交老人的银行卡复印件。',
      };
    },
  },
  {
    key: 'RS-02', item: 'RS-02', weight: 1.6,
    channels: { walkIn: 75, 'hotline:laborSecurity': 15, phone: 10 },
    who: (p) => p.age >= 59 && p.age <= 61,
    story: (c) => {
      const p = c.p!;
      const years = c.rng.int(11, 19);
      return {
        title: `${p.name}城乡居民养老保险待遇领取`,
        description: `${p.name}已年满60周岁，城乡居民养老保险累计缴费${years}年，申请按月领取养老金。`,
        modes: years >= 15 ? [['promised', 100]] : [['explained', 100]],
        reply: {
          promised: '已代为提交待遇领取申请，报乡镇劳动保障所审核、县社保局核定，预计下月起按月发放到社保卡。',
          explained: `经查，${p.name}累计缴费${years}年，不足15年，已告知可一次性补缴差额后再申领待遇。`,
        },
        forward: years >= 15
          ? { p: 0.15, to: ['township'], notes: ['材料齐全，转乡镇劳动保障所审核。'], modes: [['direct', 100]], reply: { direct: '经乡镇劳动保障所审核、县社保局核定，自次月起按月发放养老金。' } }
          : undefined,
        wait: 0.08, waitNote: '请申请人补交社保卡复印件。',
      };
    },
  },
  {
    key: 'RS-03', item: 'RS-03', weight: 1.2,
    channels: { walkIn: 60, 'hotline:laborSecurity': 25, web: 15 },
    who: (p, h) => p.age >= 20 && p.age <= 55 && (has(h, 'unemployed') || p.age <= 45),
    story: (c) => {
      const p = c.p!;
      const company = pick(c, ['县城一家服装厂', '宏达建材有限公司', '广东东莞一家电子厂', '县城一家超市', '鑫源冷链物流有限公司']);
      const reason = pick(c, ['企业减员被辞退', '劳动合同到期未续签', '返乡照顾老人后辞职']);
      const job = pick(c, ['电工', '驾驶员', '保洁', '家政服务', '餐饮服务', '仓储物流']);
      return {
        title: `${p.name}就业失业登记`,
        description: `${p.name}（${p.age}岁）原在${company}工作，${reason}，申请办理失业登记，求职意向：${job}。`,
        self: `我原来在${company}上班，${reason}，想办失业登记，也想找份${job}的工作。`,
        modes: [['promised', 90], ['direct', 10]],
        reply: {
          promised: `已代为提交失业登记申请，报乡镇劳动保障所办理，并登记求职意向，后续推送${job}类岗位信息。`,
          direct: `已办理失业登记，推荐${job}岗位2个，告知免费职业技能培训报名方式。`,
        },
        forward: {
          p: 0.2, to: ['township'], notes: ['转乡镇劳动保障所办理失业登记。'], modes: [['direct', 100]],
          reply: { direct: `已办理失业登记，推荐参加县人社局“春风行动”招聘会，并推送3个${job}岗位。` },
        },
        wait: 0.05, waitNote: '请申请人补交原单位解除劳动合同的证明。',
      };
    },
  },
  {
    key: 'JS-01', item: 'JS-01', weight: 0.5,
    channels: { walkIn: 70, 'hotline:familyPlanning': 30 },
    who: (p) => p.relation === 'head' && p.age >= 30 && p.age <= 55,
    story: (c) => {
      const p = c.p!;
      return {
        title: `${p.name}夫妇独生子女父母光荣证办理`,
        description: `${p.name}夫妇只生育一个子女，申请办理独生子女父母光荣证。`,
        modes: [['promised', 85], ['explained', 15]],
        reply: {
          promised: '已代收结婚证、户口簿、子女出生医学证明，报乡镇计生办审核发证，办好后由村干部代领送达。',
          explained: '经核实，该家庭现有两个子女，不符合办理条件，已解释政策。',
        },
        forward: { p: 0.15, to: ['township'], notes: ['材料齐全，转乡镇计生办审核发证。'], modes: [['direct', 100]], reply: { direct: '经审核符合条件，已制发独生子女父母光荣证，由村干部代领送达。' } },
        wait: 0.1, waitNote: '请申请人补交子女出生医学证明复印件。',
      };
    },
  },
  {
    key: 'CL-02', item: 'CL-02', weight: 0.8,
    channels: { walkIn: 70, 'hotline:civilAffairs': 30 },
    who: (p, h) => has(h, 'disabled') && p.relation === 'head',
    story: (c) => {
      const p = c.p!;
      return {
        title: `${p.name}家困难残疾人生活补贴申请`,
        description: `${p.name}家为${has(c.h!, 'needy') ? '低保家庭' : '困难家庭'}，家庭成员持有残疾人证，申请困难残疾人生活补贴。`,
        modes: [['promised', 100]],
        reply: { promised: '已代收残疾人证、身份证和银行卡信息，报乡镇残联专干审核，县残联复核后按月发放。' },
        forward: {
          p: 0.3, to: ['township'], notes: ['转乡镇残联专干审核。'], modes: [['direct', 100]],
          reply: { direct: '经乡镇审核、县残联复核，符合条件，自次月起按月发放困难残疾人生活补贴。' },
        },
      };
    },
  },
  {
    key: 'WQ-01', item: 'WQ-01', weight: 1.5,
    channels: { walkIn: 40, 'hotline:laborSecurity': 35, phone: 15, web: 10 },
    who: (p) => p.age >= 20 && p.age <= 58,
    story: (c) => {
      const p = c.p!;
      const employer = pick(c, ['县城一处建筑工地', '宏达建材有限公司', '一家物流公司', '县城一家餐馆', '一支装修队', '一家茶叶加工厂']);
      const months = c.rng.int(2, 10);
      const amount = c.rng.int(18, 180) * 100;
      return {
        title: `${p.name}追讨被拖欠工资`,
        description: `${p.name}（${p.age}岁）在${employer}务工${months}个月，被拖欠工资${amount}元，多次讨要未果，请求帮助维权。`,
        self: `我在${employer}干了${months}个月，老板还欠我${amount}元工资一直不给，请帮忙讨薪。`,
        modes: [['promised', 70], ['explained', 30]],
        reply: {
          promised: '已联系用工方负责人，约定3日内到村委会协商，协商结果及时告知申请人。',
          explained: '已告知劳动报酬争议的调解和仲裁程序，协助整理劳动关系证明和欠薪证据，引导向乡镇司法所申请调解。',
        },
        forward: {
          p: 0.45, to: ['township'], notes: ['涉及劳动报酬争议，转乡镇司法所、劳动保障所联合调解。'],
          modes: [['direct', 75], ['explained', 25]],
          reply: {
            direct: `经乡镇司法所、劳动保障所联合调解，用工方同意分两次付清${amount}元，双方已签订调解协议。`,
            explained: '双方调解未达成一致，已告知申请劳动仲裁的程序和材料，并协助联系县法律援助中心。',
          },
        },
        wait: 0.1, waitNote: '请申请人补充工资欠条或考勤记录等证据。',
      };
    },
  },
  {
    key: 'WQ-02', item: 'WQ-02', weight: (v) => (v.rural ? 0.9 : 0),
    channels: { walkIn: 80, phone: 20 },
    who: (p) => p.relation === 'head' && p.age >= 30,
    story: (c) => {
      const p = c.p!;
      const other = pick(c, c.v.households.filter((x) => x !== c.h)).head;
      const [issue, short] = pick(c, [['承包地边界田坎位置', '田坎'], ['林地界址', '林地界址'], ['土地流转租金未按时支付', '流转租金'], ['灌溉水渠使用', '用水']] as const);
      return {
        title: `${p.name}与${other}${short}纠纷`,
        description: `${p.name}与同村村民${other}因${issue}发生争执，请求村里调处。`,
        modes: [['direct', 70], ['explained', 30]],
        reply: {
          direct: '经村人民调解委员会调解，双方现场重新确认界址并签订调解协议。',
          explained: '已组织双方调解，因对承包合同理解不一致未达成协议，已告知可申请乡镇调处或农村土地承包仲裁。',
        },
        forward: {
          p: 0.4, to: ['township'], notes: ['村调委会调解未果，转乡镇农村经营管理站调处。'], modes: [['direct', 100]],
          reply: { direct: '经乡镇农村经营管理站调处，依据承包合同和确权登记图重新划定界址，双方签字认可。' },
        },
      };
    },
  },
  // —— 县直部门事项，村干部代办 ——
  {
    key: 'MZ-01', item: 'MZ-01', weight: 1.2,
    channels: { walkIn: 75, 'hotline:civilAffairs': 20, web: 5 },
    who: (p, h) => p.relation === 'head' && (has(h, 'needy') || has(h, 'disabled')),
    story: (c) => {
      const p = c.p!;
      const cause = pick(c, ['因病致困，长期服药', '家中主要劳动力因残丧失劳动能力', '独自抚养未成年子女，收入微薄', '年老体弱，无固定收入']);
      return {
        title: `${p.name}城乡居民最低生活保障申请`,
        description: `${p.name}家${c.h!.people.length}口人，${cause}，家庭人均收入低于本县低保标准，申请城乡居民最低生活保障。`,
        self: `我家${cause}，收入很低，想申请低保，请问怎么办理？`,
        modes: [['promised', 85], ['explained', 15]],
        reply: {
          promised: '已入户调查并代收申请书、户口簿、收入声明等材料，报乡镇入户核查、民主评议公示后由县民政局审批，全程约20个工作日。',
          explained: '经入户调查，家庭有稳定务工收入，人均收入高于低保标准，已当面解释政策，告知可申请临时救助。',
        },
        forward: {
          p: 0.4, to: c.rng.chance(0.6) ? ['township', 'MZ'] : ['MZ'],
          notes: ['材料已收齐，转乡镇入户核查、民主评议。', '已完成入户核查和民主评议公示，转县民政局审批。'],
          modes: [['direct', 80], ['explained', 20]],
          reply: {
            direct: '经县民政局审批，同意纳入城乡低保，自次月起按月发放低保金。',
            explained: '经核对家庭经济状况，家庭人均收入超过低保标准，不予纳入，已书面说明理由，告知可申请临时救助。',
          },
        },
        wait: 0.12, waitNote: '请申请人补充家庭成员收入证明。',
      };
    },
  },
  {
    key: 'ZR-01', item: 'ZR-01', weight: (v) => (v.rural ? 0.8 : 0), season: (m) => ((m >= 3 && m <= 5) || (m >= 9 && m <= 11) ? 1.6 : 0.5),
    channels: { walkIn: 90, phone: 10 },
    who: (p) => p.relation === 'head' && p.age >= 28 && p.age <= 65,
    story: (c) => {
      const p = c.p!;
      const built = c.rng.int(1978, 1996);
      const m2 = c.rng.int(90, 140);
      return {
        title: `${p.name}农村宅基地建房申请`,
        description: `${p.name}户现住房为${built}年建的土木结构房屋，年久失修，申请在原宅基地翻建住房，占地约${m2}平方米。`,
        modes: [['promised', 90], ['explained', 10]],
        reply: {
          promised: '已代收建房申请表、户口簿、村民会议同意意见等材料，报乡镇国土所实地踏勘后转县自然资源局审批。',
          explained: '申请地块位于永久基本农田范围内，不符合村庄规划，已解释政策并引导在村规划的集中建房点选址。',
        },
        forward: {
          p: 0.5, to: ['ZR'], notes: ['乡镇国土所已实地踏勘，选址符合村庄规划，转县自然资源局审批。'], modes: [['direct', 90], ['explained', 10]],
          reply: {
            direct: `经审批同意，已核发乡村建设规划许可证，批准占地${m2}平方米，开工前请通知乡镇国土所放线。`,
            explained: '经审核，该户已有一处宅基地，不符合“一户一宅”规定，不予批准，已书面说明理由。',
          },
        },
        wait: 0.15, waitNote: '请申请人补充建房图纸和相邻权利人签字意见。',
      };
    },
  },
  {
    key: 'LY-01', item: 'LY-01', weight: (v) => (!v.rural ? 0 : v.townshipKey === 'SFX-QS' ? 1.2 : 0.35), season: (m) => (m >= 11 || m <= 3 ? 2 : 0.4),
    channels: { walkIn: 85, phone: 15 },
    who: (p) => p.relation === 'head' && p.age >= 30,
    story: (c) => {
      const p = c.p!;
      const species = pick(c, ['杉木', '马尾松', '柏木']);
      const vol = c.rng.int(3, 25);
      const purpose = pick(c, ['翻修住房', '自用', '出售']);
      return {
        title: `${p.name}林木采伐许可申请`,
        description: `${p.name}申请采伐自留山${species}约${vol}立方米，用于${purpose}。`,
        modes: [['promised', 100]],
        reply: { promised: '已代收采伐申请、林权证等材料，乡镇林业站将进行伐区调查，报县林业局核发采伐许可证。' },
        forward: {
          p: 0.55, to: ['LY'], notes: ['乡镇林业站已完成伐区调查，在年度采伐限额内，转县林业局核发采伐许可证。'], modes: [['direct', 90], ['explained', 10]],
          reply: {
            direct: '已核发林木采伐许可证，采伐期限60天，请按证采伐并于次年完成更新造林。',
            explained: '采伐地块位于生态公益林范围内，不予核发采伐许可证，已说明理由。',
          },
        },
        wait: 0.1, waitNote: '请申请人补交林权证复印件和采伐地块四至说明。',
      };
    },
  },
  {
    key: 'ZJ-01', item: 'ZJ-01', weight: (v) => (v.rural ? 0.5 : 0),
    channels: { walkIn: 80, phone: 20 },
    who: (p, h) => p.relation === 'head' && (has(h, 'needy') || p.age >= 65),
    story: (c) => {
      const p = c.p!;
      const issue = pick(c, ['墙体开裂', '屋顶漏雨严重', '梁柱腐朽']);
      return {
        title: `${p.name}农村危房改造申请`,
        description: `${p.name}（${p.age}岁）住房为土坯房，${issue}，家庭${has(c.h!, 'needy') ? '为低保户' : '经济困难'}，申请农村危房改造。`,
        modes: [['promised', 100]],
        reply: { promised: '已代收申请书、房屋照片等材料，报乡镇评议公示后由县住建局组织鉴定审批。' },
        forward: {
          p: 0.6, to: ['ZJ'], notes: ['乡镇已完成评议公示，转县住建局组织危房鉴定和审批。'], modes: [['promised', 75], ['explained', 25]],
          reply: {
            promised: '经鉴定为C级危房，已纳入年度农村危房改造计划，补助资金按施工进度拨付。',
            explained: '经鉴定房屋为B级，不属于危房改造范围，已建议局部维修并告知维修补助政策。',
          },
        },
        wait: 0.1, waitNote: '请申请人补充房屋现状照片。',
      };
    },
  },
  {
    key: 'CL-01', item: 'CL-01', weight: 0.6,
    channels: { walkIn: 85, 'hotline:civilAffairs': 15 },
    who: (p, h) => has(h, 'disabled') || p.age >= 70,
    story: (c) => {
      const p = c.p!;
      const cause = pick(c, ['脑梗后遗症', '车祸致下肢残疾', '先天听力障碍', '糖尿病视网膜病变']);
      return {
        title: `${p.name}残疾人证办理`,
        description: `${p.name}（${p.age}岁）因${cause}生活受限，家属申请办理残疾人证。`,
        modes: [['promised', 100]],
        reply: { promised: '已代收身份证、户口簿、照片，预约县人民医院残疾评定，评定后由县残联审核发证，办好后村干部代领送达。' },
        forward: {
          p: 0.3, to: ['CL'], notes: ['已完成残疾评定，转县残联审核发证。'], modes: [['direct', 100]],
          reply: { direct: '经县残联审核，已核发第二代残疾人证，由村干部代领送达本人。' },
        },
        wait: 0.1, waitNote: '请家属补交近期二寸免冠照片。',
      };
    },
  },
  {
    key: 'GA-01', item: 'GA-01', weight: 1.5,
    channels: { walkIn: 60, phone: 30, web: 10, open311: 6 },
    who: (p) => p.age >= 55,
    story: (c) => {
      const p = c.p!;
      const issue = pick(c, ['有效期已满', '损坏，芯片无法读取', '即将到期']);
      return {
        title: `${p.name}居民身份证换领代办`,
        description: `${p.name}（${p.age}岁）身份证${issue}，行动不便，请村干部代办换领。`,
        self: `家里老人身份证${issue}，腿脚不方便去派出所，能不能代办？`,
        modes: [['promised', 100]],
        reply: { promised: '已预约派出所民警上门采集照片和指纹，县公安局制证后由村干部代领送达。' },
        forward: { p: 0.2, to: ['GA'], notes: ['已上门采集照片，转县公安局户政大队制证。'], modes: [['direct', 100]], reply: { direct: '新证已制好，由村干部代领送达本人并核对签收。' } },
      };
    },
  },
  // —— 六报 (网格员上报) ——
  {
    key: 'facilityDamage', report: 'facilityDamage', weight: (v) => (v.rural ? 3.5 : 4.5),
    channels: { gridReport: 100 },
    story: (c) => {
      const no = c.rng.int(2, 48);
      const thing = c.v.rural
        ? pick(c, [`${c.spot}路灯不亮`, `${c.spot}通组公路路面塌陷`, `${c.spot}自来水管道破裂漏水`, `${c.v.short}文化广场健身器材损坏`, `${c.spot}垃圾收集池破损`, `${c.spot}排水沟堵塞`, `${c.spot}漫水桥护栏损坏`])
        : pick(c, [`${c.street}${no}号楼道声控灯不亮`, `${c.street}路灯损坏`, `${c.street}${no}号门前井盖松动`, `${c.street}人行道地砖破损`, `${c.street}${no}号小区健身器材损坏`, `${c.street}${no}号单元门门禁损坏`]);
      const risk = pick(c, ['夜间行人出行不便', '存在安全隐患', '影响群众正常生活', '老人小孩容易摔倒']);
      return {
        title: thing,
        description: `网格员巡查发现${thing}，${risk}，请尽快安排维修。`,
        modes: [['direct', 70], ['promised', 30]],
        reply: { direct: '已联系维修人员当天到场修复，网格员现场复核。', promised: `已报请${c.v.rural ? '乡镇' : '街道'}安排维修，预计3个工作日内完成，网格员跟踪落实。` },
        forward: {
          p: 0.2, to: c.v.rural ? ['township'] : pick(c, [['township'], ['ZJ']] as Target[][]), notes: ['维修需专项资金，超出村级处置能力，报上级协调。'], modes: [['direct', 100]],
          reply: { direct: '已安排施工队维修完毕，网格员现场复核，群众满意。' },
        },
      };
    },
  },
  {
    key: 'uncleanAlley', report: 'uncleanAlley', weight: (v) => (v.rural ? 2.2 : 3.5),
    channels: { gridReport: 100 },
    story: (c) => {
      const no = c.rng.int(2, 48);
      const thing = c.v.rural
        ? pick(c, [`${c.spot}公路边乱倒建筑垃圾`, `${c.spot}沟渠漂浮垃圾`, `${c.spot}垃圾收集点满溢`])
        : pick(c, [`${c.street}背街小巷垃圾堆积`, `${c.street}${no}号楼下绿化带乱扔垃圾`, `${c.street}${no}号小区垃圾桶满溢`]);
      return {
        title: thing,
        description: `网格员巡查发现${thing}，${pick(c, ['气味较大', '蚊蝇滋生', '影响村容村貌', '居民反映强烈'])}，影响环境卫生。`,
        modes: [['direct', 85], ['promised', 15]],
        reply: { direct: '已组织保洁员清运完毕，设置提示牌，网格员加强巡查。', promised: '已联系环卫所安排车辆清运，预计次日完成。' },
      };
    },
  },
  {
    key: 'newPregnancy', report: 'newPregnancy', weight: 1.3,
    channels: { gridReport: 100 },
    who: (p) => !p.male && p.age >= 21 && p.age <= 40 && (p.relation === 'spouse' || p.relation === 'head'),
    story: (c) => {
      const p = c.p!;
      const weeks = c.rng.int(6, 24);
      return {
        title: `网格内新增孕妇${p.name}`,
        description: `网格员入户走访发现${c.h!.address}${p.name}（${p.age}岁）怀孕约${weeks}周，尚未办理生育登记。`,
        modes: [['direct', 100]],
        reply: { direct: '已告知计生专干，协助办理生育登记并建立孕产妇保健手册，提醒定期产检。' },
        requester: true,
      };
    },
  },
  {
    key: 'rental', report: 'rental', weight: (v) => (v.rural ? 0.4 : 2.2),
    channels: { gridReport: 100 },
    who: (p) => p.relation === 'head',
    story: (c) => {
      const h = c.h!;
      const n = c.rng.int(1, 4);
      return {
        title: `${h.address}房屋出租登记`,
        description: `网格员走访发现户主${h.head}将房屋出租给${n}名外来务工人员，尚未办理出租登记。`,
        modes: [['direct', 100]],
        reply: { direct: '已上门登记承租人信息并录入流动人口系统，告知房东消防和治安责任，签订出租房屋治安责任书。' },
        requester: true,
      };
    },
  },
  {
    key: 'incident', report: 'incident', weight: 1, season: (m) => (m >= 6 && m <= 8 ? 2 : 0.8),
    channels: { gridReport: 100 },
    story: (c) => {
      const rain = c.month >= 5 && c.month <= 9 && c.rng.chance(0.6);
      if (rain) {
        const place = c.v.rural ? c.spot : `${c.street}`;
        return {
          title: `暴雨致${place}道路积水`,
          description: `强降雨导致${place}道路积水约30厘米，部分低洼住户进水，网格员已提醒群众转移贵重物品。`,
          modes: [['direct', 100]],
          reply: { direct: '已组织党员志愿者疏通排水沟、帮助低洼住户转移物品，积水已排除，无人员伤亡。' },
          forward: c.v.rural ? { p: 0.2, to: ['township'], notes: ['积水冲毁部分路基，需乡镇调派机械抢修。'], modes: [['direct', 100]], reply: { direct: '乡镇已调派机械抢修路基，道路恢复通行，设置警示标志。' } } : undefined,
        };
      }
      const kind = c.rng.int(0, c.v.rural ? 2 : 1);
      if (kind === 0) {
        return {
          title: `${c.spot}一户居民家中厨房起火`,
          description: `网格员报告：${c.spot}一户居民家中厨房因电线老化起火，已组织群众扑灭，无人员伤亡。`,
          modes: [['direct', 100]],
          reply: { direct: '村(社区)干部已到场查看，协助清理现场，联系电工排查线路，并为受灾户申请临时救助。' },
        };
      }
      if (kind === 1) {
        const age = c.rng.int(72, 88);
        return {
          title: `${c.spot}${age}岁老人走失`,
          description: `${c.spot}一位${age}岁老人早上外出后未归，家属着急寻找，网格员请求协助。`,
          modes: [['direct', 100]],
          reply: { direct: '网格员和党员志愿者分头寻找，当天在邻村找到老人并送回家中，提醒家属加强看护。' },
        };
      }
      return {
        title: `${c.spot}山体落石阻断道路`,
        description: `网格员巡查发现${c.spot}公路边坡落石，部分路面被阻断，已在两端设置警示。`,
        modes: [['direct', 100]],
        reply: { direct: '已组织村民清理落石，道路恢复通行，网格员每天巡查边坡。' },
        forward: { p: 0.5, to: ['township'], notes: ['落石量大，需机械清理，报乡镇协调。'], modes: [['direct', 100]], reply: { direct: '乡镇已调派挖掘机清理落石，道路恢复通行，设置警示标志。' } },
      };
    },
  },
  {
    key: 'dispute', report: 'dispute', weight: 2.2,
    channels: { gridReport: 100 },
    who: (p) => p.age >= 25,
    story: (c) => {
      const p = c.p!;
      const others = (c.g.households.length > 1 ? c.g.households : c.v.households).filter((x) => x !== c.h);
      const other = pick(c, others).head;
      const issue = c.v.rural ? pick(c, ['排水沟渠', '宅基地滴水', '家禽损坏庄稼', '道路通行', '赡养老人']) : pick(c, ['楼上漏水', '噪音扰民', '占用公共通道停车', '楼道堆放杂物', '养狗扰民']);
      return {
        title: `${p.name}与邻居${other}因${issue}发生纠纷`,
        description: `网格员上报：${c.h!.address}${p.name}与邻居${other}因${issue}问题多次发生争吵，矛盾有激化倾向。`,
        modes: [['direct', 75], ['explained', 25]],
        reply: {
          direct: '网格员会同调解委员上门调解，双方达成一致并签订调解协议，网格员跟踪回访。',
          explained: '已组织双方调解，暂未达成一致，已告知可申请乡镇司法所调解或通过诉讼解决，网格员持续关注。',
        },
        forward: { p: 0.12, to: ['township'], notes: ['矛盾较深，报乡镇司法所调解。'], modes: [['direct', 100]], reply: { direct: '经乡镇司法所调解，双方达成调解协议，网格员跟踪回访。' } },
        requester: true,
      };
    },
  },
  // —— 热线和来电来访的其他诉求 ——
  {
    key: 'civility', category: 'other', weight: (v) => (v.rural ? 0.6 : 2),
    channels: { 'hotline:civility': 70, phone: 20, web: 10 },
    who: adult,
    story: (c) => {
      const no = c.rng.int(2, 48);
      const issue = c.v.rural
        ? pick(c, [`${c.spot}有村民焚烧秸秆`, `${c.spot}有人乱搭乱建柴棚`, `${c.spot}有人在公路上晒粮`])
        : pick(c, [`${c.street}广场舞音响声音过大扰民`, `${c.street}${no}号楼道堆放杂物占用消防通道`, `${c.street}有人遛狗不牵绳`, `${c.street}${no}号住户高空抛物`]);
      return {
        title: issue,
        description: `居民${c.p!.name}来电反映：${issue}，希望${villageWord(c)}出面劝导。`,
        self: `${issue}，希望${villageWord(c)}出面管一管。`,
        modes: [['direct', 80], ['promised', 20]],
        reply: { direct: '已安排网格员和志愿者现场劝导，当事人已整改，已电话告知反映人。', promised: '已约谈相关当事人，限期3日内整改，网格员跟踪复查。' },
        requester: true,
      };
    },
  },
  {
    key: 'partyService', category: 'other', weight: 0.7,
    channels: { 'hotline:partyService': 85, phone: 15 },
    who: (p) => p.age >= 20 && p.age <= 65,
    story: (c) => {
      const p = c.p!;
      const [topic, answer] = pick(c, [
        ['咨询党组织关系转接', '党组织关系可通过全国党员管理信息系统线上转接，已告知需联系的接收党组织和所需材料'],
        ['咨询流动党员怎样缴纳党费', '流动党员可通过手机线上按月缴纳党费，已发送操作指引，并将其纳入流动党员微信群管理'],
        ['咨询入党申请的程序', '已说明递交入党申请书、确定入党积极分子等程序，并告知可先参加党员志愿服务'],
        ['报名参加党员志愿服务', '已登记报名信息，安排参加本月主题党日的志愿服务活动'],
      ] as const);
      return {
        title: `${p.name}${topic}`,
        description: `${p.name}来电${topic}。`,
        instant: 0.7, instantPhone: 0.7,
        modes: [['explained', 100]],
        reply: { explained: `${answer}。` },
        requester: true,
      };
    },
  },
  {
    key: 'publicSecurity', category: 'other', weight: 0.8,
    channels: { 'hotline:publicSecurity': 80, phone: 20 },
    who: adult,
    story: (c) => {
      const p = c.p!;
      const issue = c.v.rural
        ? pick(c, [`${c.spot}有陌生人上门推销“保健品”给老人`, `${c.spot}夜间有人偷挖村道边的苗木`, `${c.spot}有人用电鱼工具电鱼`])
        : pick(c, [`${c.street}夜间有人驾驶摩托车飙车`, `${c.street}有人冒充工作人员上门查燃气`, `接到疑似电信诈骗电话，想核实`]);
      return {
        title: issue,
        description: `${p.name}来电反映：${issue}。`,
        modes: [['direct', 60], ['explained', 40]],
        reply: {
          direct: '已联系派出所社区民警到场处置，网格员加强巡查，已告知反映人。',
          explained: '已向反映人说明防范要点，提醒不要转账、不要透露验证码，已通报辖区派出所。',
        },
        forward: { p: 0.25, to: ['GA'], notes: ['涉及治安管理，转县公安局处理。'], modes: [['direct', 100]], reply: { direct: '派出所已出警处置，加强该区域巡逻，已反馈反映人。' } },
        requester: true,
      };
    },
  },
  {
    key: 'rights', category: 'rights', weight: 1,
    channels: { walkIn: 40, phone: 30, 'hotline:publicSecurity': 10, web: 20 },
    who: (p) => p.age >= 25,
    story: (c) => {
      const p = c.p!;
      const k = c.rng.int(0, 3);
      if (k === 0 && c.v.rural) {
        const crop = pick(c, ['玉米', '水稻', '茶苗', '蔬菜']);
        const amount = c.rng.int(8, 40) * 100;
        return {
          title: `${p.name}购买劣质化肥要求赔偿`,
          description: `${p.name}在镇上农资店购买的复合肥施用后${crop}出现烧苗，怀疑为劣质化肥，要求商家赔偿损失。`,
          self: `我在镇上农资店买的复合肥，施了以后${crop}烧苗了，怀疑是假化肥，想找商家赔偿。`,
          modes: [['promised', 60], ['explained', 40]],
          reply: { promised: '已陪同申请人与商家协商，商家同意先行退货，损失赔偿待抽检结果确定。', explained: '已告知可向县农业农村局投诉并申请抽检，协助保存购货凭证和样品。' },
          forward: {
            p: 0.5, to: ['NY'], notes: ['涉及农资质量，转县农业农村局执法大队调查处理。'], modes: [['direct', 100]],
            reply: { direct: `县农业农村局已抽检该批次化肥，养分含量不达标，责令商家赔偿${amount}元并下架问题产品。` },
          },
        };
      }
      if (k <= 1) {
        return {
          title: `${p.name}反映征地补偿款未足额发放`,
          description: `${p.name}反映其家承包地被征收用于道路建设，个人部分的补偿款至今未足额发放。`,
          self: '我家的承包地被征收修路，补偿款到现在还没有发完，想问问怎么回事。',
          modes: [['explained', 100]],
          reply: { explained: '经核查，补偿款已按批复标准拨付到村集体，个人部分将于本月内发放到户，已向申请人说明。' },
          forward: {
            p: 0.4, to: [pick(c, ['ZR', 'XF'] as const)], notes: ['涉及征地补偿政策，转县直部门核查答复。'], modes: [['explained', 100]],
            reply: { explained: '经核查，补偿标准符合批复，个人补偿款已核定，将于15日内发放到户，已书面答复申请人。' },
          },
        };
      }
      if (k === 2 && !c.v.rural) {
        return {
          title: `${p.name}反映物业公司擅自上涨物业费`,
          description: `${p.name}反映小区物业公司未经业主大会同意，擅自将物业费由每平方米0.6元上调到0.9元。`,
          self: '我们小区物业没开业主大会就把物业费涨了，想请社区出面。',
          modes: [['promised', 60], ['explained', 40]],
          reply: { promised: '已约谈物业公司负责人，要求暂停执行上涨方案，3日内给出书面说明。', explained: '已向业主说明物业收费调整须经业主大会表决，并协助业主委员会提出异议。' },
          forward: { p: 0.4, to: ['township'], notes: ['涉及多个小区，转街道协调处理。'], modes: [['direct', 100]], reply: { direct: '街道已约谈物业公司，暂停执行上涨方案，按规定召开业主大会协商。' } },
        };
      }
      return {
        title: `${p.name}网购商品退款纠纷`,
        description: `${p.name}网购的电动车质量有问题，商家拒绝退换，请求帮助维权。`,
        self: '网上买的电动车质量有问题，商家不给退，想请帮忙维权。',
        instant: 0.5, instantPhone: 0.5,
        modes: [['explained', 100]],
        reply: { explained: '已协助联系电商平台客服并提交投诉，告知可拨打12315投诉举报，并保留聊天记录和购物凭证。' },
      };
    },
  },
  {
    key: 'health', category: 'health', weight: 1,
    channels: { walkIn: 40, phone: 40, web: 20 },
    who: (p) => p.age >= 60,
    story: (c) => {
      const p = c.p!;
      const [title, desc, mode, reply] = pick(c, [
        [`${p.name}申请家庭医生上门随访`, `${p.name}（${p.age}岁）患高血压多年，行动不便，申请家庭医生上门随访。`, 'promised', '已联系村卫生室家庭医生，约定2日内上门随访，测量血压血糖并做用药指导。'],
        [`${p.name}咨询慢性病门诊报销政策`, `${p.name}（${p.age}岁）咨询门诊慢特病报销比例和办理流程。`, 'explained', '已告知门诊慢特病需先在乡镇卫生院申请认定，认定后按县医保政策报销，并告知所需材料。'],
        [`${p.name}申请老年人免费健康体检`, `${p.name}（${p.age}岁）申请参加65岁以上老年人免费健康体检。`, 'direct', '已登记并预约乡镇卫生院本月集中体检，体检当天村里统一派车接送。'],
      ] as const);
      return {
        title, description: desc,
        self: `${desc.replace(`${p.name}（${p.age}岁）`, '我家老人')}`,
        instant: mode === 'promised' ? 0 : 0.6, instantPhone: mode === 'explained' ? 0.7 : 0,
        modes: [[mode, 100]],
        reply: { [mode]: reply },
      };
    },
  },
  {
    key: 'agriculture', category: 'agriculture', weight: (v) => (v.rural ? 0.8 : 0), season: (m) => (m >= 3 && m <= 9 ? 1.5 : 0.3),
    channels: { walkIn: 50, phone: 50 },
    who: (p) => p.relation === 'head' && p.age >= 30,
    story: (c) => {
      const p = c.p!;
      const crop = c.v.place.product && c.v.place.product !== '生猪' && c.v.place.product !== '水产' ? c.v.place.product : '蔬菜';
      return {
        title: `${p.name}申请农技员指导${crop}病虫害防治`,
        description: `${p.name}家的${crop}出现${pick(c, ['叶片发黄', '虫害', '成片枯萎'])}，申请农技员上门指导防治。`,
        modes: [['promised', 100]],
        reply: { promised: '已联系乡镇农技站，2日内安排农技员上门查看并指导科学用药。' },
      };
    },
  },
  {
    key: 'housing', category: 'housing', weight: (v) => (v.rural ? 0.5 : 0.3),
    channels: { walkIn: 50, phone: 50 },
    who: (p, h) => p.relation === 'head' && p.age >= 65 && (has(h, 'emptyNest') || has(h, 'needy')),
    story: (c) => {
      const p = c.p!;
      return {
        title: `${p.name}家房屋漏雨请求帮助维修`,
        description: `${p.name}（${p.age}岁，独居）家中屋顶漏雨，自己无力维修，请求帮助。`,
        modes: [['promised', 80], ['direct', 20]],
        reply: { promised: '已安排党员志愿服务队3日内上门检修屋顶，材料费由村集体承担。', direct: '党员志愿服务队已上门更换破损瓦片，屋顶不再漏雨。' },
      };
    },
  },
];

