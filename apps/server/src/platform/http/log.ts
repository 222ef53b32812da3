// What the request log may hold: the big screen opens `/api/screen?token=<county>.<secret>` (a display token is a
// credential); the log keeps the route and the other parameters and drops the value of any credential parameter.
import type { FastifyRequest } from 'fastify';

const SECRET_PARAMS = /([?&](?:token|secret|password)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}

/** Fastify's default request serializer, with the URL redacted */
export function requestForLog(req: FastifyRequest) {
  return { method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}
