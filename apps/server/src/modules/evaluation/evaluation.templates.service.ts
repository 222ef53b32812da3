// 指标体系 (issue 11, F17): the county's indicator templates per sector. A template's points sum to 100 and each
// indicator's fields fit its method (rules.templateProblems, every problem named by field). A template a round
// uses is locked when the round opens (draft → self) and never changes again: the county copies it (version + 1,
// based_on_id the original, the same indicator codes, so grade histories compare indicator by indicator).
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { IndicatorInput, SaveTemplateInput, TemplateList, TemplateView } from '@jiceng/contract';
import { rowsOf, type Db, type DbOrTx } from '../../db/client.js';
import type { Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { conflict, notFound, problemsError } from '../../platform/http/errors.js';
import { evaluationIndicators, evaluationTemplates } from './evaluation.tables.js';
import { round2, templateProblems } from './evaluation.rules.js';
import { templateIndicators } from './evaluation.compute.js';

export const TEMPLATE_ENTITY = 'evaluationTemplate';

interface TemplateRow {
  id: string; name: string; sector: TemplateView['sector']; version: number; based_on_id: string | null; note: string | null;
  locked_at: Date | string | null; created_at: Date | string; updated_at: Date | string;
}

async function templateRows(db: DbOrTx, countyId: string, id?: string): Promise<TemplateRow[]> {
  return rowsOf<TemplateRow>(await db.execute(sql`
    select id, name, sector, version, based_on_id, note, locked_at, created_at, updated_at
      from evaluation_templates
     where county_id = ${countyId}::uuid and archived_at is null ${id ? sql`and id = ${id}::uuid` : sql``}
     order by sector, name, version desc, id`));
}

async function views(db: DbOrTx, countyId: string, rows: TemplateRow[]): Promise<TemplateView[]> {
  const indicators = await templateIndicators(db, countyId, rows.map((r) => r.id));
  const uses = rowsOf<{ template_id: string; round_id: string }>(await db.execute(sql`
    select x->>'templateId' as template_id, r.id as round_id
      from evaluation_rounds r, jsonb_array_elements(r.templates) x
     where r.county_id = ${countyId}::uuid
     order by r.year desc, r.id`));
  return rows.map((r) => {
    const inds = indicators.get(r.id) ?? [];
    return {
      id: r.id, name: r.name, sector: r.sector, version: Number(r.version), basedOnId: r.based_on_id, note: r.note,
      locked: r.locked_at !== null,
      totalPoints: round2(inds.reduce((s, i) => s + i.maxPoints, 0)),
      indicators: inds.map((i) => ({
        id: i.id, position: i.position, code: i.code, group: i.group as TemplateView['indicators'][number]['group'], name: i.name,
        criteria: i.criteria, maxPoints: i.maxPoints, method: i.method, metric: i.metric, curve: i.curve, basePoints: i.basePoints,
      })),
      roundIds: uses.filter((u) => u.template_id === r.id).map((u) => u.round_id),
      createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
    };
  });
}

export async function listTemplates(db: DbOrTx, actor: Actor): Promise<TemplateList> {
  return { items: await views(db, actor.countyId, await templateRows(db, actor.countyId)) };
}

export async function getTemplate(db: DbOrTx, actor: Actor, id: string): Promise<TemplateView> {
  const rows = await templateRows(db, actor.countyId, id);
  if (!rows.length) throw notFound();
  return (await views(db, actor.countyId, rows))[0]!;
}

function assertValid(input: SaveTemplateInput): void {
  const problems = templateProblems(input.indicators);
  if (!problems.length) return;
  // every field's message with its own params (the sum, each method problem's why)
  throw problemsError(problems);
}

const indicatorRows = (countyId: string, templateId: string, indicators: readonly IndicatorInput[]) =>
  indicators.map((x, i) => ({
    countyId, id: uuidv7(), templateId, position: i + 1, code: x.code, group: x.group, name: x.name, criteria: x.criteria ?? null,
    maxPoints: x.maxPoints, method: x.method, metric: x.metric ?? null, curve: x.curve ?? null, basePoints: x.basePoints ?? null,
  }));

const summary = (input: SaveTemplateInput) => ({
  name: input.name, sector: input.sector, indicators: input.indicators.length,
  codes: input.indicators.map((i) => `${i.code} ${i.maxPoints}`),
});

export async function createTemplate(db: Db, actor: Actor, input: SaveTemplateInput): Promise<TemplateView> {
  assertValid(input);
  const id = uuidv7();
  await db.transaction(async (tx) => {
    await tx.insert(evaluationTemplates).values({
      countyId: actor.countyId, id, name: input.name, sector: input.sector, note: input.note ?? null, createdBy: actor.userId,
    });
    await tx.insert(evaluationIndicators).values(indicatorRows(actor.countyId, id, input.indicators));
    await appendAudit(tx, byActor(actor, { action: 'evaluation.templateCreate', entity: TEMPLATE_ENTITY, entityId: id, orgPath: actor.countyPath, detail: summary(input) }));
  });
  return getTemplate(db, actor, id);
}

/** Replaces name, note and indicators of a template no round has opened with (409 evaluation.templateLocked). */
export async function updateTemplate(db: Db, actor: Actor, id: string, input: SaveTemplateInput): Promise<TemplateView> {
  const before = await getTemplate(db, actor, id);
  if (before.locked) throw conflict('evaluation.templateLocked', 'id');
  assertValid(input);
  await db.transaction(async (tx) => {
    const [locked] = rowsOf<{ locked: boolean }>(await tx.execute(sql`
      select locked_at is not null as locked from evaluation_templates where county_id = ${actor.countyId}::uuid and id = ${id}::uuid for update`));
    if (!locked || locked.locked) throw conflict('evaluation.templateLocked', 'id');
    await tx.execute(sql`
      update evaluation_templates set name = ${input.name}, sector = ${input.sector}, note = ${input.note ?? null}, updated_at = now()
       where county_id = ${actor.countyId}::uuid and id = ${id}::uuid`);
    await tx.execute(sql`delete from evaluation_indicators where county_id = ${actor.countyId}::uuid and template_id = ${id}::uuid`);
    await tx.insert(evaluationIndicators).values(indicatorRows(actor.countyId, id, input.indicators));
    await appendAudit(tx, byActor(actor, {
      action: 'evaluation.templateUpdate', entity: TEMPLATE_ENTITY, entityId: id, orgPath: actor.countyPath,
      detail: { before: { name: before.name, sector: before.sector, codes: before.indicators.map((i) => `${i.code} ${i.maxPoints}`) }, after: summary(input) },
    }));
  });
  return getTemplate(db, actor, id);
}

/** A new editable version of a template: version + 1, based on it, the same indicators and codes. */
export async function copyTemplate(db: Db, actor: Actor, id: string): Promise<TemplateView> {
  const source = await getTemplate(db, actor, id);
  const newId = uuidv7();
  await db.transaction(async (tx) => {
    await tx.insert(evaluationTemplates).values({
      countyId: actor.countyId, id: newId, name: source.name, sector: source.sector, version: source.version + 1, basedOnId: source.id,
      note: source.note, createdBy: actor.userId,
    });
    await tx.insert(evaluationIndicators).values(indicatorRows(actor.countyId, newId, source.indicators.map((i) => ({
      code: i.code, group: i.group, name: i.name, criteria: i.criteria ?? undefined, maxPoints: i.maxPoints, method: i.method,
      metric: i.metric ?? undefined, curve: i.curve ?? undefined, basePoints: i.basePoints ?? undefined,
    }))));
    await appendAudit(tx, byActor(actor, {
      action: 'evaluation.templateCopy', entity: TEMPLATE_ENTITY, entityId: newId, orgPath: actor.countyPath,
      detail: { basedOnId: source.id, version: source.version + 1, name: source.name },
    }));
  });
  return getTemplate(db, actor, newId);
}
