import { describe, expect, it } from 'vitest';
import { forgotPasswordForm, newPasswordForm, signInForm } from './auth-forms.ts';
import { parseForm, textField } from './forms.ts';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe('parseForm with the sign-in form', () => {
  it('trims and lower-cases the e-mail address', () => {
    const parsed = parseForm(signInForm, form({ email: '  Owner@HappyPaws.test ', password: 'x' }));
    expect(parsed).toEqual({ ok: true, data: { email: 'owner@happypaws.test', password: 'x' } });
  });

  it('reports one message per invalid field', () => {
    const parsed = parseForm(signInForm, form({ email: 'not-an-address', password: '' }));
    expect(parsed).toEqual({
      ok: false,
      errors: {
        email: 'Enter a valid e-mail address, like name@example.com.',
        password: 'Enter your password.',
      },
    });
  });

  it('asks for an e-mail address when the field is blank or missing', () => {
    expect(parseForm(signInForm, form({ email: '   ', password: 'x' }))).toMatchObject({
      ok: false,
      errors: { email: 'Enter your e-mail address.' },
    });
    expect(parseForm(forgotPasswordForm, form({}))).toMatchObject({ ok: false });
  });

  it('ignores file fields and repeated names after the first', () => {
    const data = form({ email: 'a@b.test', password: 'pw' });
    data.append('email', 'second@b.test');
    data.append('next', new Blob(['x']));
    expect(parseForm(signInForm, data)).toEqual({ ok: true, data: { email: 'a@b.test', password: 'pw' } });
  });
});

describe('parseForm with the new-password form', () => {
  it('accepts matching passwords of the minimum length', () => {
    expect(parseForm(newPasswordForm, form({ password: '12345678', confirm: '12345678' }))).toMatchObject({ ok: true });
  });

  it('rejects short passwords', () => {
    expect(parseForm(newPasswordForm, form({ password: 'short', confirm: 'short' }))).toEqual({
      ok: false,
      errors: { password: 'Use at least 8 characters.' },
    });
  });

  it('puts a mismatch on the confirmation field', () => {
    expect(parseForm(newPasswordForm, form({ password: 'long-enough', confirm: 'long-enougH' }))).toEqual({
      ok: false,
      errors: { confirm: 'The two passwords do not match.' },
    });
  });
});

describe('textField', () => {
  it('returns the text or an empty string', () => {
    const data = form({ email: 'typed@example' });
    data.append('file', new Blob(['x']));
    expect(textField(data, 'email')).toBe('typed@example');
    expect(textField(data, 'missing')).toBe('');
    expect(textField(data, 'file')).toBe('');
  });
});
