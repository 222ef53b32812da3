// The file a county admin loads when the State Council publishes next year's holiday schedule (no zod here:
// the web page and the CLI both read CSV with it). Format (docs/calendar.md):
//   JSON — { "year": 2027, "source": "国办发明电〔2026〕X号", "holidays": [{ "name": "春节", "from": "2027-02-05",
//            "to": "2027-02-11" }], "workdays": [{ "day": "2027-02-20", "name": "春节调休上班" }] }
//   CSV  — one day or range per line: 日期,类型,名称  (类型: 休/holiday or 班/workday; 日期 2027-02-05 or
//            2027-02-05~2027-02-11); a header line and lines starting with # are skipped; "source" is the file name.

export const CALENDAR_DAY_SOURCES = ['override', 'county', 'package', 'provisional'] as const;
export const CALENDAR_YEAR_STATUSES = ['package', 'county', 'provisional'] as const;
export const SCHEDULE_LIMITS = { yearMin: 2000, yearMax: 2100, holidaysMax: 60, workdaysMax: 30, nameMax: 30, sourceMax: 200, fileBytesMax: 64 * 1024 } as const;

export interface ScheduleFile {
  year?: number;
  source?: string;
  holidays: { name: string; from: string; to?: string }[];
  workdays: { day: string; name: string }[];
}

export class ScheduleFileError extends Error {
  constructor(readonly line: number, message: string) {
    super(`第 ${line} 行：${message}`);
  }
}

const HOLIDAY = new Set(['休', '假', '放假', 'holiday', 'rest', 'off']);
const WORKDAY = new Set(['班', '上班', '调休上班', 'workday', 'work']);
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const DAY = {
  test: (d: string) => {
    const t = DAY_RE.test(d) ? Date.parse(`${d}T00:00:00Z`) : NaN;
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
  },
};

/** Reads a schedule file (JSON or CSV, recognised by its first character). */
export function parseScheduleFile(text: string, fileName = ''): ScheduleFile {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (e) {
      throw new ScheduleFileError(1, `JSON 格式错误（${(e as Error).message}）`);
    }
    const o = json as Partial<ScheduleFile>;
    return { ...(o as ScheduleFile), holidays: o.holidays ?? [], workdays: o.workdays ?? [], source: o.source ?? fileName };
  }
  const out: ScheduleFile = { source: fileName, holidays: [], workdays: [] };
  body.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [when = '', kind = '', name = ''] = line.split(/[,，\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
    if (i === 0 && !DAY.test(when.slice(0, 10))) return; // header
    const [from = '', to] = when.split(/~|～|至|\//).map((x) => x.trim());
    if (!DAY.test(from) || (to !== undefined && !DAY.test(to))) throw new ScheduleFileError(i + 1, `日期“${when}”应为 YYYY-MM-DD 或 YYYY-MM-DD~YYYY-MM-DD`);
    const k = kind.toLowerCase();
    if (!name) throw new ScheduleFileError(i + 1, '缺少名称（如 春节、春节调休上班）');
    if (HOLIDAY.has(k)) out.holidays.push(to ? { name, from, to } : { name, from });
    else if (WORKDAY.has(k)) {
      if (to) throw new ScheduleFileError(i + 1, '调休上班日请每天一行');
      out.workdays.push({ day: from, name });
    } else throw new ScheduleFileError(i + 1, `类型“${kind}”应为 休 或 班`);
  });
  const first = out.holidays[0]?.from ?? out.workdays[0]?.day;
  if (first) out.year = Number(first.slice(0, 4));
  return out;
}
