// Strings of the desk forms' own checks (ui/form.ts, ui/submit.ts), under `form`.
export const zhCN = {
  tooLong: '已超过 {max} 字（现 {n} 字），超出部分不会保存，请删减后再提交',
  count: '{n} / {max}',
  phone: '电话只能填数字、空格和 + - ( )，5–20 位',
  badFormat: '格式不正确',
  tooMany: '最多 {max} 项',
  outOfRange: '超出允许范围',
  fixErrors: '请按提示修改标红的项目',
};
export const en: typeof zhCN = {
  tooLong: 'Over {max} characters ({n} now): the rest would not be saved — shorten it before submitting',
  count: '{n} / {max}',
  phone: 'Digits, spaces and + - ( ) only, 5–20 characters',
  badFormat: 'Not in the right format',
  tooMany: 'At most {max}',
  outOfRange: 'Out of the allowed range',
  fixErrors: 'Please correct the fields marked in red',
};
