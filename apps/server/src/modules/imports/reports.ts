// Error reports of rejected imports: kept in memory for an hour, for the uploader only. They hold
// personal data of the upload, so they are never written to disk and never shown to anyone else.
import { randomUUID } from 'node:crypto';

export const REPORT_TTL_MS = 3_600_000;
/** bound on memory: the oldest reports go first */
const MAX_REPORTS = 50;

interface Report {
  userId: string;
  expiresAt: number;
  file: Buffer;
  name: string;
}

const reports = new Map<string, Report>();

function sweep(now: number) {
  for (const [id, r] of reports) if (r.expiresAt <= now) reports.delete(id);
  while (reports.size >= MAX_REPORTS) reports.delete(reports.keys().next().value!);
}

export function keepReport(userId: string, file: Buffer, name: string, now = Date.now()): string {
  sweep(now);
  const id = randomUUID();
  reports.set(id, { userId, expiresAt: now + REPORT_TTL_MS, file, name });
  return id;
}

/** The report if it is this user's and not expired. */
export function takeReport(userId: string, id: string, now = Date.now()): { file: Buffer; name: string } | null {
  const r = reports.get(id);
  if (!r || r.userId !== userId || r.expiresAt <= now) return null;
  return { file: r.file, name: r.name };
}
