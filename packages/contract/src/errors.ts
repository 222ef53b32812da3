import type { Label, Locale } from './enums.js';

/** Every error code the API can answer with, and its message in each locale. `{x}` are parameters. */
export const ERROR_MESSAGES = {
  'validation.failed': { 'zh-CN': '提交的内容有误，请检查标出的字段', en: 'Some fields are invalid' },
  'request.malformed': { 'zh-CN': '请求格式错误', en: 'The request is malformed' },
  'auth.required': { 'zh-CN': '请先登录', en: 'Please log in' },
  'auth.invalidCredentials': { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  'auth.locked': {
    'zh-CN': '登录失败次数过多，请 {minutes} 分钟后再试',
    en: 'Too many failed logins; try again in {minutes} minutes',
  },
  'auth.sessionExpired': { 'zh-CN': '登录已过期，请重新登录', en: 'Your session has expired; please log in again' },
  'auth.csrf': { 'zh-CN': '安全校验失败，请刷新页面后重试', en: 'Security check failed; reload the page and try again' },
  'auth.forbidden': { 'zh-CN': '没有权限执行此操作', en: 'You are not allowed to do this' },
  'auth.outOfScope': { 'zh-CN': '该记录不在您的管辖范围内', en: 'This record is outside your area' },
  'auth.wrongPassword': { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  'rateLimited': { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests; please wait and try again' },
  'notFound': { 'zh-CN': '记录不存在', en: 'Not found' },
  'internal': { 'zh-CN': '服务器内部错误，请稍后再试', en: 'Internal server error; please try again later' },
  'org.rootMustBeCounty': { 'zh-CN': '顶级组织必须是县级党委', en: 'A root org must be a county committee' },
  'org.countyIsRoot': { 'zh-CN': '县级党委只能是顶级组织', en: 'A county committee can only be a root' },
  'org.tierAboveParent': { 'zh-CN': '行政层级不能高于上级组织', en: 'The tier cannot be above the parent’s tier' },
  'org.levelNotBelowParent': { 'zh-CN': '组织层级必须低于上级组织', en: 'The body level must be below the parent’s' },
  'org.groupNeedsBranch': { 'zh-CN': '党小组只能设在党支部下', en: 'A party group must be under a branch' },
  'org.duplicateCode': { 'zh-CN': '组织编码“{code}”已被使用', en: 'The org code “{code}” is already used' },
  'org.moveIntoOwnSubtree': {
    'zh-CN': '不能把组织移动到它自己或其下级组织之下',
    en: 'An org cannot be moved under itself or its own descendant',
  },
  'org.moveRoot': { 'zh-CN': '不能移动您管辖范围的顶级组织', en: 'You cannot move the root of your own area' },
  'org.archived': { 'zh-CN': '该组织已归档', en: 'This org is archived' },
  'org.hasActiveChildren': { 'zh-CN': '请先归档其下级组织', en: 'Archive its child orgs first' },
  'org.hasRecords': {
    'zh-CN': '该组织已有下级组织或业务记录，不能删除，请改为归档',
    en: 'This org has children or records; archive it instead of deleting',
  },
  'org.parentArchived': { 'zh-CN': '上级组织已归档', en: 'The parent org is archived' },
  'department.duplicateCode': { 'zh-CN': '部门编码“{code}”已被使用', en: 'The department code “{code}” is already used' },
  'user.duplicateUsername': { 'zh-CN': '用户名“{username}”已被使用', en: 'The username “{username}” is taken' },
  'user.roleNotGrantable': { 'zh-CN': '您不能授予“{role}”角色', en: 'You cannot grant the role “{role}”' },
  'user.roleTier': { 'zh-CN': '该角色只能绑定到{tiers}级组织', en: 'This role can only be bound to a {tiers} org' },
  'user.needsOrg': { 'zh-CN': '请选择所属组织', en: 'Choose the org this account belongs to' },
  'user.needsDepartment': { 'zh-CN': '请选择所属部门', en: 'Choose the department this account belongs to' },
  'user.self': { 'zh-CN': '不能停用自己的账号', en: 'You cannot disable your own account' },
  'password.tooShort': { 'zh-CN': '密码至少需要 {min} 位', en: 'The password needs at least {min} characters' },
  'password.classes': {
    'zh-CN': '密码需包含大写字母、小写字母、数字、符号中的至少 {min} 类',
    en: 'The password needs at least {min} of: upper case, lower case, digits, symbols',
  },
  'password.common': { 'zh-CN': '该密码过于常见，请换一个', en: 'This password is too common; choose another' },
  'password.containsUsername': { 'zh-CN': '密码不能包含用户名', en: 'The password must not contain the username' },
  'policy.unknownKey': { 'zh-CN': '未知的政策参数“{key}”', en: 'Unknown policy key “{key}”' },
  'policy.outOfRange': {
    'zh-CN': '取值必须在 {min} 到 {max} 之间',
    en: 'The value must be between {min} and {max}',
  },
  'idNumber.format': { 'zh-CN': '身份证号应为18位（最后一位可为X）', en: 'An ID number has 18 characters (the last may be X)' },
  'idNumber.region': { 'zh-CN': '身份证号的地区码无效', en: 'The ID number’s region code is not valid' },
  'idNumber.birthDate': { 'zh-CN': '身份证号中的出生日期无效', en: 'The ID number’s birth date is not valid' },
  'idNumber.checkDigit': { 'zh-CN': '身份证号校验位错误', en: 'The ID number’s check digit is wrong' },
  'idNumber.duplicate': { 'zh-CN': '本县已有相同身份证号的人员', en: 'Someone in this county already has this ID number' },
  'member.orgLevel': { 'zh-CN': '党员应归属到党支部或党小组', en: 'A member belongs to a branch or party group' },
  'member.dates': { 'zh-CN': '日期先后顺序不对：积极分子 → 预备党员 → 正式党员', en: 'Dates out of order: activist → probationary → full member' },
  'member.floatingTo': { 'zh-CN': '流动党员请填写流动去向', en: 'Say where the floating member is' },
  'position.dates': { 'zh-CN': '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  'grid.orgTier': { 'zh-CN': '网格应设在村(社区)', en: 'A grid belongs to a village or community' },
  'grid.partyGroup': { 'zh-CN': '网格党小组应是本村(社区)的党小组', en: 'The grid’s party group must be a party group of the same village' },
  'grid.duplicateCode': { 'zh-CN': '网格编码“{code}”已被使用', en: 'The grid code “{code}” is already used' },
  'grid.boundary': { 'zh-CN': '网格边界应为 GeoJSON 多边形（经纬度）', en: 'The boundary must be a GeoJSON polygon (longitude, latitude)' },
  'household.gridVillage': { 'zh-CN': '网格不属于该村(社区)', en: 'The grid is not in this village' },
  'household.needsHead': { 'zh-CN': '每户应有且只有一名户主', en: 'A household has exactly one head' },
  'body.orgTier': { 'zh-CN': '131n 组织应属于村(社区)', en: 'A 131n body belongs to a village or community' },
  'pairing.partner': { 'zh-CN': '请选择结对单位', en: 'Choose the partner unit' },
  'pairing.dates': { 'zh-CN': '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  'import.invalid': {
    'zh-CN': '文件中有 {count} 处错误，未导入任何数据；请按错误清单修改后重新导入',
    en: '{count} problems in the file; nothing was imported. Fix them and import again',
  },
  'import.file': { 'zh-CN': '请上传 .xlsx 格式的 Excel 文件', en: 'Upload an .xlsx Excel file' },
  'import.empty': { 'zh-CN': '文件中没有数据行', en: 'The file has no data rows' },
  'import.tooLarge': { 'zh-CN': '文件过大（最多 {max} 行）', en: 'The file is too large (at most {max} rows)' },
  'unmask.forbidden': { 'zh-CN': '没有查看敏感信息的权限', en: 'You may not see sensitive fields' },
} as const satisfies Record<string, Label>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export function formatMessage(code: ErrorCode, locale: Locale, params: Record<string, string | number> = {}): string {
  const template: string = ERROR_MESSAGES[code][locale];
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}
