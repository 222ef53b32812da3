// 三级入户走访 (F12, 篇二 9): random household draws for satisfaction visits, and the answers the visitors record.
import { z } from 'zod';
import { Id } from './common.js';

export const SURVEY_LEVELS = ['city', 'county', 'township'] as const;
export const SurveyLevel = z.enum(SURVEY_LEVELS);
export type SurveyLevel = z.infer<typeof SurveyLevel>;

/** Every answer is a score on this scale (1 = 很不满意 … 5 = 很满意). */
export const SURVEY_SCALE = { min: 1, max: 5 } as const;
export const SURVEY_LIMITS = { sampleMax: 2000, questionsMax: 20, questionMax: 200, titleMax: 100, commentMax: 1000, seedMax: 128 } as const;

/**
 * Default questionnaire: the six goals of a service-oriented party organization (“六有”, 篇五 (4)), asked of the
 * household as the mass's view of their village party organization.
 */
export const SURVEY_DEFAULT_QUESTIONS: readonly { key: string; text: string }[] = [
  { key: 'leadership', text: '村(社区)党组织领导班子服务意识强、服务作风好、服务水平高（有坚强有力的领导班子）' },
  { key: 'cadres', text: '党员干部带头服务、带领服务、带动服务（有本领过硬的骨干队伍）' },
  { key: 'venue', text: '党员群众服务中心便捷服务、便利活动、便于议事（有功能实用的服务场所）' },
  { key: 'carriers', text: '服务形式多样，贴近基层、贴近实际、贴近群众（有形式多样的服务载体）' },
  { key: 'mechanisms', text: '服务制度规范化、常态化、长效化（有健全完善的制度机制）' },
  { key: 'results', text: '服务成效让群众欢迎、群众受益、群众认可（有群众满意的服务业绩）' },
];

const Text = (max: number) => z.string().trim().min(1).max(max);
const Timestamp = z.string();
const QuestionKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/);
const Score = z.number().int().min(SURVEY_SCALE.min).max(SURVEY_SCALE.max);

export const SurveyQuestion = z.strictObject({ key: QuestionKey, text: Text(SURVEY_LIMITS.questionMax) }).meta({ id: 'SurveyQuestion' });
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;

export const CreateSurveyDrawInput = z
  .strictObject({
    /** the area drawn from: every household (not archived) of this org's subtree */
    orgId: Id,
    /** 市、县、乡三级: township admins draw at 'township'; a county admin at 'county', or 'city' for the city's inspection */
    level: SurveyLevel,
    title: Text(SURVEY_LIMITS.titleMax),
    sampleSize: z.number().int().min(1).max(SURVEY_LIMITS.sampleMax),
    /** e.g. a public lottery number; 32 random hex characters when left out */
    seed: z.string().trim().min(1).max(SURVEY_LIMITS.seedMax).regex(/^\S+$/u).optional(),
    /** default: the 六有 questions */
    questions: z.array(SurveyQuestion).min(1).max(SURVEY_LIMITS.questionsMax).optional(),
  })
  .meta({ id: 'CreateSurveyDrawInput' });
export type CreateSurveyDrawInput = z.infer<typeof CreateSurveyDrawInput>;

export const SurveyStratumView = z.object({ orgId: Id, orgName: z.string(), population: z.number().int(), drawn: z.number().int() });

export const SurveyResponseView = z.object({
  id: Id,
  answers: z.record(z.string(), z.number().int()),
  comment: z.string().nullable(),
  visitorId: Id,
  visitorName: z.string().nullable(),
  answeredAt: Timestamp,
});
export type SurveyResponseView = z.infer<typeof SurveyResponseView>;

export const SurveyHouseholdView = z.object({
  id: Id,
  address: z.string(),
  headName: z.string(),
  villageId: Id.nullable(),
  villageName: z.string().nullable(),
  gridId: Id.nullable(),
  gridName: z.string().nullable(),
  answered: z.boolean(),
  /** the answers, when recorded (only households of the caller's area are listed) */
  response: SurveyResponseView.nullable(),
});
export type SurveyHouseholdView = z.infer<typeof SurveyHouseholdView>;

export const SurveyDrawSummary = z
  .object({
    id: Id,
    level: SurveyLevel,
    orgId: Id,
    orgName: z.string(),
    title: z.string(),
    sampleSize: z.number().int(),
    seed: z.string(),
    algorithm: z.string(),
    inputHash: z.string(),
    strata: z.array(SurveyStratumView),
    /** households drawn (may be fewer than asked when the area has fewer) */
    drawnCount: z.number().int(),
    answeredCount: z.number().int(),
    createdAt: Timestamp,
    createdByName: z.string().nullable(),
  })
  .meta({ id: 'SurveyDrawSummary' });
export type SurveyDrawSummary = z.infer<typeof SurveyDrawSummary>;

export const SurveyDrawView = SurveyDrawSummary.extend({
  questions: z.array(SurveyQuestion),
  households: z.array(SurveyHouseholdView),
}).meta({ id: 'SurveyDrawView' });
export type SurveyDrawView = z.infer<typeof SurveyDrawView>;

export const SurveyDrawList = z.object({ items: z.array(SurveyDrawSummary) }).meta({ id: 'SurveyDrawList' });
export const listSurveyDrawsQuery = z.strictObject({ level: SurveyLevel.optional() });
export type ListSurveyDrawsQuery = z.infer<typeof listSurveyDrawsQuery>;

export const SurveyAnswerInput = z
  .strictObject({
    householdId: Id,
    /** question key → score 1–5; every question of the draw answered */
    answers: z.record(QuestionKey, Score),
    comment: Text(SURVEY_LIMITS.commentMax).nullable().optional(),
  })
  .meta({ id: 'SurveyAnswerInput' });
export type SurveyAnswerInput = z.infer<typeof SurveyAnswerInput>;

const QuestionResult = z.object({ key: z.string(), average: z.number().nullable(), count: z.number().int() });
export const SurveyResults = z
  .object({
    drawId: Id,
    drawnCount: z.number().int(),
    answeredCount: z.number().int(),
    questions: z.array(QuestionResult.extend({ text: z.string() })),
    villages: z.array(z.object({
      orgId: Id.nullable(),
      orgName: z.string().nullable(),
      drawn: z.number().int(),
      answered: z.number().int(),
      questions: z.array(QuestionResult),
    })),
  })
  .meta({ id: 'SurveyResults' });
export type SurveyResults = z.infer<typeof SurveyResults>;
