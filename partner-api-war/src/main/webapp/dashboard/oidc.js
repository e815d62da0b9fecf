// A small OpenID Connect client for a public client: authorization code flow with PKCE (S256), state and nonce.
// Tokens live only in this module's memory: never in localStorage, sessionStorage, cookies or URLs.
// Between leaving for Keycloak and coming back, the one-time state, nonce and PKCE verifier (not tokens) wait in
// sessionStorage under PENDING; they are removed as soon as the page is back, before the code is exchanged.

const PENDING = 'partner-dashboard.sign-in';
const CALLBACK_PARAMETERS = ['code', 'state', 'session_state', 'iss', 'error', 'error_description', 'error_uri'];

export class SignInError extends Error {}

function base64Url(bytes) {
  let text = '';
  bytes.forEach((b) => { text += String.fromCharCode(b); });
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText() {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/** The payload of a JWT, read (not verified: the ID token comes straight from the token endpoint over our own request). */
export function claimsOf(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const padded = part + '='.repeat((4 - (part.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

export class OidcClient {
  constructor({ issuer, clientId, redirectUri }) {
    this.issuer = issuer;
    this.clientId = clientId;
    this.redirectUri = redirectUri;
    this.tokens = null;
    this.endpoints = null;
  }

  async discover() {
    if (this.endpoints) {
      return this.endpoints;
    }
    const response = await fetch(`${this.issuer}/.well-known/openid-configuration`, { credentials: 'omit' });
    if (!response.ok) {
      throw new SignInError('The sign-in service could not be reached. Try again in a moment.');
    }
    const metadata = await response.json();
    if (metadata.issuer !== this.issuer) {
      throw new SignInError('The sign-in service answered for another realm.');
    }
    this.endpoints = metadata;
    return metadata;
  }

  /** True when the current URL is Keycloak's answer to one of our sign-ins. */
  static isCallback(location) {
    const query = new URLSearchParams(location.search);
    return query.has('state') && (query.has('code') || query.has('error'));
  }

  /** Leaves for Keycloak. {@code partner} asks for one partner's sign-in ({@code organization:<alias>}). */
  async signIn({ partner, returnTo, silent } = {}) {
    const endpoints = await this.discover();
    const pending = { state: randomText(), nonce: randomText(), verifier: randomText(), returnTo: returnTo || '', partner: partner || '' };
    sessionStorage.setItem(PENDING, JSON.stringify(pending));
    const url = new URL(endpoints.authorization_endpoint);
    url.search = new URLSearchParams({
      client_id: this.clientId,
      redirect_uri: this.redirectUri,
      response_type: 'code',
      scope: partner ? `openid organization:${partner}` : 'openid',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await challengeOf(pending.verifier),
      code_challenge_method: 'S256',
      ...(silent ? { prompt: 'none' } : {}),
    }).toString();
    window.location.assign(url.toString());
  }

  /**
   * Finishes a sign-in on Keycloak's answer: takes the code and state out of the address bar at once, checks the
   * state, exchanges the code with the PKCE verifier and checks the ID token's nonce, issuer and audience.
   * Returns what the page was showing before it left ({@code returnTo}).
   */
  async completeSignIn(location) {
    const query = new URLSearchParams(location.search);
    const pendingText = sessionStorage.getItem(PENDING);
    sessionStorage.removeItem(PENDING);
    const pending = pendingText ? JSON.parse(pendingText) : null;
    const kept = new URLSearchParams(location.search);
    CALLBACK_PARAMETERS.forEach((name) => kept.delete(name));
    const clean = location.pathname + (kept.toString() ? `?${kept}` : '') + ((pending && pending.returnTo) || '');
    window.history.replaceState(null, '', clean);

    if (!pending || query.get('state') !== pending.state) {
      throw new SignInError('This sign-in did not start on this page. Please sign in again.');
    }
    if (query.has('error')) {
      const error = new SignInError(query.get('error') === 'login_required'
        ? 'Your session has ended. Please sign in again.'
        : 'Keycloak did not sign you in. Please try again.');
      error.code = query.get('error');
      error.partner = pending.partner;
      throw error;
    }
    const endpoints = await this.discover();
    const response = await fetch(endpoints.token_endpoint, {
      method: 'POST',
      credentials: 'omit',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: this.clientId,
        code: query.get('code'),
        redirect_uri: this.redirectUri,
        code_verifier: pending.verifier,
      }),
    });
    if (!response.ok) {
      throw new SignInError('Keycloak did not accept this sign-in. Please sign in again.');
    }
    const tokens = await response.json();
    const id = claimsOf(tokens.id_token);
    const audience = Array.isArray(id.aud) ? id.aud : [id.aud];
    if (id.nonce !== pending.nonce || id.iss !== this.issuer || !audience.includes(this.clientId)) {
      throw new SignInError('The sign-in answer was not meant for this page. Please sign in again.');
    }
    this.keep(tokens);
    return { returnTo: pending.returnTo, partner: pending.partner };
  }

  keep(tokens) {
    this.tokens = {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      idToken: tokens.id_token || (this.tokens && this.tokens.idToken),
      expiresAt: Date.now() + (tokens.expires_in || 60) * 1000,
    };
  }

  /** A current access token, refreshed in memory when it is about to expire; null when the session is over. */
  async accessToken() {
    if (!this.tokens) {
      return null;
    }
    if (Date.now() < this.tokens.expiresAt - 30_000) {
      return this.tokens.accessToken;
    }
    return this.refresh();
  }

  async refresh() {
    if (!this.tokens || !this.tokens.refreshToken) {
      return null;
    }
    const endpoints = await this.discover();
    const response = await fetch(endpoints.token_endpoint, {
      method: 'POST',
      credentials: 'omit',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: this.clientId, refresh_token: this.tokens.refreshToken }),
    });
    if (!response.ok) {
      this.tokens = null;
      return null;
    }
    this.keep(await response.json());
    return this.tokens.accessToken;
  }

  /**
   * RP-initiated logout: Keycloak ends its session too, then sends the browser to {@code afterSignOut}. The ID token
   * hint travels in the body of a form POST, never in a URL.
   */
  async signOut(afterSignOut) {
    const endpoints = await this.discover();
    const form = document.createElement('form');
    form.method = 'post';
    form.action = endpoints.end_session_endpoint;
    form.hidden = true;
    const fields = { client_id: this.clientId, post_logout_redirect_uri: afterSignOut };
    if (this.tokens && this.tokens.idToken) {
      fields.id_token_hint = this.tokens.idToken;
    }
    Object.entries(fields).forEach(([name, value]) => {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    });
    this.tokens = null;
    document.body.append(form);
    form.submit();
  }
}
