// `jiceng backup <file>` / `jiceng restore <file> [--force]`: prints what was done, the figures and the key reminder.
import type { Config } from '../../config.js';
import { backup, BackupError, KEY_REMINDER, restore } from './backup.js';

export { holdDataDir } from './backup.js';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Runs the command; answers the process exit code. */
export async function backupCommand(config: Config, command: 'backup' | 'restore', file: string | undefined, { force = false } = {}): Promise<number> {
  if (!file) {
    console.error(`usage: jiceng ${command} <file>${command === 'restore' ? ' [--force]' : ''}`);
    return 2;
  }
  const target = { databaseUrl: config.databaseUrl, dataDir: config.dataDir };
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite ${config.dataDir}`;
  try {
    if (command === 'backup') {
      const r = await backup(target, file);
      const rows = Object.values(r.header.tables).reduce((a, b) => a + b, 0);
      console.log(`backup of ${where}: ${file}, ${mb(r.bytes)}, ${Object.keys(r.header.tables).length} tables, ${rows} rows, in ${r.seconds.toFixed(1)} s`);
      console.log(`data key fingerprint ${r.header.keyFingerprint} (key from ${r.header.keySource})`);
      console.log(KEY_REMINDER);
      return 0;
    }
    const r = await restore(target, file, { force });
    console.log(`restored ${file} (backup of ${r.header.createdAt}) into ${where} in ${r.seconds.toFixed(1)} s`);
    if (r.previous) console.log(`the replaced folder was moved to ${r.previous} (delete it once the restore is checked)`);
    for (const m of r.mismatches) console.error(`row count differs: ${m.table} backup ${m.expected}, restored ${m.actual}`);
    if (r.mismatches.length === 0) console.log(`row counts match the backup in all ${Object.keys(r.header.tables).length} tables`);
    if (r.audit.ok) console.log(`audit chain ok: ${r.audit.entries} entries (${r.audit.counties} chains)`);
    else console.error(`audit chain BROKEN at county ${r.audit.countyId} seq ${r.audit.seq}: ${r.audit.reason}`);
    console.log(KEY_REMINDER);
    return r.mismatches.length === 0 && r.audit.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof BackupError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}
