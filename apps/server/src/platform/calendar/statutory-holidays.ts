// The statutory public holidays (全体公民放假的节日) of 《全国年节及纪念日放假办法》, as revised by the State
// Council on 2024-11-10 (国务院令第795号, in force from 2025-01-01), article 2:
//   (一) 新年，放假1天（1月1日）
//   (二) 春节，放假4天（农历除夕、正月初一至初三）
//   (三) 清明节，放假1天（农历清明当日）
//   (四) 劳动节，放假2天（5月1日、2日）
//   (五) 端午节，放假1天（农历端午当日）
//   (六) 中秋节，放假1天（农历中秋当日）
//   (七) 国庆节，放假3天（10月1日至3日）
// This is the one place these rules live. The calendar uses them only for years without an official schedule
// (the State Council's yearly notice, shipped by chinese-days or loaded by a county): such days are marked
// provisional, because the notice usually moves weekends around them (调休) and may add bridge days.
// Lunar dates and the solar term 清明 come from chinese-days (its lunar tables cover 1900–2100), not from a
// hand-written table.
import chineseDays from 'chinese-days';

export interface StatutoryHoliday {
  day: string;
  /** zh-CN name, as chinese-days names official holidays */
  name: string;
}

const DAY_MS = 86_400_000;
const shift = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');
/** The solar date of a lunar date (month, day) of lunar year `year` (never the leap month). */
const lunar = (year: number, month: number, day: number) => chineseDays.getSolarDateFromLunar(`${year}-${pad(month)}-${pad(day)}`).date;

/** The solar date of 清明 in `year` (chinese-days' solar-term calculation; always early April). */
function qingming(year: number): string {
  const term = chineseDays.getSolarTerms(`${year}-04-01`, `${year}-04-10`).find((t) => t.term === 'pure_brightness');
  if (!term) throw new RangeError(`no 清明 found in ${year}`);
  return term.date;
}

const cache = new Map<number, ReadonlyMap<string, StatutoryHoliday>>();

/** The statutory holidays of a Gregorian year (each lunar holiday of lunar year `year` falls in that year). */
export function statutoryHolidays(year: number): ReadonlyMap<string, StatutoryHoliday> {
  const hit = cache.get(year);
  if (hit) return hit;
  const out = new Map<string, StatutoryHoliday>();
  const put = (day: string, name: string) => out.set(day, { day, name });
  put(`${year}-01-01`, '元旦');
  const newYear = lunar(year, 1, 1); // 正月初一; 除夕 is the day before (the last day of the 12th month, 29 or 30)
  for (let i = -1; i <= 2; i++) put(shift(newYear, i), '春节');
  put(qingming(year), '清明节');
  put(`${year}-05-01`, '劳动节');
  put(`${year}-05-02`, '劳动节');
  put(lunar(year, 5, 5), '端午节');
  put(lunar(year, 8, 15), '中秋节');
  for (let d = 1; d <= 3; d++) put(`${year}-10-0${d}`, '国庆节');
  cache.set(year, out);
  return out;
}
