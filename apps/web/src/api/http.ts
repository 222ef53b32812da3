import { ElMessage } from 'element-plus';
import { t } from '../i18n';

/** The API's one error shape: `{ error: { code, message, fields? } }`, message already in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;
interface Options {
  query?: Query;
  body?: unknown;
  /** don't show the error message (the caller shows it its own way) */
  quiet?: boolean;
}

let onUnauthorized: (code: string) => void = () => {};
/** The router registers what a 401 does (back to /login with ?redirect=). */
export function setUnauthorizedHandler(fn: (code: string) => void) {
  onUnauthorized = fn;
}

function readCookie(name: string): string | undefined {
  const hit = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : undefined;
}

function toUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request<T>(method: string, path: string, opts: Options = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  // Every write carries the double-submit token, else the server answers 403.
  if (method !== 'GET') headers['x-csrf-token'] = readCookie('jiceng_csrf') ?? '';

  let res: Response;
  try {
    res = await fetch(toUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    const err = new ApiError(0, 'network', t('errors.network'));
    if (!opts.quiet) ElMessage.error(err.message);
    throw err;
  }

  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => undefined);
  if (res.ok) return data as T;

  const body = (data as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | undefined)?.error;
  const err = new ApiError(res.status, body?.code ?? 'unknown', body?.message ?? t('errors.unknown'), body?.fields ?? {});
  if (res.status === 401 && path !== '/api/auth/login') {
    onUnauthorized(err.code);
  } else if (!opts.quiet) {
    ElMessage.error({ message: err.message, grouping: true });
  }
  throw err;
}

export const http = {
  get: <T>(path: string, query?: Query, opts: Omit<Options, 'query' | 'body'> = {}) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: Omit<Options, 'body'> = {}) => request<T>('POST', path, { ...opts, body: body ?? {} }),
  put: <T>(path: string, body: unknown, opts: Omit<Options, 'body'> = {}) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body: unknown, opts: Omit<Options, 'body'> = {}) => request<T>('PATCH', path, { ...opts, body }),
  delete: <T>(path: string, opts: Omit<Options, 'body'> = {}) => request<T>('DELETE', path, opts),
};

/** `fields` of a 400 as ElFormItem `error` props; the form clears them on the next submit. */
export function fieldErrors(err: unknown): Record<string, string> {
  return err instanceof ApiError ? { ...err.fields } : {};
}
