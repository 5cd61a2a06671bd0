// Flows that start with an e-mail: password recovery, magic link / e-mail OTP, and resending a
// sign-up confirmation. None of them may tell whether an address has an account: an unknown address
// gets the same answer, the same limits and the same timing as a known one, and no mail.
import { setTimeout as sleep } from 'node:timers/promises';
import { takeLimit, type AuthState, type Call } from '../context.ts';
import { audit, tx } from '../db.ts';
import { badRequest, tooMany, unprocessable } from '../errors.ts';
import { createFlow, readChallenge } from '../pkce.ts';
import { redirectTarget } from '../redirect.ts';
import { sendTokenMail } from '../send.ts';
import { confirmEmail, insertUser, userByEmail, validEmail } from '../users.ts';
import type { Handler, Reply } from './types.ts';

/** How long these endpoints take at least: long enough to cover issuing a code and sending its mail. */
const ANSWER_MS = 400;

/** Runs `work`, answering (or failing) no sooner than ANSWER_MS after the request arrived. */
async function paced(work: () => Promise<Reply>): Promise<Reply> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    const left = started + ANSWER_MS - Date.now();
    if (left > 0) await sleep(left);
  }
}

/**
 * For an address without an account: the limits a real mail would meet (per-recipient frequency, per
 * client e-mail allowance), so a second quick request is refused alike, but nothing is sent.
 */
function pretendToSend(state: AuthState, call: Call, email: string): void {
  const wait = state.limits.phantomMail.secondsLeft(email);
  if (wait)
    throw tooMany(
      'over_email_send_rate_limit',
      `For security purposes, you can only request this after ${wait} seconds.`,
    );
  takeLimit(state.limits.emailSent, call, 'over_email_send_rate_limit');
  state.limits.phantomMail.take(email);
}

function emailOf(body: Record<string, any>): string {
  if (!body.email && body.phone)
    throw unprocessable('phone_provider_disabled', 'Phone one-time passwords are not supported by the local stack');
  if (!validEmail(body.email))
    throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
  return body.email.toLowerCase();
}

export const recover: Handler = (state, call) => paced(() => recoverNow(state, call));

async function recoverNow(state: AuthState, call: Call): Promise<Reply> {
  const email = emailOf(call.body);
  const challenge = readChallenge(call.body);
  const redirectTo = redirectTarget(
    state.config.auth,
    call.url.searchParams.get('redirect_to') ?? call.body.redirect_to,
  );
  await tx(state.pool, async (db) => {
    const user = await userByEmail(db, email);
    if (!user) return pretendToSend(state, call, email);
    if (challenge) await createFlow(db, user.id, challenge, 'recovery');
    await sendTokenMail(state, call, db, {
      user,
      mail: 'recovery',
      token: 'recovery',
      to: email,
      redirectTo,
      pkce: Boolean(challenge),
    });
    await audit(db, call.ip, 'user_recovery_requested', { id: user.id, email: user.email }, 'user');
  });
  return { status: 200, body: {} };
}

export const otp: Handler = (state, call) => paced(() => otpNow(state, call));

async function otpNow(state: AuthState, call: Call): Promise<Reply> {
  const { auth } = state.config;
  const email = emailOf(call.body);
  const challenge = readChallenge(call.body);
  const createUser = call.body.create_user ?? true;
  const data = call.body.data && typeof call.body.data === 'object' ? call.body.data : {};
  const redirectTo = redirectTarget(auth, call.url.searchParams.get('redirect_to') ?? call.body.redirect_to);
  await tx(state.pool, async (db) => {
    let user = await userByEmail(db, email);
    if (!user) {
      // GoTrue answers 422 otp_disabled / signup_disabled here, which tells a stranger the address has
      // no account; the answer is the one a known address gets.
      if (!createUser || !auth.enableSignup) return pretendToSend(state, call, email);
      takeLimit(state.limits.signIn, call);
      user = await insertUser(db, { email, userMetadata: data });
      await audit(db, call.ip, 'user_signedup', { id: user.id, email: user.email }, 'team', { provider: 'email' });
    }
    const pkce = Boolean(challenge);
    if (!user.email_confirmed_at && auth.emailConfirmations) {
      // A newcomer (or a still unconfirmed address) must confirm first: the mail is the sign-up
      // confirmation, whose code verifyOtp({type: 'email'}) accepts as well.
      if (challenge) await createFlow(db, user.id, challenge, 'email/signup');
      await sendTokenMail(state, call, db, {
        user,
        mail: 'signup',
        token: 'confirmation',
        to: email,
        redirectTo,
        pkce,
      });
      return;
    }
    // With auto-confirmation GoTrue signs the newcomer up (confirmed) and then sends a magic link.
    if (!user.email_confirmed_at) await confirmEmail(db, user.id);
    if (challenge) await createFlow(db, user.id, challenge, 'magiclink');
    await sendTokenMail(state, call, db, { user, mail: 'magiclink', token: 'recovery', to: email, redirectTo, pkce });
    await audit(db, call.ip, 'user_recovery_requested', { id: user.id, email: user.email }, 'user');
  });
  return { status: 200, body: {} };
}

export const resend: Handler = (state, call) => paced(() => resendNow(state, call));

async function resendNow(state: AuthState, call: Call): Promise<Reply> {
  const type = call.body.type;
  if (type !== 'signup' && type !== 'email_change') {
    throw badRequest(
      'validation_failed',
      'Missing one of these types: signup, email_change (sms and phone_change are not supported locally)',
    );
  }
  const email = emailOf(call.body);
  const challenge = readChallenge(call.body);
  const redirectTo = redirectTarget(
    state.config.auth,
    call.url.searchParams.get('redirect_to') ?? call.body.options?.email_redirect_to,
  );
  await tx(state.pool, async (db) => {
    const user = await userByEmail(db, email);
    if (!user) return pretendToSend(state, call, email);
    const pkce = Boolean(challenge);
    if (type === 'signup') {
      if (user.email_confirmed_at) return;
      if (challenge) await createFlow(db, user.id, challenge, 'email/signup');
      await sendTokenMail(state, call, db, {
        user,
        mail: 'signup',
        token: 'confirmation',
        to: email,
        redirectTo,
        pkce,
      });
    } else if (user.email_change) {
      if (challenge) await createFlow(db, user.id, challenge, 'email_change');
      await sendTokenMail(state, call, db, {
        user,
        mail: 'email_change',
        token: 'email_change_new',
        to: user.email_change,
        redirectTo,
        pkce,
      });
    }
  });
  return { status: 200, body: {} };
}
