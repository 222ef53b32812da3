// 申诉 (issue 11): during the publication window (公示, policy evaluation.contestWorkingDays, the round's
// contest_until) the org itself contests one indicator with a reason and evidence; a county reviewer who did not
// score that indicator in the org stage — and did not file the contest — decides: upheld, or changed with new
// org-stage points (rules.scoreSheet then uses them; for a veto indicator a change lifts the veto); the org's scores
// and the published grade are recomputed in the same transaction. All of it audited on the target (entity
// 'evaluationTarget', detail.indicatorId) so the explanation page shows it.
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { ROUND_STATE_LABELS, type ContestList, type ContestView, type DecideContestInput, type FileContestInput, type FileMeta, type ListContestsQuery } from '@jiceng/contract';
import { rowsOf, type Db, type DbOrTx } from '../../db/client.js';
import { can, inScope, scopeFilter, type Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/http/errors.js';
import { readFile, saveFile } from '../../platform/files/files.service.js';
import { shanghaiToday } from '../../platform/calendar/today.js';
import { evaluationContests } from './evaluation.tables.js';
import { loadRoundRow, recomputeScores } from './evaluation.compute.js';
import {
  CONTEST_FILE_ENTITY, TARGET_ENTITY, checkEvidence, contestRows, contestViews, indicatorsOf, loadTarget, roundRow, scorersOf, sheetData, targetEntityId,
} from './evaluation.sheet.service.js';

async function contestView(db: DbOrTx, actor: Actor, id: string): Promise<ContestView> {
  const rows = await contestRows(db, actor.countyId, sql`x.id = ${id}::uuid`);
  const [v] = await contestViews(db, actor.countyId, rows);
  if (!v) throw notFound();
  return v;
}

/** Files a contest: only the org itself, the round published, today (Asia/Shanghai) within the window. */
export async function fileContest(db: Db, actor: Actor, roundId: string, orgId: string, input: FileContestInput): Promise<ContestView> {
  const loaded = await loadTarget(db, actor, roundId, orgId);
  const { round, target } = loaded;
  if (actor.orgId !== orgId || !can(actor, 'evaluation.self')) throw forbidden('evaluation.ownOrgOnly');
  if (round.state !== 'published') throw conflict('evaluation.state', 'indicatorId', { state: ROUND_STATE_LABELS[round.state]['zh-CN'] });
  if (!round.contestUntil || shanghaiToday() > round.contestUntil) throw unprocessable('evaluation.contestWindow', 'indicatorId', { day: round.contestUntil ?? '' });
  const ind = (await indicatorsOf(db, actor.countyId, target.templateId)).find((i) => i.id === input.indicatorId);
  if (!ind) throw unprocessable('evaluation.indicatorNotInTemplate', 'indicatorId');
  const sheet = await sheetData(db, actor, loaded);
  if (sheet.contests.some((c) => c.indicatorId === ind.id && c.state === 'pending')) throw conflict('evaluation.contestDuplicate', 'indicatorId');
  const data = await checkEvidence(db, actor.countyId, target.orgPath, input);
  const p = sheet.points.points.get(ind.id)!;
  const pointsBefore = p.contested ?? p.org;
  const id = uuidv7();
  await db.transaction(async (tx) => {
    // the round locked, then the one-pending-per-indicator rule checked again: two quick submissions file one contest
    const locked = await loadRoundRow(tx, actor.countyId, roundId, true);
    if (locked?.state !== 'published') throw conflict('evaluation.state', 'indicatorId', { state: ROUND_STATE_LABELS[locked?.state ?? round.state]['zh-CN'] });
    const [dup] = rowsOf(await tx.execute(sql`
      select 1 from evaluation_contests where county_id = ${actor.countyId}::uuid and round_id = ${roundId}::uuid and org_id = ${orgId}::uuid
         and indicator_id = ${ind.id}::uuid and state = 'pending'`));
    if (dup) throw conflict('evaluation.contestDuplicate', 'indicatorId');
    let file: FileMeta | null = null;
    if (data && input.file) file = await saveFile(tx, actor.countyId, { entity: CONTEST_FILE_ENTITY, entityId: id }, input.file, data, actor.userId);
    await tx.insert(evaluationContests).values({
      countyId: actor.countyId, id, roundId, orgId, indicatorId: ind.id, reason: input.reason, fileId: file?.id ?? null,
      linkedEntity: input.linkedEntity ?? null, linkedId: input.linkedId ?? null, pointsBefore, filedBy: actor.userId, filerName: actor.displayName,
    });
    await appendAudit(tx, byActor(actor, {
      action: 'evaluation.contest', entity: TARGET_ENTITY, entityId: targetEntityId(roundId, orgId), orgPath: target.orgPath,
      detail: {
        contestId: id, indicatorId: ind.id, indicatorCode: ind.code, indicatorName: ind.name, reason: input.reason, pointsBefore,
        file: file ? { name: file.name, sha256: file.sha256 } : null, linkedEntity: input.linkedEntity ?? null, linkedId: input.linkedId ?? null,
      },
    }));
  });
  return contestView(db, actor, id);
}

/** The county (evaluation.manage) sees all of its contests; anyone else those of the orgs in their scope (an org: its own). */
export async function listContests(db: DbOrTx, actor: Actor, q: ListContestsQuery): Promise<ContestList> {
  const rows = await contestRows(db, actor.countyId, sql`true
    ${can(actor, 'evaluation.manage') ? sql`` : sql`and ${scopeFilter(actor, sql`t.org_path`)}`}
    ${q.roundId ? sql`and x.round_id = ${q.roundId}::uuid` : sql``}
    ${q.state ? sql`and x.state = ${q.state}` : sql``}`);
  return { items: await contestViews(db, actor.countyId, rows) };
}

export async function decideContest(db: Db, actor: Actor, id: string, input: DecideContestInput): Promise<ContestView> {
  const [c] = await contestRows(db, actor.countyId, sql`x.id = ${id}::uuid`);
  if (!c || !inScope(actor, c.orgPath)) throw notFound();
  const scorers = (await scorersOf(db, actor.countyId, [c])).get(`${c.roundId}|${c.orgId}|${c.indicatorId}`) ?? [];
  if (c.filedBy === actor.userId || scorers.includes(actor.userId)) throw forbidden('evaluation.contestReviewer');
  if (c.state !== 'pending') throw conflict('evaluation.contestDecided', 'decision');
  const round = (await roundRow(db, actor.countyId, c.roundId))!;
  if (round.state !== 'published') throw conflict('evaluation.state', 'decision', { state: ROUND_STATE_LABELS[round.state]['zh-CN'] });
  let newPoints: number | null = null;
  if (input.decision === 'changed' && c.method !== 'veto') {
    if (input.newPoints === undefined || input.newPoints < 0 || input.newPoints > c.maxPoints) {
      throw unprocessable('evaluation.pointsRange', 'newPoints', { min: 0, max: c.maxPoints });
    }
    newPoints = input.newPoints;
  }
  await db.transaction(async (tx) => {
    const locked = await loadRoundRow(tx, actor.countyId, c.roundId, true);
    if (locked?.state !== 'published') throw conflict('evaluation.state', 'decision', { state: ROUND_STATE_LABELS[locked?.state ?? round.state]['zh-CN'] });
    // the state condition makes a concurrent second decision change nothing
    const done = await tx.execute(sql`
      update evaluation_contests set state = ${input.decision}, decided_by = ${actor.userId}::uuid, decider_name = ${actor.displayName},
             decided_at = now(), new_points = ${newPoints}, decision_reason = ${input.reason}
       where county_id = ${actor.countyId}::uuid and id = ${id}::uuid and state = 'pending' returning id`);
    if (!rowsOf(done).length) throw conflict('evaluation.contestDecided', 'decision');
    await recomputeScores(tx, actor.countyId, c.roundId, [c.orgId]);
    await appendAudit(tx, byActor(actor, {
      action: 'evaluation.contestDecide', entity: TARGET_ENTITY, entityId: targetEntityId(c.roundId, c.orgId), orgPath: c.orgPath,
      detail: {
        contestId: id, indicatorId: c.indicatorId, indicatorName: c.indicatorName, decision: input.decision, pointsBefore: c.pointsBefore,
        newPoints, reason: input.reason,
      },
    }));
  });
  return contestView(db, actor, id);
}

/** The evidence file of a contest (visible to whoever sees the contest). */
export async function contestFile(db: DbOrTx, actor: Actor, id: string) {
  const [c] = await contestRows(db, actor.countyId, sql`x.id = ${id}::uuid`);
  if (!c || !inScope(actor, c.orgPath) || !c.fileId) throw notFound();
  return readFile(db, actor.countyId, CONTEST_FILE_ENTITY, id, c.fileId);
}
