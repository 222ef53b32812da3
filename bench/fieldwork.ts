// Issue 5 (field work) figures:
// `m-load`: the phone pages' first load (/m/): compressed JS + CSS bytes, and time to interactive (login form
//   visible and enabled) in Debian's Chromium, cold cache, under a slow-3G profile with 4× CPU throttling and
//   unthrottled.
// `sync`: 500 queued records (450 visits + 50 六报 with one ~150 KB JPEG each) through POST /api/sync in the
//   outbox's batches, then the same again (all `duplicate`), PGlite and PostgreSQL.
import fs from 'node:fs';
import http from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { Client, fmt, postgresTarget, serverMode, startServer, summarize, table, tempDir, writeResult } from './lib.js';

const RUNS = Number(process.env.BENCH_MLOAD_RUNS ?? 3);
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const CPU_SLOWDOWN = 4;
/** the login form's submit button: shown once the app has mounted and asked /api/me (App.vue) */
const INTERACTIVE = '[data-test="m-login-submit"]';

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Raw (still compressed) body bytes of a GET with Accept-Encoding: br, gzip. */
function compressedSize(url: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ bytes, encoding: String(res.headers['content-encoding'] ?? 'identity') }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

interface LoadRun {
  /** ms from navigation start (the page's performance.now()) to the login button visible and enabled */
  interactiveMs: number;
  /** ms from page.goto to the same, measured in the bench process */
  wallMs: number;
  /** JS + CSS bytes off the wire (CDP Network.loadingFinished encodedDataLength, headers included) */
  jsCssWireBytes: number;
  allWireBytes: number;
  requests: number;
  assets: { url: string; type: string; wireBytes: number }[];
}

async function loadOnce(browser: Browser, url: string, throttled: boolean): Promise<LoadRun> {
  // a new context: empty HTTP cache, no service worker, no IndexedDB
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, bypassCSP: true });
  // bypassCSP: the server's CSP (script-src 'self') refuses the string predicate below; the page's own scripts load as usual
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (throttled) {
      await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    }
    const reqs = new Map<string, { url: string; type: string }>();
    const assets: LoadRun['assets'] = [];
    cdp.on('Network.responseReceived', (e) => reqs.set(e.requestId, { url: e.response.url, type: e.type }));
    cdp.on('Network.loadingFinished', (e) => {
      const r = reqs.get(e.requestId);
      if (r) assets.push({ ...r, wireBytes: e.encodedDataLength });
    });
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'commit', timeout: 180_000 });
    const handle = await page.waitForFunction(
      `(() => { const b = document.querySelector('${INTERACTIVE}'); if (!b || b.disabled) return false;
        const r = b.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(b).visibility !== 'hidden' ? performance.now() : false; })()`,
      undefined, { polling: 'raf', timeout: 180_000 },
    );
    const interactiveMs = (await handle.jsonValue()) as number;
    const wallMs = performance.now() - t0;
    await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {});
    const jsCss = assets.filter((a) => a.type === 'Script' || a.type === 'Stylesheet');
    return {
      interactiveMs, wallMs,
      jsCssWireBytes: jsCss.reduce((s, a) => s + a.wireBytes, 0),
      allWireBytes: assets.reduce((s, a) => s + a.wireBytes, 0),
      requests: assets.length, assets,
    };
  } finally {
    await context.close();
  }
}

export async function benchMLoad() {
  const mode = serverMode();
  if (!fs.existsSync(new URL('../apps/web/dist/m/index.html', import.meta.url))) throw new Error('apps/web/dist/m/index.html missing: run `npm run build -w @jiceng/web` first');
  console.log(`server: ${mode.label}; PGlite, fresh data folder; Chromium /usr/bin/chromium, 360×740, new context per run (cold cache), ${RUNS} runs per profile`);
  const dir = tempDir('jiceng-bench-mload-');
  const server = await startServer({ dataDir: dir });
  const browser = await launch();
  try {
    const url = `${server.base}/m/`;
    // JS and CSS of the shell as served (what the page loads: the entry, its modulepreloads and the stylesheet)
    const unthrottled: LoadRun[] = [];
    const throttled: LoadRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await loadOnce(browser, url, false);
      unthrottled.push(r);
      console.log(`  unthrottled run ${i + 1}: interactive ${fmt(r.interactiveMs, 0)} ms (wall ${fmt(r.wallMs, 0)}), JS+CSS ${fmt(r.jsCssWireBytes / 1024)} KB on the wire, ${r.requests} requests`);
    }
    for (let i = 0; i < RUNS; i++) {
      const r = await loadOnce(browser, url, true);
      throttled.push(r);
      console.log(`  slow 3G + 4× CPU run ${i + 1}: interactive ${fmt(r.interactiveMs, 0)} ms (wall ${fmt(r.wallMs, 0)}), JS+CSS ${fmt(r.jsCssWireBytes / 1024)} KB on the wire, ${r.requests} requests`);
    }
    const jsCssUrls = [...new Set(unthrottled[0]!.assets.filter((a) => a.type === 'Script' || a.type === 'Stylesheet').map((a) => a.url))];
    const fetched: { url: string; bytes: number; encoding: string }[] = [];
    for (const u of jsCssUrls) fetched.push({ url: u, ...(await compressedSize(u)) });
    const bodyBytes = fetched.reduce((s, f) => s + f.bytes, 0);
    const med = (rs: LoadRun[], k: 'interactiveMs' | 'wallMs' | 'jsCssWireBytes') => summarize(rs.map((r) => r[k])).median;

    console.log();
    console.log(table(['JS + CSS of /m/ (Accept-Encoding: br, gzip)', 'bytes', 'encoding'], [
      ...fetched.map((f) => [f.url.replace(server.base, ''), f.bytes, f.encoding]),
      [`total (${fetched.length} files; goal < 250 KB)`, `${fmt(bodyBytes / 1024)} KB`, ''],
    ]));
    console.log();
    console.log(table(['profile', 'interactive (median)', 'min', 'max', 'JS+CSS on the wire'], [
      ['unthrottled', `${fmt(med(unthrottled, 'interactiveMs'), 0)} ms`, fmt(Math.min(...unthrottled.map((r) => r.interactiveMs)), 0), fmt(Math.max(...unthrottled.map((r) => r.interactiveMs)), 0), `${fmt(med(unthrottled, 'jsCssWireBytes') / 1024)} KB`],
      [`slow 3G (400 ms, 400 kbit/s) + ${CPU_SLOWDOWN}× CPU`, `${fmt(med(throttled, 'interactiveMs'), 0)} ms`, fmt(Math.min(...throttled.map((r) => r.interactiveMs)), 0), fmt(Math.max(...throttled.map((r) => r.interactiveMs)), 0), `${fmt(med(throttled, 'jsCssWireBytes') / 1024)} KB`],
    ]));
    const file = writeResult('m-load', {
      server: mode.kind, serverLabel: mode.label, database: 'pglite', url: '/m/', interactiveSelector: INTERACTIVE,
      chromium: browser.version(), slow3G: SLOW_3G, cpuSlowdown: CPU_SLOWDOWN,
      jsCss: { files: fetched.map((f) => ({ ...f, url: f.url.replace(server.base, '') })), compressedBytes: bodyBytes, goalBytes: 250 * 1024 },
      unthrottled: { medianInteractiveMs: med(unthrottled, 'interactiveMs'), runs: unthrottled.map(({ assets, ...r }) => ({ ...r, assets: assets.map((a) => ({ ...a, url: a.url.replace(server.base, '') })) })) },
      throttled: { medianInteractiveMs: med(throttled, 'interactiveMs'), runs: throttled.map(({ assets, ...r }) => ({ ...r, assets: assets.map((a) => ({ ...a, url: a.url.replace(server.base, '') })) })) },
    });
    console.log(`\nwritten ${file}`);
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------------------------ sync

const VISITS = Number(process.env.BENCH_SYNC_VISITS ?? 450);
const REPORTS = Number(process.env.BENCH_SYNC_REPORTS ?? 50);
const PHOTO_BYTES = 150 * 1024;
/** apps/web/src/mobile/outbox.ts: a batch closes before JSON.stringify(payload).length passes 3 MiB or at 100 records */
const BATCH_BYTES = 3 * 1024 * 1024;
const BATCH_RECORDS = 100;
const GRID_USER = 'demo-grid';

interface Rec { id: string; type: 'visit' | 'fieldReport'; payload: Record<string, unknown> }

/** Real JPEGs from Chromium's canvas (noise, so they do not shrink), about PHOTO_BYTES each, all different. */
async function makePhotos(n: number): Promise<Buffer[]> {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const out = (await page.evaluate(`(async () => {
      const make = (side, seed) => { const c = document.createElement('canvas'); c.width = Math.round(side * 4 / 3); c.height = side;
        const g = c.getContext('2d'); const img = g.createImageData(c.width, c.height); let s = seed;
        for (let i = 0; i < img.data.length; i += 4) { s = (s * 1103515245 + 12345) >>> 0; img.data[i] = s & 255; img.data[i + 1] = (s >> 8) & 255; img.data[i + 2] = (s >> 16) & 255; img.data[i + 3] = 255; }
        g.putImageData(img, 0, 0); return c.toDataURL('image/jpeg', 0.6).split(',')[1]; };
      let side = 200; let b64 = make(side, 1);
      for (let k = 0; k < 6; k++) { const bytes = b64.length * 3 / 4; side = Math.round(side * Math.sqrt(${PHOTO_BYTES} / bytes)); b64 = make(side, 1); }
      const out = []; for (let i = 0; i < ${n}; i++) out.push(make(side, i + 7)); return out; })()`)) as string[];
    return out.map((b) => Buffer.from(b, 'base64'));
  } finally {
    await browser.close();
  }
}

function outboxBatches(records: Rec[]): Rec[][] {
  const out: Rec[][] = [];
  let cur: Rec[] = [];
  let size = 0;
  for (const r of records) {
    const bytes = JSON.stringify(r.payload).length;
    if (cur.length > 0 && (size + bytes > BATCH_BYTES || cur.length >= BATCH_RECORDS)) {
      out.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(r);
    size += bytes;
  }
  if (cur.length) out.push(cur);
  return out;
}

interface SyncPass { seconds: number; batches: { records: number; bytes: number; ms: number }[]; statuses: Record<string, number>; firstOther: string | null }

/** Sends the batches one after another, as the outbox's flush() does. */
async function syncPass(client: Client, batches: Rec[][], expect: string): Promise<SyncPass> {
  const statuses: Record<string, number> = {};
  const out: SyncPass['batches'] = [];
  let firstOther: string | null = null;
  const t0 = performance.now();
  for (const b of batches) {
    const t = performance.now();
    const res = await client.post<{ results: { id: string; status: string; reason?: string; fields?: unknown }[] }>('/api/sync', { records: b });
    if (res.status !== 200) throw new Error(`POST /api/sync: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    out.push({ records: b.length, bytes: JSON.stringify({ records: b }).length, ms: performance.now() - t });
    for (const r of res.body.results) {
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status !== expect && !firstOther) firstOther = JSON.stringify(r).slice(0, 300);
    }
  }
  return { seconds: (performance.now() - t0) / 1000, batches: out, statuses, firstOther };
}

async function syncOn(database: 'pglite' | 'postgres', opts: { dataDir?: string; databaseUrl?: string }, photos: Buffer[]) {
  const server = await startServer(opts);
  try {
    const client = new Client(server.base);
    await client.login(GRID_USER);
    const grids = (await client.get<{ items: { id: string; name: string }[] }>('/api/grids')).body.items;
    const households: string[] = [];
    for (const g of grids.slice(0, 5)) {
      const page = await client.get<{ items: { id: string }[] }>(`/api/households?gridId=${g.id}&pageSize=500`);
      households.push(...page.body.items.map((h) => h.id));
    }
    if (!households.length || !grids.length) throw new Error(`${GRID_USER}: no grid households`);
    const records: Rec[] = [];
    const now = Date.now();
    let v = 0;
    let p = 0;
    // the outbox order (createdAt): a 六报 after every ninth visit
    while (v < VISITS || p < REPORTS) {
      for (let k = 0; k < 9 && v < VISITS; k++, v++) {
        records.push({
          id: uuidv7(), type: 'visit',
          payload: {
            householdId: households[v % households.length], visitedAt: new Date(now - (VISITS - v) * 60_000).toISOString(),
            purpose: '走访空巢老人', notes: { conditions: `身体尚可，第${v}户`, basics: '老两口同住', hotIssues: '医保缴费', difficulties: '冬季取暖' },
          },
        });
      }
      if (p < REPORTS) {
        records.push({
          id: uuidv7(), type: 'fieldReport',
          payload: {
            kind: 'facilityDamage', title: `桥栏杆损坏 ${p + 1}`, description: '村口桥栏杆断了两节，夜里有危险', gridId: grids[p % grids.length]!.id,
            photos: [{ name: `photo-${p + 1}.jpg`, mime: 'image/jpeg', data: photos[p % photos.length]!.toString('base64') }],
          },
        });
        p++;
      }
    }
    const batches = outboxBatches(records);
    console.log(`  ${database}: ${grids.length} grids, ${households.length} households of ${GRID_USER}; ${records.length} records in ${batches.length} batches (${batches.map((b) => b.length).join(', ')})`);
    const first = await syncPass(client, batches, 'created');
    console.log(`  ${database} first upload: ${fmt(first.seconds, 2)} s, ${JSON.stringify(first.statuses)}${first.firstOther ? `; first other: ${first.firstOther}` : ''}`);
    const again = await syncPass(client, batches, 'duplicate');
    console.log(`  ${database} again: ${fmt(again.seconds, 2)} s, ${JSON.stringify(again.statuses)}${again.firstOther ? `; first other: ${again.firstOther}` : ''}`);
    return { database, households: households.length, records: records.length, bodyBytes: first.batches.reduce((s, b) => s + b.bytes, 0), first, again };
  } finally {
    await server.stop();
  }
}

export async function benchSync() {
  const mode = serverMode();
  console.log(`server: ${mode.label}; ${VISITS} visits + ${REPORTS} 六报 with one ~${PHOTO_BYTES / 1024} KB JPEG each as ${GRID_USER}, batches as the outbox makes them (≤ ${BATCH_RECORDS} records, ≤ 3 MiB of payload JSON), one after another`);
  const photos = await makePhotos(REPORTS);
  console.log(`  photos: ${photos.length} JPEGs of ${fmt(summarize(photos.map((b) => b.length)).median / 1024)} KB (median), SOI ${photos[0]!.subarray(0, 3).toString('hex')}`);
  const runs: Awaited<ReturnType<typeof syncOn>>[] = [];
  const dir = tempDir('jiceng-bench-sync-');
  try {
    runs.push(await syncOn('pglite', { dataDir: dir }, photos));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const pg = process.env.BENCH_SYNC_PG === '0' ? { skipped: 'BENCH_SYNC_PG=0' } : await postgresTarget();
  if ('skipped' in pg) console.log(`  PostgreSQL skipped: ${pg.skipped}`);
  else {
    try {
      runs.push(await syncOn('postgres', { databaseUrl: pg.url }, photos));
    } finally {
      await pg.stop();
    }
  }
  console.log();
  console.log(table(['database', 'pass', 'records', 'batches', 'MB sent', 'seconds', 'records/s', 'answers'], runs.flatMap((r) => [
    [r.database, 'first (created)', r.records, r.first.batches.length, fmt(r.bodyBytes / 2 ** 20), fmt(r.first.seconds, 2), fmt(r.records / r.first.seconds, 0), JSON.stringify(r.first.statuses)],
    [r.database, 'again (duplicate)', r.records, r.again.batches.length, fmt(r.bodyBytes / 2 ** 20), fmt(r.again.seconds, 2), fmt(r.records / r.again.seconds, 0), JSON.stringify(r.again.statuses)],
  ])));
  const file = writeResult('sync', {
    server: mode.kind, serverLabel: mode.label, visits: VISITS, reports: REPORTS,
    photoBytes: photos.map((b) => b.length), batchBytes: BATCH_BYTES, batchRecords: BATCH_RECORDS, runs,
  });
  console.log(`\nwritten ${file}`);
}
