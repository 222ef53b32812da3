// Rate limits of the routes open without an account. @fastify/rate-limit keeps one counter store per route when a
// route declares `config.rateLimit` (LocalStore.child: a new LRU per route; `groupId` only changes the key inside
// that route's own store), so N public routes would give an address N budgets. The resident portal, Open311 and
// the published catalog share ONE budget per address instead, as docs/operations.md says: a submission, a code
// guess and a catalog read all count against the same PORTAL_RATE_LIMIT per minute.
import type { FastifyInstance } from 'fastify';

type Hook = ReturnType<FastifyInstance['rateLimit']>;

/** One limiter (one store) per server, handed to every public route as its onRequest hook. */
const budgets = new WeakMap<object, Hook>();

export function publicBudget(app: FastifyInstance, max: number): Hook {
  // every encapsulated context of one app shares its http server: the key that is the same for all of them
  let hook = budgets.get(app.server);
  if (!hook) {
    hook = app.rateLimit({ max, timeWindow: '1 minute' });
    budgets.set(app.server, hook);
  }
  return hook;
}
