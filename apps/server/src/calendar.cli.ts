// `jiceng calendar import <file> [--county <code>] [--year <year>]`: loads a year's official holiday schedule
// (JSON or CSV, docs/calendar.md) for a county and moves the open deadlines it changes, as the calendar page does.
// It acts as the county's first county admin account (the audit log names it, with "（命令行）").
import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { CalendarScheduleInput, SCHEDULE_LIMITS, ScheduleFileError, fieldMessages, parseScheduleFile } from '@jiceng/contract';
import type { Db } from './db/client.js';
import { orgs } from './modules/orgs/orgs.tables.js';
import { users } from './platform/auth/auth.tables.js';
import type { Actor } from './platform/access/access.js';
import { AppError } from './platform/http/errors.js';
import { loadSchedule } from './platform/calendar/calendar.service.js';
// the cases module moves open deadlines when the calendar changes
import './modules/cases/cases.recompute.js';

export async function calendarImportCommand(db: Db, file: string | undefined, opts: { county?: string; year?: string }): Promise<number> {
  if (!file) {
    console.error('usage: jiceng calendar import <file.json|file.csv> [--county <county org code>] [--year <year>]');
    return 2;
  }
  const text = fs.readFileSync(file, 'utf8');
  if (Buffer.byteLength(text) > SCHEDULE_LIMITS.fileBytesMax) {
    console.error(`${file}: larger than ${SCHEDULE_LIMITS.fileBytesMax} bytes; a year's schedule is a few dozen lines`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseScheduleFile(text, path.basename(file));
  } catch (e) {
    if (e instanceof ScheduleFileError) {
      console.error(`${file}: ${e.message}`);
      return 1;
    }
    throw e;
  }
  const year = Number(opts.year ?? parsed.year);
  if (!Number.isInteger(year) || year < SCHEDULE_LIMITS.yearMin || year > SCHEDULE_LIMITS.yearMax) {
    console.error(`${file}: no year (give --year, or a "year" field in the JSON)`);
    return 2;
  }
  const input = CalendarScheduleInput.safeParse({ source: parsed.source || path.basename(file), holidays: parsed.holidays, workdays: parsed.workdays });
  if (!input.success) {
    for (const [f, m] of Object.entries(fieldMessages(input.error.issues, 'zh-CN'))) console.error(`${file}: ${f}: ${m}`);
    return 1;
  }
  const counties = await db.select({ id: orgs.id, countyId: orgs.countyId, code: orgs.code, name: orgs.name, path: sql<string>`${orgs.path}::text` })
    .from(orgs).where(and(isNull(orgs.parentId), eq(orgs.tier, 'county'), opts.county ? eq(orgs.code, opts.county) : undefined));
  if (counties.length !== 1) {
    console.error(opts.county ? `no county with code ${opts.county}` : `several counties: give --county (${counties.map((c) => c.code).join(', ')})`);
    return 2;
  }
  const county = counties[0]!;
  const [admin] = await db.select().from(users)
    .where(and(eq(users.countyId, county.countyId), eq(users.role, 'countyAdmin'))).orderBy(asc(users.createdAt)).limit(1);
  if (!admin) {
    console.error(`${county.name} has no county admin account to act as`);
    return 2;
  }
  const actor: Actor = {
    userId: admin.id, countyId: county.countyId, username: admin.username, displayName: `${admin.displayName}（命令行）`, role: 'countyAdmin',
    orgId: county.id, departmentId: null, scope: [county.path], countyPath: county.path, sessionId: 'cli', ip: null,
  };
  try {
    const r = await loadSchedule(db, actor, year, input.data);
    console.log(`${county.name}: ${year} 年官方节假日安排已载入（${r.holidays} 天假期，${r.workdays} 天调休上班）；${r.moved} 件在办事项的期限已调整`);
    for (const c of r.changes.slice(0, 20)) console.log(`  ${c.number}: ${c.from} → ${c.to}`);
    if (r.moved > 20) console.log(`  …（共 ${r.moved} 件，详见审计日志 case.deadlinesMoved）`);
    return 0;
  } catch (e) {
    if (e instanceof AppError) {
      console.error(`${file}: ${e.code} ${JSON.stringify(e.params)} ${e.fields ? JSON.stringify(e.fields) : ''}`);
      return 1;
    }
    throw e;
  }
}
