// The shapes of the sign-in and password forms. Messages are written for the person at the keyboard.
import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-rules.ts';

const email = z
  .string()
  .trim()
  .min(1, 'Enter your e-mail address.')
  .max(320, 'That e-mail address is too long.')
  .pipe(z.email('Enter a valid e-mail address, like name@example.com.'))
  .transform((value) => value.toLowerCase());

export const signInForm = z.object({
  email,
  password: z.string().min(1, 'Enter your password.').max(1024, 'That password is too long.'),
  next: z.string().optional(),
});

/** A new account: the password follows the same rules as a new password (one field, shown once). */
export const signUpForm = z.object({
  email,
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`),
});

export const forgotPasswordForm = z.object({ email });

/** The 6-digit code a reset e-mail carries beside its link, typed on any device. */
export const recoveryCodeForm = z.object({
  email,
  code: z
    .string()
    .transform((value) => value.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from the e-mail.')),
});

export const newPasswordForm = z
  .object({
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
      .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`),
    confirm: z.string(),
  })
  .refine((form) => form.password === form.confirm, {
    path: ['confirm'],
    message: 'The two passwords do not match.',
  });
