import {
  AddWorkingDaysView, CalendarMonthView, CalendarScheduleInput, CalendarScheduleResult, CalendarYearList, CalendarYearParams, DayParams, OkView,
  SetCalendarOverrideInput, addWorkingDaysQuery, calendarMonthQuery,
} from '@jiceng/contract';
import type { App, ModuleContext } from '../http/types.js';
import { actorOf } from '../http/auth-hook.js';
import { calendarMonth, calendarYears, countyCalendar, loadSchedule, setOverride } from './calendar.service.js';
import { addWorkdays, spansProvisional, type CountyCalendar } from './working-days.js';

/** The county's working calendar: official holidays and make-up days, loaded schedules, the county's overrides. */
export async function calendarRoutes(app: App, { database: { db } }: ModuleContext) {
  const tags = ['calendar'];
  app.get('/api/calendar', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '工作日历（法定节假日、调休上班日及本县调整）', querystring: calendarMonthQuery, response: { 200: CalendarMonthView } },
  }, async (req) => ({ month: req.query.month, days: await calendarMonth(db, actorOf(req), req.query.month) }));

  // Public: the resident portal and API users show promised dates; a county's holidays are no secret.
  app.get('/api/calendar/working-days/add', {
    config: { permission: 'public' },
    schema: { tags, summary: '第 N 个工作日（办件时限的计算口径）', querystring: addWorkingDaysQuery, response: { 200: AddWorkingDaysView } },
  }, async (req) => {
    const cal: CountyCalendar | undefined = req.query.countyId ? await countyCalendar(db, req.query.countyId) : undefined;
    const date = addWorkdays(req.query.from, req.query.days, cal);
    return { date, provisional: spansProvisional(req.query.from, date, cal) };
  });

  app.get('/api/calendar/years', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: '各年节假日数据：官方（系统自带 / 本县载入）或暂按法定节假日计算', response: { 200: CalendarYearList } },
  }, async (req) => calendarYears(db, actorOf(req)));

  app.put('/api/calendar/years/:year', {
    config: { permission: 'policy.write' },
    schema: {
      tags, summary: '载入某年国务院办公厅公布的节假日安排（假期与调休上班日），并重新计算受影响的在办期限',
      params: CalendarYearParams, body: CalendarScheduleInput, response: { 200: CalendarScheduleResult },
    },
  }, async (req) => loadSchedule(db, actorOf(req), req.params.year, req.body));

  app.put('/api/calendar/:day', {
    config: { permission: 'policy.write' },
    schema: { tags, summary: '本县调整某日为工作日或休息日', params: DayParams, body: SetCalendarOverrideInput, response: { 200: OkView } },
  }, async (req) => {
    await setOverride(db, actorOf(req), req.params.day, req.body);
    return { ok: true as const };
  });

  app.delete('/api/calendar/:day', {
    config: { permission: 'policy.write' },
    schema: { tags, summary: '取消本县对某日的调整', params: DayParams, response: { 200: OkView } },
  }, async (req) => {
    await setOverride(db, actorOf(req), req.params.day, null);
    return { ok: true as const };
  });
}
