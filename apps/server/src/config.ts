import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: `./data` and the built web app are found from here, whatever the cwd. */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

export interface Config {
  port: number;
  host: string;
  /** postgres://… → PostgreSQL server; otherwise PGlite under dataDir ('memory://' for tests) */
  databaseUrl: string | undefined;
  dataDir: string;
  /** folder with the built web app, served at / when present */
  webDist: string;
  /** false in tests: secure cookies need https; true behind a TLS proxy */
  secureCookies: boolean;
  logLevel: string;
  /** login attempts per minute per IP (the policy lockout works per username on top of this) */
  loginRateLimit: number;
  /** resident portal and Open311 requests per minute per IP (submissions and code lookups alike) */
  portalRateLimit: number;
  trustProxy: boolean;
  /** tile URL template for grid maps ({z}/{x}/{y}); none → polygons on a blank map (no internet needed) */
  mapTileUrl: string | null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? path.join(REPO_ROOT, 'data')),
    webDist: path.resolve(env.WEB_DIST ?? path.join(REPO_ROOT, 'apps/web/dist')),
    secureCookies: env.COOKIE_SECURE === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
    loginRateLimit: Number(env.LOGIN_RATE_LIMIT ?? 30),
    portalRateLimit: Number(env.PORTAL_RATE_LIMIT ?? 20),
    trustProxy: env.TRUST_PROXY === '1',
    mapTileUrl: env.MAP_TILE_URL || null,
  };
}
