// chinese-days computes lunar dates and solar terms in the process's local time: west of UTC it finds no 清明 and
// puts 春节 a day late (measured: TZ=America/New_York). The platform does its own date math in UTC or explicit
// UTC+8 (today.ts, working-days.ts), so the server process runs in UTC whatever the machine's zone. Imported
// first by main.ts, before anything computes a date.
process.env.TZ = 'UTC';

export {};
