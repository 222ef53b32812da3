import type { Session } from './harness.js';
import type { App } from '../src/platform/http/types.js';

/** multipart/form-data by hand: one file part under any field name, as a browser's upload sends it. */
export async function uploadFile(
  app: App, s: Session | null, url: string, file: Buffer,
  { filename = '导入.xlsx', field = 'file', headers = {} as Record<string, string> } = {},
) {
  const boundary = `----jiceng${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await app.inject({
    method: 'POST', url, payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...headers },
  });
  return { status: res.statusCode, body: JSON.parse(res.body) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}
