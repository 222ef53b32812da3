// 考评 — self-evaluation and scoring sheet, contests, rectification, grade changes (issue 11): messages under evaluation.scoring.*
// Labels of the seeds: 篇一 (听、看、查、走、访; 档案痕迹材料; 加分和扣分; 分类定级、晋位升级; 软弱涣散党组织整顿), 篇五(14).
export const zhCN = {
  round: '考评轮次', township: '乡镇(街道)', final: '总分', grade: '定级', proposedGrade: '拟定等级',
  maxPoints: '满分 {n}', points: '{n} 分', basis: '依据', frozen: '已冻结', computedAt: '计算于 {at}', notComputed: '尚未计算',
  stage: { self: '基层自评', mass: '群众测评', org: '组织考评' },
  total: '合计',
  vetoed: '已一票否决', noVeto: '未发生否决事项', vetoEvent: '一票否决', vetoAlert: '该组织有一票否决事项：无论得分，定为“后进”',
  withdraw: '撤回', withdrawn: '已撤回', withdrawConfirm: '撤回这条记录？“{reason}”',
  addEntry: '加分/扣分', addVeto: '记录一票否决事件',
  selfSubmitted: '自评提交：', orgSubmitted: '组织考评提交：', notSubmitted: '未提交',
  modeSelf: '本组织自评：逐项对照档案痕迹材料加分、扣分，完成后提交自评',
  modeOrg: '组织考评：采取“听、看、查、走、访”的方式，严格按照档案痕迹材料进行加分和扣分',
  modeContest: '考评结果公示中：对评分有异议的，可在 {day} 前对指标提出申诉',
  submitSelf: '提交自评', submitOrg: '提交组织考评', submitNow: '确认提交', submitted: '已提交',
  submitConfirm: '提交后{stage}不能再修改。本阶段合计 {total} 分，确认提交？',
  way: { listen: '听', look: '看', check: '查', walk: '走', visit: '访' },
  entity: {
    case: '办件', visit: '走访记录', activity: '活动', volunteerRecord: '志愿服务记录', duty: '书记“三个一”', trainingCourse: '培训',
    whistle: '吹哨报到', body: '131n服务组织', surveyDraw: '三级入户走访',
  },
  evidence: {
    label: '档案痕迹材料', file: '照片或文件', record: '关联记录', camera: '拍照', pick: '选择照片或 PDF', album: '从相册选择',
    fileHint: '照片在手机上压缩后上传（最长边 1600 像素）；PDF 不超过 5 MB。保存时记录文件的 SHA-256。',
    photoHint: '照片在手机上压缩后上传', entity: '记录类型', recordId: '记录编号（ID）', recordHint: '平台内本组织的记录，如办件、走访、活动',
    required: '须附照片、文件或关联记录', problem: { type: '只能上传照片或 PDF', size: '文件超过 5 MB', read: '无法读取该照片' },
  },
  entry: {
    title: '加分/扣分', vetoTitle: '记录一票否决事件', delta: '分值', plus: '加分', minus: '扣分',
    after: '本项 {from} → {to} 分（满分 {max}，不低于 0 分）', reason: '理由', vetoReason: '否决事由', way: '考评方式',
    vetoNote: '一票否决：该组织无论得分均定为“后进”。须写明事由并附材料。', saved: '已记录', vetoSaved: '已记录一票否决事件',
  },
  mass: {
    s: '入户调查满意度 S', c: '办件评价 C', surveys: '{n} 条回答，均值 {mean}', ratings: '{n} 件评价，均值 {mean}',
    excluded: '{n} 件由本组织内部账号录入的评价不计入', rule: '群众测评 = 100 ×（{s}% × S + {c}% × C）', explain: '查看群众测评依据',
    none: '无法计算',
  },
  contest: {
    file: '申诉', fileTitle: '对指标评分提出申诉', reason: '申诉理由', filed: '申诉已提交，等待复核', current: '现得分 {n} / {max}',
    window: '公示期内可申诉，截至 {day}', summary: '原 {before} 分', decision: '{name}复核：{reason}',
  },
  contests: {
    org: '党组织', indicator: '指标', before: '原得分', beforeShort: '原 {n} 分', reason: '申诉理由与材料', filer: '申诉人', decision: '复核结果',
    none: '暂无申诉', pending: '待复核 {n} 件', scorer: '您参与了该指标的组织考评评分，须由其他复核人处理', ownFiling: '本人提出的申诉须由他人复核',
  },
  decide: {
    title: '复核', decision: '复核意见', upheld: '维持原评分', changed: '改分', newPoints: '改为（0 – {max} 分）', reason: '复核理由',
    range: '分值须在 0 到 {max} 之间', saved: '复核完成，总分与等级已重新计算',
  },
  plan: {
    create: '制定整顿方案', edit: '修改整顿方案：{org}', org: '整顿对象（定为“后进”的组织）', problems: '存在问题', measures: '整改措施',
    addProblem: '添加问题', addMeasure: '添加措施', responsible: '责任人', dueOn: '整改期限',
    problemsHint: '已按得分最低的指标和一票否决事项预先填写，可修改', dueHint: '默认按政策参数的工作日数推算',
    noCandidates: '本轮没有尚未制定方案的“后进”组织',
  },
  rect: {
    count: '共 {n} 个，整顿中 {open} 个，逾期 {overdue} 个', none: '暂无整顿方案', detail: '详情', dueOn: '整改期限', overdue: '已逾期',
    lastRecheck: '最近复查', responsible: '责任人', closedAt: '{at} 销号', sheet: '查看考评结果', editPlan: '修改方案',
    notes: '整改进展与复查', noNotes: '尚无进展记录', progress: '整改进展', recheck: '复查', result: '复查结论',
    progressText: '进展情况', recheckText: '复查意见', photo: '照片', addNote: '记录', closedNow: '复查通过，已销号',
    laggingWithout: '{n} 个“后进”组织尚未制定整顿方案：{orgs}',
  },
  changes: {
    against: '{year} 年定级与 {previous} 年相比', up: '晋位', down: '降位', same: '持平', twice: '连续两年后进', twiceShort: '连续后进',
    twiceAlert: '连续两年定为“后进”：{orgs}', previous: '{year} 年', current: '{year} 年', change: '变化', history: '历年',
    historyOf: '{org} 历年定级', rank: '第 {n} 名', sheet: '考评结果', noHistory: '尚无已公示的定级', pick: '请选择考评轮次',
  },
};
export const en: typeof zhCN = {
  round: 'Round', township: 'Township', final: 'Final', grade: 'Grade', proposedGrade: 'Proposed grade',
  maxPoints: 'max {n}', points: '{n} pts', basis: 'Basis', frozen: 'Frozen', computedAt: 'computed {at}', notComputed: 'Not computed yet',
  stage: { self: 'Self-evaluation', mass: 'Mass evaluation', org: 'Organization evaluation' },
  total: ' total',
  vetoed: 'Vetoed', noVeto: 'No veto event', vetoEvent: 'Veto', vetoAlert: 'A veto event stands: the org is graded lagging whatever its score',
  withdraw: 'Withdraw', withdrawn: 'Withdrawn', withdrawConfirm: 'Withdraw this entry? “{reason}”',
  addEntry: 'Add / deduct', addVeto: 'Record a veto event',
  selfSubmitted: 'Self-evaluation submitted: ', orgSubmitted: 'Org evaluation submitted: ', notSubmitted: 'not submitted',
  modeSelf: 'Self-evaluation: add or deduct against the archived evidence, then submit',
  modeOrg: 'Organization evaluation: listen, look, check, walk, visit — add and deduct strictly on the archived evidence',
  modeContest: 'Results are published: an indicator may be contested until {day}',
  submitSelf: 'Submit self-evaluation', submitOrg: 'Submit org evaluation', submitNow: 'Submit', submitted: 'Submitted',
  submitConfirm: 'After submission the {stage} cannot change. The stage totals {total}. Submit?',
  way: { listen: 'Listen', look: 'Look', check: 'Check', walk: 'Walk', visit: 'Visit' },
  entity: {
    case: 'Case', visit: 'Visit', activity: 'Activity', volunteerRecord: 'Volunteer record', duty: 'Secretary duty', trainingCourse: 'Training',
    whistle: 'Whistle', body: '131n body', surveyDraw: 'Household survey',
  },
  evidence: {
    label: 'Evidence', file: 'Photo or file', record: 'Linked record', camera: 'Take photo', pick: 'Pick a photo or PDF', album: 'From the album',
    fileHint: 'Photos are shrunk on the phone (1600 px); a PDF up to 5 MB. The SHA-256 of the file is kept.',
    photoHint: 'Photos are shrunk on the phone', entity: 'Record type', recordId: 'Record ID', recordHint: 'A record of this org on the platform: a case, visit, activity…',
    required: 'A photo, file or linked record is needed', problem: { type: 'Only photos or PDF', size: 'The file is over 5 MB', read: 'The photo cannot be read' },
  },
  entry: {
    title: 'Add / deduct', vetoTitle: 'Record a veto event', delta: 'Points', plus: 'Add', minus: 'Deduct',
    after: 'This indicator {from} → {to} (max {max}, not below 0)', reason: 'Reason', vetoReason: 'What happened', way: 'Method',
    vetoNote: 'A veto grades the org lagging whatever its score. State what happened and attach evidence.', saved: 'Recorded', vetoSaved: 'Veto event recorded',
  },
  mass: {
    s: 'Household surveys S', c: 'Case ratings C', surveys: '{n} answers, mean {mean}', ratings: '{n} ratings, mean {mean}',
    excluded: '{n} ratings recorded from inside the org are left out', rule: 'Mass = 100 × ({s}% × S + {c}% × C)', explain: 'Mass evaluation basis',
    none: 'Cannot be computed',
  },
  contest: {
    file: 'Contest', fileTitle: 'Contest an indicator’s points', reason: 'Reason', filed: 'Contest filed; awaiting review', current: 'Now {n} / {max}',
    window: 'Contests are open until {day}', summary: 'was {before}', decision: '{name} decided: {reason}',
  },
  contests: {
    org: 'Organization', indicator: 'Indicator', before: 'Points', beforeShort: 'was {n}', reason: 'Reason and evidence', filer: 'Filed by', decision: 'Decision',
    none: 'No contests', pending: '{n} pending', scorer: 'You scored this indicator: another reviewer decides', ownFiling: 'You filed this contest: another reviewer decides',
  },
  decide: {
    title: 'Review', decision: 'Decision', upheld: 'Uphold', changed: 'Change points', newPoints: 'New points (0 – {max})', reason: 'Reason',
    range: 'Points must be between 0 and {max}', saved: 'Decided; the final score and grade are recomputed',
  },
  plan: {
    create: 'Make a rectification plan', edit: 'Edit the plan: {org}', org: 'Org (graded lagging)', problems: 'Problems', measures: 'Measures',
    addProblem: 'Add a problem', addMeasure: 'Add a measure', responsible: 'Responsible', dueOn: 'Due',
    problemsHint: 'Pre-filled from the weakest indicators and veto events; edit as needed', dueHint: 'Default: the policy’s working days from today',
    noCandidates: 'No lagging org of this round is without a plan',
  },
  rect: {
    count: '{n} plans, {open} open, {overdue} overdue', none: 'No plans', detail: 'Details', dueOn: 'Due', overdue: 'overdue',
    lastRecheck: 'Last re-check', responsible: 'Responsible', closedAt: 'closed {at}', sheet: 'Evaluation sheet', editPlan: 'Edit plan',
    notes: 'Progress and re-checks', noNotes: 'No progress yet', progress: 'Progress', recheck: 'Re-check', result: 'Result',
    progressText: 'Progress', recheckText: 'Re-check notes', photo: 'Photo', addNote: 'Record', closedNow: 'Re-check passed; closed',
    laggingWithout: '{n} lagging orgs have no plan yet: {orgs}',
  },
  changes: {
    against: '{year} grades against {previous}', up: 'Up', down: 'Down', same: 'Same', twice: 'Lagging two years', twiceShort: 'twice',
    twiceAlert: 'Lagging two years running: {orgs}', previous: '{year}', current: '{year}', change: 'Change', history: 'History',
    historyOf: '{org}: grades by year', rank: 'rank {n}', sheet: 'Sheet', noHistory: 'No published grade yet', pick: 'Pick a round',
  },
};
