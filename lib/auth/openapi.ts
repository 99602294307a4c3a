import { PASSWORD_MAX_BYTES, PASSWORD_MIN_CHARS, PASSWORD_RULE } from './password-strength';

/** Authentication in /api/v1/openapi.json: paths and the schemas they reference. */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (schema: object) => ({
  required: true,
  content: { 'application/json': { schema } },
});
const ok = (description: string, schema?: object) =>
  schema ? { description, content: { 'application/json': { schema } } } : { description };
const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});
const limited = error('Too many attempts (Retry-After header)');
const busy = error('Password hashing is saturated (Retry-After header)');

const credentials = {
  type: 'object',
  required: ['email', 'password'],
  properties: {
    email: { type: 'string', format: 'email' },
    password: { type: 'string', minLength: 1 },
  },
};

const newPassword = {
  type: 'string',
  minLength: PASSWORD_MIN_CHARS,
  description: `${PASSWORD_RULE} At most ${PASSWORD_MAX_BYTES} bytes in UTF-8. Judged by zxcvbn (score 3 or more), with the email and name as known words.`,
};

export const authOpenApi = {
  schemas: {
    User: {
      type: 'object',
      required: ['id', 'email', 'name', 'role'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string', enum: ['customer', 'admin'] },
      },
    },
    Session: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        createdAt: { type: 'string', format: 'date-time' },
        lastSeenAt: { type: 'string', format: 'date-time' },
        ip: { type: ['string', 'null'] },
        device: { type: 'string' },
        current: { type: 'boolean' },
      },
    },
  },
  paths: {
    '/api/v1/auth/register': {
      post: {
        summary: 'Create an account and sign in (sets the session cookie)',
        tags: ['auth'],
        requestBody: jsonBody({
          ...credentials,
          required: ['email', 'password', 'name'],
          properties: {
            email: credentials.properties.email,
            password: newPassword,
            name: { type: 'string', minLength: 1, maxLength: 80 },
          },
        }),
        responses: {
          201: ok('Signed in', { type: 'object', properties: { user: ref('User') } }),
          400: error('Invalid fields'),
          409: error('Not possible with these details (neutral wording)'),
          429: limited,
          503: busy,
        },
      },
    },
    '/api/v1/auth/login': {
      post: {
        summary: 'Sign in with email and password (sets the session cookie)',
        tags: ['auth'],
        requestBody: jsonBody(credentials),
        responses: {
          200: ok('Signed in', { type: 'object', properties: { user: ref('User') } }),
          400: error('Invalid fields'),
          401: error('Wrong email or password (same answer for unknown emails)'),
          403: error('The account is disabled (said only after the correct password)'),
          429: limited,
          503: busy,
        },
      },
    },
    '/api/v1/auth/logout': {
      post: {
        summary: 'Revoke this session',
        tags: ['auth'],
        responses: { 204: ok('Signed out') },
      },
    },
    '/api/v1/auth/me': {
      get: {
        summary: 'The signed-in user',
        tags: ['auth'],
        responses: { 200: ok('The user', ref('User')), 401: error('Not signed in') },
      },
    },
    '/api/v1/auth/session': {
      get: {
        summary: 'Who is signed in, if anyone (never 401: for pages that also serve visitors)',
        tags: ['auth'],
        responses: {
          200: ok('The user, or null for an anonymous visitor or an ended session', {
            type: 'object',
            required: ['user'],
            properties: { user: { oneOf: [ref('User'), { type: 'null' }] } },
          }),
        },
      },
    },
    '/api/v1/auth/recovery': {
      post: {
        summary: 'Mail a password reset link (202 whether or not the email exists)',
        tags: ['auth'],
        requestBody: jsonBody({
          type: 'object',
          required: ['email'],
          properties: { email: { type: 'string' } },
        }),
        responses: {
          202: ok('Accepted'),
          400: error('Invalid email'),
          429: limited,
          503: error('This shop sends no mail (MAIL_DISABLED): the same answer for every email'),
        },
      },
    },
    '/api/v1/auth/reset': {
      post: {
        summary: 'Set a new password with a reset token; revokes every session',
        tags: ['auth'],
        requestBody: jsonBody({
          type: 'object',
          required: ['token', 'password'],
          properties: { token: { type: 'string' }, password: newPassword },
        }),
        responses: {
          204: ok('Password changed'),
          400: error('Invalid, used or expired token, or a weak password'),
        },
      },
    },
    '/api/v1/auth/sessions': {
      get: {
        summary: 'The caller’s active sessions',
        tags: ['auth'],
        responses: {
          200: ok('Sessions', {
            type: 'object',
            properties: { sessions: { type: 'array', items: ref('Session') } },
          }),
          401: error('Not signed in'),
        },
      },
      delete: {
        summary: 'Sign out everywhere',
        tags: ['auth'],
        responses: { 204: ok('All sessions revoked'), 401: error('Not signed in') },
      },
    },
    '/api/v1/admin/ping': {
      get: {
        summary: 'Admin-only probe: proves the caller is an admin',
        tags: ['admin'],
        responses: { 200: ok('An admin'), 401: error('Not signed in'), 403: error('Not an admin') },
      },
    },
    '/api/v1/auth/sessions/{id}': {
      delete: {
        summary: 'Revoke one of the caller’s sessions',
        tags: ['auth'],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          204: ok('Revoked'),
          401: error('Not signed in'),
          404: error('No such session of yours'),
        },
      },
    },
  },
} as const;
