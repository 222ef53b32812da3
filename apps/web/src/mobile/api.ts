// The phone pages' HTTP client: plain fetch (no Element Plus here), the session cookie, the CSRF header on writes.
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

function csrf(): string {
  const hit = document.cookie.split('; ').find((c) => c.startsWith('jiceng_csrf='));
  return hit ? decodeURIComponent(hit.slice('jiceng_csrf='.length)) : '';
}

/** status 0 = no network */
export async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(method === 'GET' ? {} : { 'x-csrf-token': csrf() }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new HttpError(0, 'network', '网络不可用');
  }
  const data = (await res.json().catch(() => undefined)) as { error?: { code: string; message: string } } | undefined;
  if (!res.ok) throw new HttpError(res.status, data?.error?.code ?? 'unknown', data?.error?.message ?? `HTTP ${res.status}`);
  return data as T;
}
