// Public descriptions of the service: settings, health and the (empty, HS256) key set.
import type { Handler } from './types.ts';

export const settings: Handler = async (state) => {
  const { auth } = state.config;
  return {
    status: 200,
    body: {
      external: {
        anonymous_users: auth.enableAnonymousSignIns,
        email: true,
        phone: false,
        apple: false,
        azure: false,
        bitbucket: false,
        discord: false,
        facebook: false,
        figma: false,
        fly: false,
        github: false,
        gitlab: false,
        google: false,
        keycloak: false,
        kakao: false,
        linkedin: false,
        linkedin_oidc: false,
        notion: false,
        spotify: false,
        slack: false,
        slack_oidc: false,
        workos: false,
        twitch: false,
        twitter: false,
        x: false,
        zoom: false,
      },
      disable_signup: !auth.enableSignup,
      mailer_autoconfirm: !auth.emailConfirmations,
      phone_autoconfirm: false,
      sms_provider: '',
      saml_enabled: false,
    },
  };
};

export const health: Handler = async () => ({
  status: 200,
  body: { version: 'local', name: 'GoTrue', description: 'GoTrue-compatible auth of the PawCentral local stack' },
});

/** HS256 tokens have no public key to publish, so the set is empty (clients then call /user). */
export const jwks: Handler = async () => ({ status: 200, body: { keys: [] } });
