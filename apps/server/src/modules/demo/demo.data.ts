import type { OrgLevel, OrgSector, OrgTier, Role } from '@jiceng/contract';

/** 示范县: a realistic small county, shaped like the seed's county report (篇一). */
export interface DemoOrg {
  key: string;
  name: string;
  code: string;
  tier: OrgTier;
  level: OrgLevel;
  sector: OrgSector;
  children?: DemoOrg[];
}

const groups = (prefix: string, code: string, n: number): DemoOrg[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `${code}-G${i + 1}`,
    name: `${prefix}第${'一二三四五六七八九十'[i]}党小组`,
    code: `${code}-G${i + 1}`,
    tier: 'village' as const,
    level: 'group' as const,
    sector: 'rural' as const,
  }));

function village(name: string, code: string, sector: 'rural' | 'community', big: boolean): DemoOrg {
  if (!big) {
    return { key: code, name: `中共${name}支部委员会`, code, tier: 'village', level: 'branch', sector, children: groups(name, code, 3).map((g) => ({ ...g, sector })) };
  }
  return {
    key: code,
    name: `中共${name}总支部委员会`,
    code,
    tier: 'village',
    level: 'generalBranch',
    sector,
    children: [
      { key: `${code}-B1`, name: `${name}第一党支部`, code: `${code}-B1`, tier: 'village', level: 'branch', sector, children: groups(`${name}一支部`, `${code}-B1`, 2).map((g) => ({ ...g, sector })) },
      { key: `${code}-B2`, name: sector === 'rural' ? `${name}流动党员党支部` : `${name}在职党员党支部`, code: `${code}-B2`, tier: 'village', level: 'branch', sector, children: groups(`${name}二支部`, `${code}-B2`, 2).map((g) => ({ ...g, sector })) },
    ],
  };
}

const organBranch = (name: string, code: string): DemoOrg => ({ key: code, name, code, tier: 'county', level: 'branch', sector: 'organ' });

export const DEMO_COUNTY: DemoOrg = {
  key: 'SFX',
  name: '中共示范县委员会',
  code: 'SFX',
  tier: 'county',
  level: 'committee',
  sector: 'organ',
  children: [
    {
      key: 'SFX-CG', name: '中共城关镇委员会', code: 'SFX-CG', tier: 'township', level: 'committee', sector: 'rural',
      children: [
        village('东门社区', 'SFX-CG-DM', 'community', true),
        village('西街社区', 'SFX-CG-XJ', 'community', false),
        village('红旗村', 'SFX-CG-HQ', 'rural', true),
        village('柳树村', 'SFX-CG-LS', 'rural', false),
        { key: 'SFX-CG-JG', name: '城关镇机关党支部', code: 'SFX-CG-JG', tier: 'township', level: 'branch', sector: 'organ' },
      ],
    },
    {
      key: 'SFX-QS', name: '中共青山乡委员会', code: 'SFX-QS', tier: 'township', level: 'committee', sector: 'rural',
      children: [
        village('青山村', 'SFX-QS-QS', 'rural', true),
        village('石门村', 'SFX-QS-SM', 'rural', false),
        village('白果村', 'SFX-QS-BG', 'rural', false),
        village('茶园村', 'SFX-QS-CY', 'rural', false),
      ],
    },
    {
      key: 'SFX-HK', name: '中共河口镇委员会', code: 'SFX-HK', tier: 'township', level: 'committee', sector: 'rural',
      children: [
        village('河口村', 'SFX-HK-HK', 'rural', true),
        village('双河村', 'SFX-HK-SH', 'rural', false),
        village('新桥村', 'SFX-HK-XQ', 'rural', false),
        village('渔洋村', 'SFX-HK-YY', 'rural', false),
        { key: 'SFX-HK-HD', name: '宏达建材有限公司党支部', code: 'SFX-HK-HD', tier: 'township', level: 'branch', sector: 'private' },
        { key: 'SFX-HK-XH', name: '河口镇义工协会党支部', code: 'SFX-HK-XH', tier: 'township', level: 'branch', sector: 'social' },
      ],
    },
    {
      key: 'SFX-DF', name: '中共东风街道工作委员会', code: 'SFX-DF', tier: 'township', level: 'committee', sector: 'community',
      children: [
        village('东风社区', 'SFX-DF-DF', 'community', true),
        village('和平社区', 'SFX-DF-HP', 'community', false),
        village('幸福社区', 'SFX-DF-XF', 'community', false),
        village('建设社区', 'SFX-DF-JS', 'community', false),
      ],
    },
    organBranch('县民政局机关党支部', 'SFX-JG-MZ'),
    organBranch('县人社局机关党支部', 'SFX-JG-RS'),
    { key: 'SFX-JG-YZ', name: '县第一中学党支部', code: 'SFX-JG-YZ', tier: 'county', level: 'branch', sector: 'institution' },
    { key: 'SFX-JG-GT', name: '县供电公司党支部', code: 'SFX-JG-GT', tier: 'county', level: 'branch', sector: 'soe' },
  ],
};

/** 县直职能部门 (MISSION: 民政、人社、自然资源、住建、卫健、林业、残联…) */
export const DEMO_DEPARTMENTS = [
  { code: 'MZ', name: '县民政局', phone: '0710-3220101' },
  { code: 'RS', name: '县人力资源和社会保障局', phone: '0710-3220102' },
  { code: 'ZR', name: '县自然资源局', phone: '0710-3220103' },
  { code: 'ZJ', name: '县住房和城乡建设局', phone: '0710-3220104' },
  { code: 'WJ', name: '县卫生健康局', phone: '0710-3220105' },
  { code: 'LY', name: '县林业局', phone: '0710-3220106' },
  { code: 'CL', name: '县残疾人联合会', phone: '0710-3220107' },
  { code: 'NY', name: '县农业农村局', phone: '0710-3220108' },
  { code: 'GA', name: '县公安局', phone: '0710-3220109' },
  { code: 'XF', name: '县信访局', phone: '0710-3220110' },
] as const;

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  orgKey?: string;
  departmentCode?: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'demo-county', displayName: '县委组织部 王建国', role: 'countyAdmin', orgKey: 'SFX' },
  { username: 'demo-township', displayName: '青山乡党委 李春梅', role: 'townshipAdmin', orgKey: 'SFX-QS' },
  { username: 'demo-village', displayName: '青山村书记 张德明', role: 'villageCadre', orgKey: 'SFX-QS-QS' },
  { username: 'demo-grid', displayName: '网格员 刘小燕', role: 'gridWorker', orgKey: 'SFX-QS-QS-B1-G1' },
  { username: 'demo-dept', displayName: '县民政局 陈国华', role: 'departmentHandler', departmentCode: 'MZ' },
  { username: 'demo-evaluator', displayName: '考评组 赵志强', role: 'evaluator', orgKey: 'SFX' },
];
