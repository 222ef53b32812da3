import { requestForLog } from './platform/http/log.js';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { App } from './platform/http/types.js';
import { installErrorHandler } from './platform/http/error-handler.js';
import { safeValidatorCompiler } from './platform/http/validator.js';
import { installAuthHook } from './platform/http/auth-hook.js';
import { authRoutes } from './platform/auth/auth.routes.js';
import { orgRoutes } from './modules/orgs/orgs.routes.js';
import { accountRoutes } from './modules/accounts/accounts.routes.js';
import { meRoutes } from './modules/accounts/me.routes.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { memberRoutes } from './modules/members/members.routes.js';
import { gridRoutes } from './modules/grids/grids.routes.js';
import { importRoutes } from './modules/imports/imports.routes.js';
import { bodyRoutes } from './modules/bodies/bodies.routes.js';
import { calendarRoutes } from './platform/calendar/calendar.routes.js';
import { catalogRoutes } from './modules/catalog/catalog.routes.js';
import { caseRoutes } from './modules/cases/cases.routes.js';
import { portalRoutes } from './modules/portal/portal.routes.js';
import { whistleRoutes } from './modules/whistles/whistles.routes.js';
import { open311Routes } from './modules/open311/open311.routes.js';
import { syncRoutes } from './modules/sync/sync.routes.js';
import { surveyRoutes } from './modules/surveys/surveys.routes.js';
import { fieldworkRoutes } from './modules/fieldwork/fieldwork.routes.js';
import { privacyRoutes } from './modules/privacy/privacy.routes.js';
import { volunteerRoutes } from './modules/duties/volunteer.routes.js';
import { complianceRoutes } from './modules/duties/compliance.routes.js';
import { secretaryRoutes } from './modules/duties/secretaries.routes.js';
import { trainingRoutes } from './modules/duties/training.routes.js';
import { evaluationRoutes } from './modules/evaluation/evaluation.routes.js';
import { reportRoutes } from './modules/reports/reports.routes.js';
import { dashboardsRoutes } from './modules/dashboards/dashboards.routes.js';
import { programmeRoutes } from './modules/duties/programme.routes.js';
import { commitmentRoutes } from './modules/duties/commitments.routes.js';
import { memberAccountRoutes } from './modules/duties/member-accounts.routes.js';

export interface RouteInfo {
  method: string;
  url: string;
  permission: string | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** every route as registered, with its declared permission (the deny-by-default test walks it) */
    routeTable: RouteInfo[];
  }
}

export interface BuildOptions {
  config: Config;
  database: Database;
  logger?: boolean;
}

/** The origin of a tile URL template, for the CSP (subdomain placeholders {s} become a wildcard). */
function tileOrigin(template: string): string {
  const m = /^(https?:\/\/[^/]+)/.exec(template.replace('{s}', '*'));
  return m ? m[1]! : "'self'";
}

/**
 * The zod transform, plus the error body every JSON route answers on 4xx/5xx as the `default` response, so a
 * generated client knows `{ error: { code, message, fields? } }` (Open311 answers its own error rows).
 */
const documentRoute: typeof jsonSchemaTransform = (input) => {
  const out = jsonSchemaTransform(input);
  const schema = out.schema as { hide?: boolean; response?: Record<string, unknown> } | undefined;
  if (!schema || schema.hide || !schema.response || out.url.startsWith('/open311/')) return out;
  const errorBody = { $ref: '#/components/schemas/ErrorBody', description: '错误 / error: { code, message, fields? }' };
  return { ...out, schema: { ...schema, response: { ...schema.response, default: errorBody } } };
};

/** Routes that plugins add (docs, static files) are public; everything else declares its permission. */
function markPublic(instance: FastifyInstance) {
  instance.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), permission: route.config?.permission ?? 'public' };
  });
}

export async function buildApp({ config, database, logger = false }: BuildOptions): Promise<App> {
  const app = Fastify({
    logger: logger ? { level: config.logLevel, serializers: { req: requestForLog } } : false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  const routeTable: RouteInfo[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      // read lazily: a child context's onRoute hook (markPublic) runs after this one on the same object
      routeTable.push({ method, url: route.url, get permission() { return route.config?.permission; } });
    }
  });
  app.setValidatorCompiler(safeValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // gzip/brotli: a 2,000-org tree is ~1 MB of JSON, ~10× smaller compressed (village cadres on 3G/4G)
  await app.register(compress, { threshold: 1024 });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Element Plus sets inline styles; Leaflet tiles and data: icons come later from config.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(config.mapTileUrl ? [tileOrigin(config.mapTileUrl)] : [])],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'jiceng API',
        version: '0.1.0',
        description: '基层服务型党组织建设平台 API. Cookie session + x-csrf-token header on writes.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'jiceng_session' } } },
      security: [{ session: [] }],
    },
    transform: documentRoute,
    // emits the schemas named with .meta({ id }) into components.schemas, which the $refs point at (PITFALLS 14)
    transformObject: jsonSchemaTransformObject,
  });

  installErrorHandler(app);
  installAuthHook(app, database.db);

  const ctx = { database };
  await app.register(async (api) => {
    const scoped = api.withTypeProvider<ZodTypeProvider>();
    await systemRoutes(scoped, ctx);
    await authRoutes(scoped, ctx, config);
    await orgRoutes(scoped, ctx);
    await accountRoutes(scoped, ctx);
    await meRoutes(scoped, ctx, config);
    await memberRoutes(scoped, ctx);
    await gridRoutes(scoped, ctx);
    await importRoutes(scoped, ctx);
    await bodyRoutes(scoped, ctx);
    await calendarRoutes(scoped, ctx);
    await catalogRoutes(scoped, ctx);
    await caseRoutes(scoped, ctx);
    await portalRoutes(scoped, ctx, config);
    await whistleRoutes(scoped, ctx);
    await open311Routes(scoped, ctx, config);
    await syncRoutes(scoped, ctx);
    await surveyRoutes(scoped, ctx);
    await fieldworkRoutes(scoped, ctx);
    await privacyRoutes(scoped, ctx);
    await volunteerRoutes(scoped, ctx);
    await complianceRoutes(scoped, ctx);
    await secretaryRoutes(scoped, ctx);
    await trainingRoutes(scoped, ctx);
    await programmeRoutes(scoped, ctx);
    await commitmentRoutes(scoped, ctx, config);
    await memberAccountRoutes(scoped, ctx, config);
    await evaluationRoutes(scoped, ctx);
    await reportRoutes(scoped, ctx);
    await dashboardsRoutes(scoped, ctx);
  });

  await app.register(async (pub) => {
    markPublic(pub);
    pub.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    // helmet's CSP covers the docs too (swagger-ui loads only same-origin scripts; it sets inline styles)
    await pub.register(swaggerUi, { routePrefix: '/api/docs' });
    if (fs.existsSync(path.join(config.webDist, 'index.html'))) {
      await pub.register(fastifyStatic, { root: config.webDist, wildcard: false, index: ['index.html'] });
      // The SPA owns every other non-API path (history mode routing).
      pub.get('/*', async (req, reply) => {
        if (req.url.startsWith('/api/') || req.url.startsWith('/open311/')) return reply.callNotFound();
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      });
    }
  });
  return app;
}
