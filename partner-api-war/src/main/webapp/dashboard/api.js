// Calls to the partner API with the signed-in person's bearer token. Refusals (RFC 9457 problem+json) become
// ApiError with the problem's detail: a sentence the page can show as it is.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const FALLBACK = {
  401: 'Your session has ended. Please sign in again.',
  403: 'You may not do this.',
  404: 'This key does not exist (any more).',
  503: 'The partner API is busy or cannot reach Keycloak. Try again in a few seconds.',
};

export class PartnerApi {
  /** {@code base}: the API's URL ending in {@code /api/v1/}; {@code oidc}: gives the access token; {@code onSignedOut}: the session is gone. */
  constructor(base, oidc, onSignedOut) {
    this.base = base;
    this.oidc = oidc;
    this.onSignedOut = onSignedOut;
  }

  async call(method, path, body) {
    let response = await this.send(method, path, body, await this.oidc.accessToken());
    if (response.status === 401) {
      const renewed = await this.oidc.refresh();
      if (renewed) {
        response = await this.send(method, path, body, renewed);
      }
    }
    if (response.status === 401) {
      this.onSignedOut();
    }
    if (!response.ok) {
      throw new ApiError(response.status, await this.sentence(response));
    }
    return response.status === 204 ? null : response.json();
  }

  async send(method, path, body, token) {
    const headers = { Accept: 'application/json' };
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    try {
      return await fetch(this.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (e) {
      throw new ApiError(0, 'The partner API could not be reached. Check your connection and try again.');
    }
  }

  async sentence(response) {
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) {
      try {
        const problem = await response.json();
        if (problem && typeof problem.detail === 'string' && problem.detail.trim()) {
          return asSentence(problem.detail);
        }
      } catch (e) {
        // not JSON after all: fall through to the status's sentence
      }
    }
    return FALLBACK[response.status] || `The partner API refused this (HTTP ${response.status}).`;
  }

  me() { return this.call('GET', 'dashboard/me'); }

  keys({ name, cursor, limit = 10 } = {}) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (name) { query.set('name', name); }
    if (cursor) { query.set('cursor', cursor); }
    return this.call('GET', `keys?${query}`);
  }

  key(id) { return this.call('GET', `keys/${encodeURIComponent(id)}`); }

  /** The API scopes the signed-in person may put on a new key: {@code {data: [{name, description}]}}. */
  grantableApiScopes() { return this.call('GET', 'keys/api-scopes'); }

  createKey(key) { return this.call('POST', 'keys', key); }

  editKey(id, changes) { return this.call('PATCH', `keys/${encodeURIComponent(id)}`, changes); }

  revokeKey(id) { return this.call('DELETE', `keys/${encodeURIComponent(id)}`); }

  rotateKey(id, rotation) { return this.call('POST', `keys/${encodeURIComponent(id)}/rotate`, rotation); }

  endOverlap(id) { return this.call('POST', `keys/${encodeURIComponent(id)}/end-overlap`); }

  audit({ action, cursor, limit = 20 } = {}) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (action) { query.set('action', action); }
    if (cursor) { query.set('cursor', cursor); }
    return this.call('GET', `audit?${query}`);
  }
}

/** "name must be at most 200 characters, got 201" → "Name must be at most 200 characters, got 201." */
export function asSentence(text) {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
