// The columns of each import template: Chinese headers, rules for the 填写说明 sheet, allowed values
// taken from the contract's labels (so the template, the checker and the web say the same thing).
import {
  GENDER_LABELS, MEMBER_STATUS_LABELS, ORG_LEVEL_LABELS, ORG_SECTOR_LABELS, ORG_TIER_LABELS, RELATION_LABELS, VISIT_TAG_LABELS,
  type ImportKind, type Label,
} from '@jiceng/contract';

export interface ImportColumn {
  key: string;
  header: string;
  required?: boolean;
  /** what the 填写说明 sheet says */
  note: string;
  example: string;
  /** allowed values: code → label (the cell holds the Chinese label; codes are accepted too) */
  choices?: Record<string, Label>;
  /** several choices in one cell, separated by 、 , ， ; or spaces */
  multi?: boolean;
  bool?: boolean;
  date?: boolean;
  /** keep as text in Excel (ID numbers, phones, codes) */
  text?: boolean;
  width?: number;
  /** other headers real registers use for this column (exports of other systems, sheets typed in WPS) */
  aliases?: string[];
}

export const YES_NO: Record<'true' | 'false', Label> = { true: { 'zh-CN': '是', en: 'Yes' }, false: { 'zh-CN': '否', en: 'No' } };

const DATE_NOTE = '日期，格式 YYYY-MM-DD（如 2020-07-01）；也可填 2020/7/1 或 Excel 日期';

const orgCode = (header: string, note: string, required = true, aliases: string[] = []): ImportColumn => ({ key: 'orgCode', header, required, note, example: 'SFX-QS-QS', text: true, aliases, width: 22 });

const ID_ALIASES = ['身份证号码', '公民身份号码', '公民身份证号码', '公民身份证号', '身份证', '证件号码', '证件号', '身份证件号码'];
const PHONE_ALIASES = ['手机号码', '手机号', '手机', '电话', '电话号码', '联系方式', '联系电话(手机)', '本人电话'];
const BIRTH_ALIASES = ['出生年月', '出生年月日', '出生时间', '生日'];

const ORGS: ImportColumn[] = [
  { key: 'parentCode', header: '上级组织编码', required: true, text: true, width: 18, example: 'SFX-QS-QS', note: '已有组织的编码，或本文件前面行中新建组织的编码；须在您的管辖范围内' },
  { key: 'name', header: '组织名称', required: true, width: 30, example: '中共青山村第三党支部委员会', note: '最多 100 个字符' },
  { key: 'code', header: '组织编码', required: true, text: true, width: 18, example: 'SFX-QS-QS-B3', note: '本县唯一；字母、数字、- 和 _，最多 32 个字符' },
  { key: 'tier', header: '行政层级', required: true, choices: ORG_TIER_LABELS, width: 14, example: '村(社区)', note: '组织所在的行政层级' },
  { key: 'level', header: '组织层级', required: true, choices: ORG_LEVEL_LABELS, width: 12, example: '党支部', note: '党委 → 党总支 → 党支部 → 党小组，须低于上级组织；党小组只能设在党支部下' },
  { key: 'sector', header: '领域', required: true, choices: ORG_SECTOR_LABELS, width: 12, example: '农村', note: '组织所在领域' },
];

const MEMBERS: ImportColumn[] = [
  { key: 'name', header: '姓名', required: true, aliases: ['党员姓名'], width: 10, example: '王小明', note: '1–30 个字' },
  { key: 'gender', header: '性别', choices: GENDER_LABELS, width: 8, example: '男', note: '不填则按身份证号；填了须与身份证号一致' },
  { key: 'idNumber', header: '身份证号', text: true, aliases: ID_ALIASES, width: 22, example: '420502199001011238', note: '18 位公民身份号码，校验位必须正确；本县唯一。请把单元格设为文本，以免 Excel 改成科学计数法' },
  { key: 'birthDate', header: '出生日期', date: true, text: true, aliases: BIRTH_ALIASES, width: 12, example: '1990-01-01', note: `${DATE_NOTE}；不填则按身份证号` },
  { key: 'phone', header: '联系电话', text: true, aliases: PHONE_ALIASES, width: 14, example: '13800000000', note: '数字、+、-、空格、括号，最多 20 位；座机请带区号（如 0710-3220000），单元格设为文本' },
  { ...orgCode('所属党组织编码', '党员所在的党支部或党小组的编码', true, ['党组织编码', '支部编码']), example: 'SFX-QS-QS-B1' },
  { key: 'gridCode', header: '网格编码', text: true, width: 16, example: 'SFX-QS-QS-W1', note: '党员所在网格的编码（可不填）' },
  { key: 'status', header: '党员状态', required: true, aliases: ['人员类别', '党员类别'], choices: MEMBER_STATUS_LABELS, width: 14, example: '正式党员', note: '正式党员、预备党员或入党积极分子' },
  { key: 'activistOn', header: '确定积极分子日期', date: true, text: true, width: 16, example: '2018-03-01', note: `${DATE_NOTE}；三个日期须按 积极分子 → 预备党员 → 转正 的先后顺序` },
  { key: 'admittedOn', header: '接收预备党员日期', date: true, text: true, width: 16, example: '2019-07-01', note: DATE_NOTE },
  { key: 'fullOn', header: '转正日期', date: true, text: true, width: 12, example: '2020-07-01', note: DATE_NOTE },
  { key: 'floating', header: '是否流动党员', bool: true, choices: YES_NO, width: 12, example: '否', note: '是 或 否（不填为否）' },
  { key: 'floatingTo', header: '流动去向', width: 20, example: '广东省深圳市', note: '流动党员必填，最多 100 个字' },
];

const GRIDS: ImportColumn[] = [
  orgCode('所属村(社区)编码', '网格所在村(社区)党组织的编码', true, ['村(社区)编码', '村编码']),
  { key: 'name', header: '网格名称', required: true, aliases: ['网格'], width: 20, example: '青山村第一网格', note: '最多 100 个字符' },
  { key: 'code', header: '网格编码', required: true, text: true, width: 16, example: 'SFX-QS-QS-W20', note: '本县唯一；字母、数字、- 和 _' },
  { key: 'partyGroupCode', header: '党小组编码', text: true, width: 20, example: 'SFX-QS-QS-B1-G1', note: '网格党小组的编码，须是本村(社区)的党小组（可不填）' },
];

const HOUSEHOLDS: ImportColumn[] = [
  { key: 'householdNo', header: '户编号', text: true, aliases: ['户号', '户序号', '户籍编号', '户籍号', '家庭编号'], width: 10, example: '1', note: '文件内自编的户号（如 1、2、3），同一户的每位成员填相同的户编号（可合并单元格）；只用来分户，不保存。没有户编号列时按“户主姓名 + 地址”分户' },
  orgCode('所属村(社区)编码', '户所在村(社区)党组织的编码；填了网格编码时可不填', false, ['村(社区)编码', '村编码']),
  { key: 'gridCode', header: '网格编码', text: true, width: 14, example: 'SFX-QS-QS-W1', note: '户所在网格的编码，须属于该村(社区)（可不填）' },
  { key: 'address', header: '地址', required: true, aliases: ['家庭住址', '住址', '家庭地址', '现住址', '居住地址', '户籍地址'], width: 28, example: '青山村一组 12 号', note: '户的地址，最多 200 个字' },
  { key: 'householdPhone', header: '户联系电话', text: true, aliases: ['家庭电话', '户电话', '家庭联系电话'], width: 14, example: '0710-3220000', note: '不填则用户主的联系电话' },
  { key: 'visitTags', header: '六访标签', choices: VISIT_TAG_LABELS, multi: true, aliases: ['六访对象', '走访类别', '重点人群'], width: 18, example: '空巢老人、困难群众', note: '可填多个，用 、或 , 分隔（可不填）；也可以用六列“困难群众”“空巢老人”…，每列填 是/否、√ 或 1/0' },
  { key: 'note', header: '备注', width: 20, example: '', note: '户的备注，最多 500 个字（可不填）' },
  { key: 'headName', header: '户主姓名', aliases: ['户主'], width: 10, example: '张德明', note: '可不填；填了须与“与户主关系”为户主的成员姓名一致' },
  { key: 'name', header: '姓名', required: true, aliases: ['成员姓名', '家庭成员姓名', '人员姓名'], width: 10, example: '张德明', note: '家庭成员姓名，1–30 个字' },
  { key: 'relation', header: '与户主关系', required: true, aliases: ['与户主的关系', '家庭关系', '关系'], choices: RELATION_LABELS, width: 12, example: '户主', note: '每户有且只有一名户主' },
  { key: 'gender', header: '性别', choices: GENDER_LABELS, width: 8, example: '男', note: '不填则按身份证号；填了须与身份证号一致' },
  { key: 'birthDate', header: '出生日期', date: true, text: true, width: 12, example: '1958-05-20', note: `${DATE_NOTE}；不填则按身份证号` },
  { key: 'idNumber', header: '身份证号', text: true, aliases: ID_ALIASES, width: 22, example: '420502195805201231', note: '18 位公民身份号码，校验位必须正确；本县唯一（可不填）。请把单元格设为文本' },
  { key: 'phone', header: '联系电话', text: true, aliases: PHONE_ALIASES, width: 14, example: '13800000000', note: '成员本人的电话（可不填）；座机带区号，单元格设为文本' },
  { key: 'disability', header: '残疾情况', aliases: ['残疾类别', '残疾等级'], width: 14, example: '肢体二级', note: '敏感信息，加密保存、默认脱敏（可不填）' },
  { key: 'health', header: '健康状况', aliases: ['健康情况'], width: 14, example: '', note: '敏感信息，如 孕妇、慢性病（可不填）' },
  { key: 'poverty', header: '困难类别', aliases: ['困难情况', '救助类别'], width: 14, example: '低保户', note: '敏感信息，如 低保户、特困、脱贫监测户（可不填）' },
];

export const IMPORT_COLUMNS: Record<ImportKind, ImportColumn[]> = { orgs: ORGS, members: MEMBERS, grids: GRIDS, households: HOUSEHOLDS };

/**
 * The record's own id, written by the exports so that an edited export updates exactly the exported record
 * (mode update). Not in the templates: a new record has none.
 */
export const RECORD_ID_COLUMN: Partial<Record<ImportKind, ImportColumn>> = {
  members: { key: 'recordId', header: '系统编号', text: true, width: 38, example: '', note: '系统生成，请勿修改；新党员留空' },
  households: { key: 'recordId', header: '系统户号', text: true, width: 38, example: '', note: '系统生成，请勿修改；新户留空' },
};

/** A family member's own id in the households export: masked exports hide what else would tell siblings apart. */
export const RESIDENT_ID_COLUMN: ImportColumn = { key: 'residentId', header: '成员编号', text: true, width: 38, example: '', note: '系统生成，请勿修改；新成员留空' };

/** Columns our exports add for reading (names next to codes, counts): recognised, shown as read-only, not imported. */
export const READ_ONLY_HEADERS: Record<ImportKind, string[]> = {
  orgs: ['上级组织', '组织ID'],
  members: ['所属党组织', '网格', '现任职务', '已归档', '年龄'],
  grids: ['所属村(社区)', '党小组', '户数', '户数规模', '党员中心户', '已归档'],
  households: ['所属村(社区)', '网格', '家庭人数', '已归档', '年龄'],
};

/**
 * The six 六访 tags as six yes/no columns (the layout most registers use): header = the tag's label.
 * 是 / √ / ✓ / 1 / Y mean yes; 否 / × / 0 / N / empty mean no.
 */
export const TAG_COLUMNS: ImportColumn[] = Object.entries(VISIT_TAG_LABELS).map(([code, l]) => ({
  key: `tag:${code}`, header: l['zh-CN'], aliases: [l.en], bool: true, width: 10, example: '否', note: `是否${l['zh-CN']}（是/否）`,
}));

/** Template file names (ASCII for the route, Chinese for the download). */
export const IMPORT_TITLES: Record<ImportKind, string> = { orgs: '组织导入模板', members: '党员导入模板', grids: '网格导入模板', households: '户籍导入模板' };

export const IMPORT_RULES: Record<ImportKind, string[]> = {
  orgs: ['每行一个新组织；上级组织可以是已有组织，也可以是本文件前面行中的组织。'],
  members: ['每行一名党员；所属党组织应为党支部或党小组。'],
  grids: ['每行一个网格；网格应设在村(社区)党组织下，网格户数建议按政策参数（默认 50–100 户）。'],
  households: ['每行一位家庭成员；同一户的成员填相同的户编号，户的信息（村、网格、地址、电话、六访标签、备注）写在任一行即可，多行都写时须一致。', '每户有且只有一名户主。'],
};
