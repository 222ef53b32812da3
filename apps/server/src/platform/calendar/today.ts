/** Today's date (YYYY-MM-DD) on the Asia/Shanghai calendar (UTC+8, no daylight saving). */
export const shanghaiToday = (now: number = Date.now()): string => new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
