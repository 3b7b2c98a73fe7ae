import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Locale } from '@ish/shared';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest, type RawServerDefault } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AuditSource } from '../audit/audit.ts';
import type { Actor } from '../authz/actor.ts';
import type { Db } from '../db/client.ts';
import { localeFromHeader } from '../i18n/i18n.ts';
import { type Access, assertDeclared, enforceAccess } from './access.ts';
import { assertSameOrigin } from './csrf.ts';
import { AppError, unauthenticated } from './errors.ts';
import { idempotentRoutes, storeIdempotentAnswer } from './idempotency.ts';
import { MAX_UPLOAD_BYTES } from './limits.ts';
import { problemHandler } from './problem.ts';
import { securityHeaders } from './security-headers.ts';
import { responseSerializerCompiler } from './serializer.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
  }
  interface FastifyContextConfig {
    /** Who may call the route; required on every API route (see access.ts). */
    access?: Access;
    /** Accepts an Idempotency-Key header: a retry gets the first answer (see idempotency.ts). */
    idempotent?: boolean;
  }
}

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export const SESSION_COOKIE = 'ish_session';

const IDEMPOTENCY_HEADER = {
  type: 'object',
  properties: {
    'idempotency-key': {
      type: 'string',
      maxLength: 200,
      description: 'Any unique value (e.g. a UUID): a retry with the same key and body returns the first answer instead of creating again',
    },
  },
};

const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export interface HttpOptions {
  logLevel: string;
  publicUrl: string;
  /** Fastify's trustProxy: false (none), a hop count, or addresses/CIDRs of the proxies in front (see env TRUST_PROXY). */
  trustProxy: boolean | number | string[];
  /** Production: HSTS on every response. */
  production: boolean;
  /** The database idempotency keys live in; without it no route may declare `idempotent`. */
  db?: Db;
  /** Resolves the session cookie to the signed-in user, or null. */
  authenticate(token: string, req: FastifyRequest): Promise<Actor | null>;
  /** Resolves an `Authorization: Bearer` API token to its owner narrowed to the token's scopes, or null. */
  authenticateBearer(token: string, req: FastifyRequest): Promise<Actor | null>;
}

/** The token of an `Authorization: Bearer …` header: undefined without one, '' when it is malformed. */
function bearerOf(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (!header || !/^Bearer\b/i.test(header)) return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? '';
}

/** Fastify with zod schemas, OpenAPI, problem+json errors, sessions and CSRF checks. */
export async function createHttpApp(options: HttpOptions): Promise<App> {
  const app = Fastify({
    logger: { level: options.logLevel },
    // A hop count trusts that many proxies nearest to the server, whatever their address.
    trustProxy: typeof options.trustProxy === 'number' ? trustHops(options.trustProxy) : options.trustProxy,
    bodyLimit: 1024 * 1024,
    // Every log line of a request and its problem+json carry this id; a proxy's X-Request-Id is kept when it looks like one.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // Compiled from the response schemas (exactly the documented fields); development and tests also check each answer with zod.
  app.setSerializerCompiler(responseSerializerCompiler(!options.production));
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'id');
  app.setErrorHandler(problemHandler);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Internal Service Hub API',
        version: '1.0.0',
        description:
          'REST API of Internal Service Hub. Sign in with POST /api/v1/auth/login; the session cookie authenticates later calls. Machines send an API token as `Authorization: Bearer …`. Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: {
            type: 'http',
            scheme: 'bearer',
            description:
              'An API token (POST /api/v1/me/tokens or, for Administrators, POST /api/v1/service-tokens), narrowed to its scopes',
          },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    // Each operation carries its access declaration (x-access), so the permission matrix is generated from the document.
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const declared = input.route.config?.access;
      if (!declared) return out;
      const headers = input.route.config?.idempotent ? { headers: IDEMPOTENCY_HEADER } : {};
      return {
        ...out,
        schema: { ...out.schema, ...headers, 'x-access': declared, ...(declared.kind === 'public' ? { security: [] } : {}) },
      };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRoute', assertDeclared);
  const { db } = options;
  if (db)
    app.addHook(
      'onRoute',
      idempotentRoutes(() => db),
    );
  const headers = securityHeaders(options.production);
  // Not async: most answers store nothing, and a promise per response is measurable at hundreds a second.
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header('x-request-id', req.id).headers(headers);
    if (!db || !req.idempotency) return done(null, payload);
    storeIdempotentAnswer(db, req, reply, payload).then(() => done(null, payload), done);
  });
  // Authentication and the route's access declaration run before the body is read or validated.
  app.addHook('onRequest', async (req) => {
    req.locale = localeFromHeader(req.headers['accept-language']);
    if (!req.url.startsWith('/api/')) return enforceAccess(req);
    // An API token wins over cookies and is no CSRF vector (a browser never adds it by itself); a wrong one is refused.
    const bearer = bearerOf(req);
    if (bearer !== undefined) {
      req.actor = bearer ? await options.authenticateBearer(bearer, req) : null;
      if (!req.actor) throw new AppError(401, 'TOKEN_INVALID');
      req.locale = req.actor.locale;
      enforceAccess(req);
      return;
    }
    assertSameOrigin(req, options.publicUrl);
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      req.actor = await options.authenticate(token, req);
      if (req.actor) req.locale = req.actor.locale;
    }
    enforceAccess(req);
  });
  // PostgreSQL cannot store NUL in text: refuse it in any parameter or field before a handler sees it.
  app.addHook('preValidation', async (req) => {
    const where = findNul({ params: req.params, querystring: req.query, body: req.body });
    if (where) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: where, message: 'NUL_CHARACTER' }]);
  });
  app.setNotFoundHandler((req, reply) => {
    problemHandler(new AppError(404, 'NOT_FOUND'), req, reply);
  });
  return app;
}

/** The path (`body.title`) of the first string holding a NUL character, or null. */
function findNul(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.replace(/^body\.?/, '') || 'body' : null;
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes('\u0000')) return path;
      const found = findNul(inner, path ? `${path}.${key}` : key);
      if (found !== null) return found;
    }
  }
  return null;
}

/** The signed-in user of a route that is not public (the access check guarantees one). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

/** Who and where, for the audit log. */
export function auditSourceOf(req: FastifyRequest): AuditSource {
  const token = req.actor?.token;
  return {
    actorId: req.actor?.userId ?? null,
    actorEmail: req.actor?.email ?? null,
    ip: req.ip,
    ...(token ? { token: { id: token.id, name: token.name } } : {}),
  };
}
