import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf, SESSION_COOKIE } from '../../platform/http/app.ts';
import { noContent } from '../../platform/http/schemas.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { changePassword, login, logout, requestPasswordReset, resetPassword } from './auth.service.ts';
import {
  changePasswordBody,
  forgotPasswordBody,
  loginBody,
  logoutOut,
  meResponse,
  messageResponse,
  resetPasswordBody,
} from './identity.schemas.ts';
import { presentMe } from './me.presenter.ts';
import { endSessionUrl } from './oidc.service.ts';
import { setSessionCookie } from './session-cookie.ts';

const tags = ['auth'];

export function authRoutes(app: App, ctx: AppContext) {
  app.post('/auth/login', {
    config: { access: access.public() },
    schema: { tags, summary: 'Sign in; sets the httpOnly session cookie', body: loginBody, response: { 200: meResponse } },
    handler: async (req, reply) => {
      const { token, actor } = await login(ctx, req.body, auditSourceOf(req), req.headers['user-agent']);
      // Production always runs behind HTTPS: the cookie is Secure whatever a proxy says about the scheme.
      setSessionCookie(reply, ctx, token, ctx.env.NODE_ENV === 'production' || req.protocol === 'https');
      req.locale = actor.locale;
      return presentMe(ctx.db, actor);
    },
  });

  app.post('/auth/logout', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary:
        'Sign out and end the session; after single sign-on with a provider that supports RP-initiated logout, 200 names where the browser ends the provider’s session too',
      response: { 204: noContent, 200: logoutOut },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      // Read before the session (and its provider link) is gone.
      const endSession = actor.sessionId ? await endSessionUrl(ctx, actor.sessionId) : null;
      await logout(ctx, actor, auditSourceOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return endSession ? reply.status(200).send({ endSessionUrl: endSession }) : reply.status(204).send(null);
    },
  });

  app.post('/auth/password', {
    config: { access: access.signedIn() },
    schema: { tags, summary: 'Change the signed-in user’s password', body: changePasswordBody, response: { 204: noContent } },
    handler: async (req, reply) => {
      await changePassword(ctx, actorOf(req), req.body, auditSourceOf(req));
      return reply.status(204).send(null);
    },
  });

  app.post('/auth/forgot-password', {
    config: { access: access.public() },
    schema: {
      tags,
      summary: 'Email a single-use reset link (same answer for unknown emails)',
      body: forgotPasswordBody,
      response: { 202: messageResponse },
    },
    handler: async (req, reply) => {
      await requestPasswordReset(ctx, req.body.email, auditSourceOf(req));
      return reply.status(202).send({ message: t(req.locale, 'auth.forgot.accepted') });
    },
  });

  app.post('/auth/reset-password', {
    config: { access: access.public() },
    schema: { tags, summary: 'Choose a new password with a reset token', body: resetPasswordBody, response: { 204: noContent } },
    handler: async (req, reply) => {
      await resetPassword(ctx, req.body, auditSourceOf(req));
      return reply.status(204).send(null);
    },
  });

  app.get('/me', {
    config: { access: access.signedIn() },
    schema: { tags, summary: 'The signed-in user, grants, effective permissions and module tiles', response: { 200: meResponse } },
    handler: async (req) => presentMe(ctx.db, actorOf(req)),
  });
}
