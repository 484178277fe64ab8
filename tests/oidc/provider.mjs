// A real OpenID Connect provider for the tests (RULES OAuth item 6): node-oidc-provider on loopback.
//
//   node provider.mjs <install dir with node_modules/oidc-provider> <port>
//
// Prints one line `{"issuer": "http://127.0.0.1:<port>"}` on stdout once it listens; runs until
// killed. What it offers (tests/oidc/README.md has the whole picture):
// - discovery, JWKS, authorization code + PKCE (S256, required for every client), ID tokens signed
//   RS256 with a key made at start-up;
// - open dynamic client registration (RFC 7591) at /reg, for one client per app under test;
// - the library's own development login and consent pages (any password; the login name is the
//   account), with a "[ Cancel ]" link that answers the app `error=access_denied`;
// - accounts: the fixed ones below, plus any added through the control endpoint;
// - cookies all named `op_*`, so they never collide with an app's (apps must not use `op_`);
// - a control endpoint, /__test__/..., answered to loopback callers only (the whole server listens
//   on 127.0.0.1 anyway): add an account, and arm a fault for a client's NEXT token request.
//
// Token requests are normalised before the library sees them: a client secret sent in the body
// (client_secret_post) is moved into an Authorization: Basic header, so a client registered with
// client_secret_basic may use either method, as the apps' libraries differ in their default.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [installDir, portText] = process.argv.slice(2);
if (!installDir || !portText) {
  console.error('usage: node provider.mjs <install dir> <port>');
  process.exit(2);
}
const requireHere = createRequire(join(installDir, 'package.json'));
const load = (name) => import(pathToFileURL(requireHere.resolve(name)).href);
const { default: Provider } = await load('oidc-provider');
// jose is oidc-provider's own dependency (its pin decides the version): the same library signs
// the provider's tokens and the tampered ones.
const jose = await load('jose');

const port = Number(portText);
const issuer = `http://127.0.0.1:${port}`;

// login name -> claims. Tests add fresh ones per run through POST /__test__/accounts.
const accounts = new Map([
  ['alice', { sub: 'alice', email: 'alice@example.com', email_verified: true, name: 'Alice' }],
  // Claims alice's address without the provider vouching for it (RULES OAuth item 5: 409).
  ['mallory', { sub: 'mallory', email: 'alice@example.com', email_verified: false, name: 'Mallory' }],
  // Shares no email at all (RULES OAuth item 5: 401).
  ['nomail', { sub: 'nomail', name: 'No Mail' }],
]);

// client_id -> the fault its next token request meets: 'aud' | 'nonce' | 'secret'.
const faults = new Map();

const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const signingJwk = { ...(await jose.exportJWK(privateKey)), kid: 'test-rs256', alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  jwks: { keys: [signingJwk] },
  cookies: {
    names: { session: 'op_session', interaction: 'op_interaction', resume: 'op_interaction_resume' },
    keys: ['harness cookies are signed with a throwaway key'],
  },
  features: {
    devInteractions: { enabled: true },
    registration: { enabled: true },
  },
  responseTypes: ['code'],
  pkce: { required: () => true },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  // The scope's claims go into the ID token too (as Google's do), so an app may read them from
  // the ID token or from userinfo: both are offered.
  conformIdTokenClaims: false,
  async findAccount(ctx, id) {
    const claims = accounts.get(id);
    if (!claims) return undefined;
    return { accountId: id, claims: async () => ({ ...claims }) };
  },
  ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, AuthorizationCode: 120, IdToken: 600 },
  clientDefaults: {
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
  },
});
provider.proxy = false;

const isLoopback = (address) => ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(address);

async function readRaw(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const basic = (id, secret) => `Basic ${Buffer.from(
  `${encodeURIComponent(id)}:${encodeURIComponent(secret)}`,
).toString('base64')}`;

function clientIdOf(ctx, form) {
  const header = ctx.get('authorization');
  if (header.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    return decodeURIComponent(decoded.slice(0, decoded.indexOf(':')));
  }
  return form.get('client_id');
}

// The control endpoint (test-only, loopback only).
provider.use(async (ctx, next) => {
  if (!ctx.path.startsWith('/__test__/')) return next();
  if (!isLoopback(ctx.req.socket.remoteAddress)) {
    ctx.status = 403;
    ctx.body = { error: 'the control endpoint answers loopback callers only' };
    return undefined;
  }
  let body;
  try {
    body = JSON.parse((await readRaw(ctx.req)) || '{}');
  } catch {
    ctx.status = 400;
    ctx.body = { error: 'the body must be JSON' };
    return undefined;
  }
  if (ctx.method === 'POST' && ctx.path === '/__test__/accounts') {
    // {"login", "email"?, "email_verified"?, "name"?}; sub = login.
    if (typeof body.login !== 'string' || !body.login) {
      ctx.status = 400;
      ctx.body = { error: 'login (a non-empty string) is required' };
      return undefined;
    }
    const claims = { sub: body.login, name: body.name ?? body.login };
    if (body.email != null) claims.email = body.email;
    if (body.email_verified != null) claims.email_verified = Boolean(body.email_verified);
    accounts.set(body.login, claims);
    ctx.status = 201;
    ctx.body = claims;
    return undefined;
  }
  if (ctx.method === 'POST' && ctx.path === '/__test__/fault') {
    // {"client_id", "fault": "aud" | "nonce" | "secret"}: armed for that client's next token request.
    if (!['aud', 'nonce', 'secret'].includes(body.fault) || typeof body.client_id !== 'string') {
      ctx.status = 400;
      ctx.body = { error: 'client_id and fault (aud, nonce or secret) are required' };
      return undefined;
    }
    faults.set(body.client_id, body.fault);
    ctx.status = 204;
    return undefined;
  }
  ctx.status = 404;
  ctx.body = { error: 'unknown control route' };
  return undefined;
});

// Token requests: normalise the client authentication, apply an armed fault.
provider.use(async (ctx, next) => {
  if (ctx.method !== 'POST' || ctx.path !== '/token') return next();
  const form = new URLSearchParams(await readRaw(ctx.req));
  const secretInBody = form.get('client_secret');
  if (secretInBody != null && !ctx.get('authorization')) {
    ctx.request.headers.authorization = basic(form.get('client_id'), secretInBody);
    form.delete('client_secret');
    form.delete('client_id');
  }
  const clientId = clientIdOf(ctx, form);
  const fault = faults.get(clientId);
  faults.delete(clientId);
  if (fault === 'secret') {
    // Exactly what a wrong client secret meets: the library itself answers 401 invalid_client.
    ctx.request.headers.authorization = basic(clientId, 'not-the-secret');
  }
  // The library reads an already-consumed body from req.body (selective_body.js).
  ctx.req.body = form.toString();
  await next();
  if ((fault === 'aud' || fault === 'nonce') && ctx.status === 200 && ctx.body?.id_token) {
    const payload = jose.decodeJwt(ctx.body.id_token);
    if (fault === 'aud') payload.aud = 'someone-else';
    else payload.nonce = 'not-the-nonce-the-app-sent';
    // Re-signed with the provider's own key: only the claim is wrong, the signature is valid.
    ctx.body = {
      ...ctx.body,
      id_token: await new jose.SignJWT(payload)
        .setProtectedHeader({ alg: 'RS256', kid: signingJwk.kid, typ: 'JWT' })
        .sign(privateKey),
    };
  }
  return undefined;
});

const server = provider.listen(port, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
