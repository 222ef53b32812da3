// The phone pages' service worker (scope /m/): the app shell loads with no signal. The shell (/m/ and the hashed
// assets it names) is cached at install; later visits take the network first for /m/ (a new build shows at once
// when online) and the cache for /assets/ (hashed names never change). API calls are never cached: the outbox in
// IndexedDB holds what the worker records offline.
interface FetchEventLike extends Event {
  request: Request;
  respondWith(r: Promise<Response>): void;
}
interface ExtendableEventLike extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEventLike) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}
const sw = self as unknown as WorkerScope;

const CACHE = 'jiceng-m-v1';
const SHELL = '/m/';

/** The shell page and every same-origin asset it names (scripts, styles, preloads, the manifest). */
async function cacheShell(): Promise<void> {
  const cache = await caches.open(CACHE);
  const res = await fetch(SHELL, { cache: 'no-store' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put(SHELL, res);
  const assets = [...new Set([...html.matchAll(/(?:src|href)="(\/(?:assets\/[^"]+|favicon\.svg))"/g)].map((m) => m[1]!))];
  await cache.addAll(assets);
  // drop assets of older builds
  const keep = new Set([SHELL, ...assets].map((p) => new URL(p, sw.location.origin).href));
  for (const req of await cache.keys()) if (!keep.has(req.url)) await cache.delete(req);
}

sw.addEventListener('install', (e) => {
  e.waitUntil(cacheShell().then(() => sw.skipWaiting()));
});
sw.addEventListener('activate', (e) => {
  e.waitUntil(sw.clients.claim());
});

sw.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== sw.location.origin || url.pathname.startsWith('/api/')) return;
  if (req.mode === 'navigate' && (url.pathname === '/m' || url.pathname.startsWith('/m/'))) {
    e.respondWith(
      fetch(req).then((res) => {
        if (res.ok) {
          const copy = res.clone();
          void caches.open(CACHE).then((c) => c.put(SHELL, copy));
        }
        return res;
      }).catch(async () => (await caches.match(SHELL)) ?? Response.error()),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/') || url.pathname === '/favicon.svg') {
    e.respondWith(caches.match(req).then((hit) => hit ?? fetch(req).then(async (res) => {
      if (res.ok) await (await caches.open(CACHE)).put(req, res.clone());
      return res;
    })));
  }
});
