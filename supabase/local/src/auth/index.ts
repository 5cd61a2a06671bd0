// The /auth/v1 service: GoTrue's endpoints as auth-js calls them, over the auth schema.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Service, StackContext } from '../gateway/types.ts';
import { trustList } from '../gateway/client-address.ts';
import { BodyTooLarge, sendJson } from '../gateway/http.ts';
import { clientIp, createLimits, readJsonBody, type AuthState } from './context.ts';
import { AuthError, notFound, sendError } from './errors.ts';
import {
  createUser,
  deleteUser,
  generateLink,
  getUserById,
  invite,
  listUsers,
  updateUserById,
} from './routes/admin.ts';
import { otp, recover, resend } from './routes/email.ts';
import { health, jwks, settings } from './routes/meta.ts';
import { logout, signup, token } from './routes/session.ts';
import type { Handler } from './routes/types.ts';
import { getUser, putUser } from './routes/user.ts';
import { verifyGet, verifyPost } from './routes/verify.ts';

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

function route(method: string, path: string, handler: Handler): Route {
  const keys: string[] = [];
  const pattern = new RegExp('^' + path.replace(/:(\w+)/g, (_, k) => (keys.push(k), '([^/]+)')) + '/?$');
  return { method, pattern, keys, handler };
}

const ROUTES: Route[] = [
  route('POST', '/signup', signup),
  route('POST', '/token', token),
  route('POST', '/logout', logout),
  route('GET', '/user', getUser),
  route('PUT', '/user', putUser),
  route('POST', '/recover', recover),
  route('POST', '/otp', otp),
  route('POST', '/magiclink', otp),
  route('POST', '/resend', resend),
  route('POST', '/verify', verifyPost),
  route('GET', '/verify', verifyGet),
  route('POST', '/invite', invite),
  route('POST', '/admin/users', createUser),
  route('GET', '/admin/users', listUsers),
  route('GET', '/admin/users/:id', getUserById),
  route('PUT', '/admin/users/:id', updateUserById),
  route('DELETE', '/admin/users/:id', deleteUser),
  route('POST', '/admin/generate_link', generateLink),
  route('GET', '/settings', settings),
  route('GET', '/health', health),
  route('GET', '/.well-known/jwks.json', jwks),
];

/** Features GoTrue has that the local stack does not offer: they fail loudly instead of 404-ing. */
const UNSUPPORTED =
  /^\/(factors|authorize|callback|sso|saml|reauthenticate|admin\/(sso|factors|oauth|custom-providers|users\/[^/]+\/factors)|user\/identities|oauth|passkeys)(\/|$)/;

export async function create(ctx: StackContext): Promise<Service> {
  const state: AuthState = {
    config: ctx.config,
    pool: ctx.adminPool,
    sendMail: (m) => ctx.sendMail(m),
    log: (m) => ctx.log('auth', m),
    proxies: trustList(ctx.config.trustedProxies),
    limits: createLimits(ctx.config),
  };
  return {
    async handle(req: IncomingMessage, res: ServerResponse, path: string, url: URL) {
      try {
        const method = req.method ?? 'GET';
        let match: { r: Route; params: Record<string, string> } | undefined;
        for (const r of ROUTES) {
          const m = r.method === method ? r.pattern.exec(path) : null;
          if (m) {
            match = { r, params: Object.fromEntries(r.keys.map((k, i) => [k, decodeURIComponent(m[i + 1])])) };
            break;
          }
        }
        if (!match) {
          if (UNSUPPORTED.test(path))
            throw new AuthError(501, 'not_implemented', `${path} is not supported by the local stack`);
          throw notFound('not_found', `no route for ${method} ${path}`);
        }
        const call = { req, url, ip: clientIp(state, req), body: await readJsonBody(req) };
        const reply = await match.r.handler(state, call, match.params);
        if ('redirect' in reply) {
          res.writeHead(303, { location: reply.redirect });
          res.end();
        } else if (reply.status === 204) {
          res.writeHead(204);
          res.end();
        } else {
          sendJson(res, reply.status, reply.body, reply.headers);
        }
      } catch (e) {
        // The gateway answers an oversized body (413) and closes the connection.
        if (e instanceof BodyTooLarge) throw e;
        if (e instanceof AuthError) {
          if (e.status >= 500 && e.code !== 'not_implemented')
            state.log(`${req.method} ${path}: ${e.message}: ${(e.cause as Error)?.stack ?? e.cause ?? ''}`);
          return sendError(req, res, e);
        }
        state.log(`${req.method} ${path}: ${(e as Error)?.stack ?? e}`);
        sendError(
          req,
          res,
          new AuthError(500, 'unexpected_failure', 'Unexpected failure, please check server logs for more information'),
        );
      }
    },
  };
}
