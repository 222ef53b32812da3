import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DATE_BOUNDS, fieldMessages, formatMessage, type ErrorBody, type ErrorCode, type IssueLike, type Locale } from '@jiceng/contract';
import { AppError } from './errors.js';
import { requestLocale } from './locale.js';

function send(reply: FastifyReply, status: number, locale: Locale, code: ErrorCode, params: Record<string, string | number> = {}, fields?: Record<string, string>) {
  const body: ErrorBody = { error: { code, message: formatMessage(code, locale, params), ...(fields ? { fields } : {}) } };
  return reply.status(status).send(body);
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** One handler maps every error to `{ error: { code, message, fields? } }` in the caller's language. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const locale = requestLocale(req);
    if (err instanceof AppError) {
      if (err.status === 429 && err.code === 'auth.locked') reply.header('retry-after', String(Number(err.params.minutes ?? 1) * 60));
      const fields = err.fields
        ? Object.fromEntries(Object.entries(err.fields).map(([f, code]) => [f, formatMessage(code, locale, err.fieldParams?.[f] ?? err.params)]))
        : undefined;
      return send(reply, err.status, locale, err.code, err.params, fields);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const source = err.validationContext === 'querystring' ? req.query : err.validationContext === 'params' ? req.params : req.body;
      const issues: IssueLike[] = err.validation.map((v) => ({
        ...(v.params as Omit<IssueLike, 'code' | 'path' | 'message'>),
        code: v.keyword,
        path: v.instancePath.split('/').filter(Boolean),
        message: v.message ?? '',
      }));
      const fields = fieldMessages(issues, locale, (path) => valueAt(source, path) === undefined);
      return send(reply, 400, locale, 'validation.failed', {}, fields);
    }
    // working-day arithmetic past DATE_BOUNDS (issue 15.1): a clear 400, never a spinning loop
    if (err instanceof RangeError) return send(reply, 400, locale, 'date.outOfRange', { min: DATE_BOUNDS.min, max: DATE_BOUNDS.max });
    if (err.statusCode === 429) return send(reply, 429, locale, 'rateLimited');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(reply, err.statusCode, locale, 'request.malformed');
    }
    // PGlite stack traces carry a whole minified bundle line: log message and code only.
    req.log.error({ code: err.code, message: err.message, cause: (err.cause as Error | undefined)?.message }, 'request failed');
    return send(reply, 500, locale, 'internal');
  });

  app.setNotFoundHandler((req, reply) => send(reply, 404, requestLocale(req), 'notFound'));
}
