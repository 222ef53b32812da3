import { ElMessage } from 'element-plus';
import { t } from '../i18n';

/** The API's one error shape: `{ error: { code, message, fields? } }`, message already in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** the whole `error` object, for codes that carry more (import.invalid: rows, reportUrl) */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;
interface Options {
  query?: Query;
  body?: unknown;
  /** don't show the error message (the caller shows it its own way) */
  quiet?: boolean;
  /** asks whether (or logs in to become) signed in: a 401 is the answer, not a lost session */
  authProbe?: boolean;
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

async function send(method: string, path: string, opts: Options & { form?: FormData; accept?: string }): Promise<Response> {
  const headers: Record<string, string> = { accept: opts.accept ?? 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  // Every write carries the double-submit token, else the server answers 403.
  if (method !== 'GET') headers['x-csrf-token'] = readCookie('jiceng_csrf') ?? '';
  try {
    return await fetch(toUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.form ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
  } catch {
    const err = new ApiError(0, 'network', t('errors.network'));
    if (!opts.quiet) ElMessage.error(err.message);
    throw err;
  }
}

async function failure(res: Response, opts: Pick<Options, 'quiet' | 'authProbe'>): Promise<ApiError> {
  const data: unknown = await res.json().catch(() => undefined);
  const body = (data as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | undefined)?.error;
  const err = new ApiError(res.status, body?.code ?? 'unknown', body?.message ?? t('errors.unknown'), body?.fields ?? {}, (body ?? {}) as Record<string, unknown>);
  if (res.status === 401 && !opts.authProbe) {
    onUnauthorized(err.code);
  } else if (!opts.quiet) {
    ElMessage.error({ message: err.message, grouping: true });
  }
  return err;
}

async function request<T>(method: string, path: string, opts: Options & { form?: FormData } = {}): Promise<T> {
  const res = await send(method, path, opts);
  if (res.status === 204) return undefined as T;
  if (!res.ok) throw await failure(res, opts);
  return (await res.json().catch(() => undefined)) as T;
}

/** The file name of a download: RFC 6266 `filename*=UTF-8''…` first (Chinese names), then `filename=`. */
function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1] ?? fallback;
}

/** GET a file (export, template, error report) and hand it to the browser as a download. */
async function download(path: string, query?: Query, fallbackName = 'download.xlsx', opts: Pick<Options, 'quiet'> = {}): Promise<void> {
  const res = await send('GET', path, { query, accept: '*/*', quiet: opts.quiet });
  if (!res.ok) throw await failure(res, opts);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(res, fallbackName);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const http = {
  get: <T>(path: string, query?: Query, opts: Omit<Options, 'query' | 'body'> = {}) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: Omit<Options, 'body'> = {}) => request<T>('POST', path, { ...opts, body: body ?? {} }),
  put: <T>(path: string, body: unknown, opts: Omit<Options, 'body'> = {}) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body: unknown, opts: Omit<Options, 'body'> = {}) => request<T>('PATCH', path, { ...opts, body }),
  delete: <T>(path: string, opts: Omit<Options, 'body'> = {}) => request<T>('DELETE', path, opts),
  /** multipart POST (file uploads); the CSRF header as for every write */
  upload: <T>(path: string, form: FormData, opts: Omit<Options, 'body'> = {}) => request<T>('POST', path, { ...opts, form }),
  download,
  /** shows an error that a caller asked to keep quiet and then did not handle */
  showError: (err: ApiError) => ElMessage.error({ message: err.message, grouping: true }),
};

/** `fields` of a 400 as ElFormItem `error` props; the form clears them on the next submit. */
export function fieldErrors(err: unknown): Record<string, string> {
  return err instanceof ApiError ? { ...err.fields } : {};
}
