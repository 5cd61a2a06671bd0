// The signed-in user's own record: read it, or change metadata, password or e-mail (the e-mail change
// is confirmed through mails to the new address and, with double confirmation, to the old one).
import { requireUser } from '../context.ts';
import { audit, tx } from '../db.ts';
import { badRequest, unprocessable, weakPassword } from '../errors.ts';
import { createFlow, readChallenge } from '../pkce.ts';
import { redirectTarget } from '../redirect.ts';
import { sendTokenMail } from '../send.ts';
import { mergeMetadata, passwordMatches, setPassword, userByEmail, userById, userJson, validEmail } from '../users.ts';
import type { Handler } from './types.ts';

/** Whether an e-mail change needs both the old and the new address to confirm (config.toml). */
export const doubleConfirm = (toml: Record<string, any>) => toml.auth?.email?.double_confirm_changes ?? true;

export const getUser: Handler = async (state, call) => {
  const { user } = await requireUser(state, call);
  return { status: 200, body: userJson(user) };
};

export const putUser: Handler = async (state, call) => {
  const caller = await requireUser(state, call);
  const { auth } = state.config;
  const { email, password, data, phone } = call.body;
  if (phone) throw unprocessable('phone_provider_disabled', 'Phone changes are not supported by the local stack');
  if (data !== undefined && (data === null || typeof data !== 'object' || Array.isArray(data))) {
    throw badRequest('validation_failed', 'data must be a JSON object');
  }
  if (password !== undefined && (typeof password !== 'string' || password.length < auth.minimumPasswordLength)) {
    throw weakPassword(auth.minimumPasswordLength);
  }
  if (email !== undefined && !validEmail(email))
    throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
  const challenge = readChallenge(call.body);
  const redirectTo = redirectTarget(auth, call.url.searchParams.get('redirect_to') ?? call.body.redirect_to);
  const user = caller.user;

  return tx(state.pool, async (db) => {
    if (data) {
      await db.query(`update auth.users set raw_user_meta_data = $2, updated_at = now() where id = $1`, [
        user.id,
        JSON.stringify(mergeMetadata(user.raw_user_meta_data, data)),
      ]);
    }
    if (password !== undefined) {
      if (await passwordMatches(db, user.id, password)) {
        throw unprocessable('same_password', 'New password should be different from the old password.');
      }
      await setPassword(db, user.id, password);
      // A new password ends every other session, as GoTrue does.
      if (caller.sessionId)
        await db.query(`delete from auth.sessions where user_id = $1 and id <> $2`, [user.id, caller.sessionId]);
      await audit(db, call.ip, 'user_updated_password', { id: user.id, email: user.email }, 'user');
    }
    if (email !== undefined && email.toLowerCase() !== (user.email ?? '').toLowerCase()) {
      if (await userByEmail(db, email))
        throw unprocessable('email_exists', 'A user with this email address has already been registered');
      const newEmail = email.toLowerCase();
      await db.query(`update auth.users set email_change = $2, email_change_confirm_status = 0 where id = $1`, [
        user.id,
        newEmail,
      ]);
      if (challenge) await createFlow(db, user.id, challenge, 'email_change');
      const fresh = (await userById(db, user.id))!;
      const pkce = Boolean(challenge);
      await sendTokenMail(state, call, db, {
        user: fresh,
        mail: 'email_change',
        token: 'email_change_new',
        to: newEmail,
        redirectTo,
        pkce,
      });
      if (doubleConfirm(state.config.toml) && user.email) {
        // The frequency check already passed for this request; the second mail shares the timestamp.
        const again = (await userById(db, user.id))!;
        again.email_change_sent_at = null;
        await sendTokenMail(state, call, db, {
          user: again,
          mail: 'email_change',
          token: 'email_change_current',
          to: user.email,
          redirectTo,
          pkce,
        });
      }
    }
    await audit(db, call.ip, 'user_modified', { id: user.id, email: user.email }, 'user');
    return { status: 200, body: userJson((await userById(db, user.id))!) };
  });
};
