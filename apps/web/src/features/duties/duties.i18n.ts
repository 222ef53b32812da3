// Issue 10 (members' duties): messages of the duties pages, under `duties.` — each part keeps its own keys
// (duties.volunteer.*, duties.compliance.*, duties.threeOnes.*, duties.training.*, duties.programme.*,
// duties.commitments.*) in its own file beside this one, merged here.
import * as volunteer from './volunteer.i18n';
import * as compliance from './compliance.i18n';
import * as threeOnes from './threeOnes.i18n';
import * as training from './training.i18n';
import * as programme from './programme.i18n';
import * as commitments from './commitments.i18n';
import * as memberAccount from './memberAccount.i18n';

export const zhCN = {
  menu: { volunteer: '志愿服务', compliance: '义务履行', threeOnes: '书记“三个一”', training: '教育培训', programme: '“6个100”工程', commitments: '承诺践诺' },
  volunteer: volunteer.zhCN, compliance: compliance.zhCN, threeOnes: threeOnes.zhCN, training: training.zhCN, programme: programme.zhCN, commitments: commitments.zhCN,
  memberAccount: memberAccount.zhCN,
};
export const en: typeof zhCN = {
  menu: { volunteer: 'Volunteer hours', compliance: 'Duties compliance', threeOnes: 'Secretaries’ “three ones”', training: 'Training', programme: '“6 × 100” programme', commitments: 'Commitments' },
  volunteer: volunteer.en, compliance: compliance.en, threeOnes: threeOnes.en, training: training.en, programme: programme.en, commitments: commitments.en,
  memberAccount: memberAccount.en,
};
