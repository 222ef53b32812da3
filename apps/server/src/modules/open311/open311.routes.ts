import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { App, ModuleContext } from '../../platform/http/types.js';
import * as service from './open311.service.js';
import { publicBudget } from '../../platform/http/rate-limit.js';

type Format = 'json' | 'xml';

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** The spec's XML: a root element, one child element per item, one element per field (nulls left empty). */
export function toXml(root: string, item: string, rows: Record<string, unknown>[]): string {
  const fields = (r: Record<string, unknown>) =>
    Object.entries(r).map(([k, v]) => (v === null || v === undefined ? `<${k}/>` : `<${k}>${escapeXml(String(v))}</${k}>`)).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}>${rows.map((r) => `<${item}>${fields(r)}</${item}>`).join('')}</${root}>`;
}

function send(reply: FastifyReply, format: Format, status: number, root: string, item: string, rows: Record<string, unknown>[]) {
  reply.status(status);
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(toXml(root, item, rows));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(rows));
}

const errorRows = (status: number, description: string) => [{ code: status, description }];

async function answer(reply: FastifyReply, format: Format, root: string, item: string, run: () => Promise<Record<string, unknown>[]>, status = 200) {
  try {
    return send(reply, format, status, root, item, await run());
  } catch (err) {
    if (err instanceof service.Open311Error) return send(reply, format, err.status, 'errors', 'error', errorRows(err.status, err.description));
    throw err;
  }
}

// an object schema (not z.record): @fastify/swagger turns a querystring schema's properties into parameters
const Fields = z.object({}).catchall(z.string());
/** GeoReport v2 request filters (documented as parameters; the service answers bad values with its own error rows) */
const RequestFilters = Fields.extend({
  jurisdiction_id: z.string().optional(), service_request_id: z.string().optional(), service_code: z.string().optional(),
  start_date: z.string().optional(), end_date: z.string().optional(), status: z.string().optional(),
});

export async function open311Routes(app: App, { database: { db } }: ModuleContext, config: Config) {
  await app.register(async (r) => {
    // GeoReport v2 posts application/x-www-form-urlencoded (JSON also accepted)
    r.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    // one per-IP budget with the resident portal (platform/http/rate-limit)
    const budget = publicBudget(app, config.portalRateLimit);
    const tags = ['open311'];
    for (const format of ['json', 'xml'] as const) {
      r.get(`/open311/v2/services.${format}`, {
        config: { permission: 'public' }, onRequest: budget,
        schema: { tags, summary: `GeoReport v2 services (${format}): the published service catalog`, querystring: Fields },
      }, (req, reply) => answer(reply, format, 'services', 'service', async () => service.services(db, await service.jurisdiction(db, (req.query as Record<string, string>).jurisdiction_id))));

      r.get(`/open311/v2/requests.${format}`, {
        config: { permission: 'public' }, onRequest: budget,
        schema: { tags, summary: `GeoReport v2 requests (${format}): requests filed through Open311`, querystring: RequestFilters },
      }, (req, reply) => answer(reply, format, 'service_requests', 'request', () => service.getRequests(db, req.query as service.RequestsQuery)));

      r.post(`/open311/v2/requests.${format}`, {
        config: { permission: 'public' }, onRequest: budget,
        schema: { tags, summary: `GeoReport v2 POST a service request (${format}) → service_request_id (the case number; the requester's portal code and secret are in service_notice)` },
      }, (req, reply) => answer(reply, format, 'service_requests', 'request', () => service.postRequest(db, (req.body ?? {}) as service.Open311Post, req.ip), 201));
    }
    r.get('/open311/v2/requests/:file', {
      config: { permission: 'public' }, onRequest: budget,
      schema: { tags, summary: 'GeoReport v2 one request: /requests/{service_request_id}.json or .xml', params: z.strictObject({ file: z.string().max(40) }), querystring: Fields },
    }, async (req, reply) => {
      const m = /^([A-Za-z0-9-]+)\.(json|xml)$/.exec((req.params as { file: string }).file);
      if (!m) return send(reply, 'json', 404, 'errors', 'error', errorRows(404, 'use /requests/{service_request_id}.json or .xml'));
      const format = m[2] as Format;
      return answer(reply, format, 'service_requests', 'request', async () => {
        const rows = await service.getRequests(db, { ...(req.query as Record<string, string>), service_request_id: m[1]! });
        if (rows.length === 0) throw new service.Open311Error(404, 'service_request_id not found');
        return rows;
      });
    });
  });
}
