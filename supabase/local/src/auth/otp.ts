// E-mail one-time tokens: a numeric OTP goes into the mail; its hash sha224(email + otp) is stored on
// the user (GoTrue's columns) and in auth.one_time_tokens, and is the `token` of the mailed link.
import { createHash, randomInt } from 'node:crypto';
import type { Db } from './db.ts';
import { tooMany } from './errors.ts';
import type { UserRow } from './users.ts';

export type TokenKind = 'confirmation' | 'recovery' | 'email_change_new' | 'email_change_current';

const COLUMNS: Record<TokenKind, { token: string; sentAt: string; ott: string }> = {
  confirmation: { token: 'confirmation_token', sentAt: 'confirmation_sent_at', ott: 'confirmation_token' },
  recovery: { token: 'recovery_token', sentAt: 'recovery_sent_at', ott: 'recovery_token' },
  email_change_new: { token: 'email_change_token_new', sentAt: 'email_change_sent_at', ott: 'email_change_token_new' },
  email_change_current: {
    token: 'email_change_token_current',
    sentAt: 'email_change_sent_at',
    ott: 'email_change_token_current',
  },
};

export const tokenColumn = (kind: TokenKind) => COLUMNS[kind].token;

export function newOtp(length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String(randomInt(10));
  return s;
}

export const hashToken = (emailOrPhone: string, otp: string) =>
  createHash('sha224')
    .update(emailOrPhone.toLowerCase() + otp)
    .digest('hex');

/** Refuses a new mail of this kind while the previous one is younger than the max frequency. */
export function checkFrequency(user: UserRow, kind: TokenKind, maxFrequencySeconds: number): void {
  const sentAt = (user as any)[COLUMNS[kind].sentAt] as Date | null;
  if (!sentAt || maxFrequencySeconds <= 0) return;
  const left = Math.ceil((sentAt.getTime() + maxFrequencySeconds * 1000 - Date.now()) / 1000);
  if (left > 0) {
    throw tooMany(
      'over_email_send_rate_limit',
      `For security purposes, you can only request this after ${left} seconds.`,
    );
  }
}

/** Creates a fresh OTP of a kind for a user (replacing the previous one) and returns it with its hash. */
export async function issueToken(db: Db, user: UserRow, kind: TokenKind, address: string, otpLength: number) {
  const otp = newOtp(otpLength);
  const hashed = hashToken(address, otp);
  const c = COLUMNS[kind];
  await db.query(`update auth.users set ${c.token} = $2, ${c.sentAt} = now(), updated_at = now() where id = $1`, [
    user.id,
    hashed,
  ]);
  await db.query(
    `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to)
     values (gen_random_uuid(), $1, $2, $3, $4)
     on conflict (user_id, token_type) do update set token_hash = excluded.token_hash, relates_to = excluded.relates_to,
       created_at = now(), updated_at = now()`,
    [user.id, c.ott, hashed, address.toLowerCase()],
  );
  return { otp, hashed };
}

/** Forgets a used token. */
export async function clearToken(db: Db, userId: string, kind: TokenKind): Promise<void> {
  await db.query(`update auth.users set ${COLUMNS[kind].token} = '' where id = $1`, [userId]);
  await db.query(`delete from auth.one_time_tokens where user_id = $1 and token_type = $2`, [
    userId,
    COLUMNS[kind].ott,
  ]);
}

/** Voids every code mailed to `address` (as the account's address, or as the new one of an e-mail change). */
export async function voidCodesSentTo(db: Db, address: string): Promise<void> {
  for (const kind of Object.keys(COLUMNS) as TokenKind[]) {
    const to = kind === 'email_change_new' ? 'email_change' : 'email';
    const { rows } = await db.query(`select id from auth.users where lower(${to}) = lower($1)`, [address]);
    for (const row of rows) await clearToken(db, row.id, kind);
  }
}

/** Whether a token of this kind, sent at `sentAt`, is still within the OTP lifetime. */
export function fresh(sentAt: Date | null, otpExpirySeconds: number): boolean {
  return sentAt !== null && sentAt.getTime() + otpExpirySeconds * 1000 > Date.now();
}

export const sentAtOf = (user: UserRow, kind: TokenKind): Date | null => (user as any)[COLUMNS[kind].sentAt] ?? null;
