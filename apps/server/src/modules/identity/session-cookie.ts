import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { SESSION_COOKIE } from '../../platform/http/app.ts';

/** The httpOnly session cookie, for password and single sign-on alike. */
export const setSessionCookie = (reply: FastifyReply, ctx: AppContext, token: string, secure: boolean) =>
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: ctx.env.SESSION_ABSOLUTE_HOURS * 3600,
  });
