import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { setDataKey } from './src/platform/crypto/crypto.js';
import { openDatabase, rowsOf } from './src/db/client.js';
import { seedDemo } from './src/modules/demo/demo.seed.js';
setDataKey(randomBytes(32));
const db = await openDatabase('memory://');
await seedDemo(db.db, 'Test-Demo-Pass-9', { people: true });
const x = async (s: string) => { const t = performance.now(); await db.db.execute(sql.raw(s)); return Math.round(performance.now() - t); };
console.log('noidx', await x(`create table c2 (like cases including defaults); insert into c2 select * from cases`));
console.log('allidx', await x(`create table c3 (like cases including all); insert into c3 select * from cases`));
for (const idx of ['gist_org', 'gist_owner', 'trgm', 'btrees']) {
  await x(`drop table if exists c4; create table c4 (like cases including defaults)`);
  if (idx === 'gist_org') await x(`create index on c4 using gist (org_path)`);
  if (idx === 'gist_owner') await x(`create index on c4 using gist (owner_path)`);
  if (idx === 'trgm') await x(`create index on c4 using gin (description gin_trgm_ops)`);
  if (idx === 'btrees') await x(`create index on c4 (county_id, received_at); create index on c4 (county_id, household_id); create unique index on c4 (county_id, number); create unique index on c4 (county_id, tracking_code); create unique index on c4 (county_id, id)`);
  console.log(idx, await x(`insert into c4 select * from cases`));
}
console.log('json', await x(`create table c5 (like cases including defaults); insert into c5 select * from jsonb_populate_recordset(null::cases, (select jsonb_agg(to_jsonb(c)) from cases c))`));
await db.close();
