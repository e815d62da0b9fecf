// Building the page from data without ever parsing data as HTML: text goes in as text, handlers as listeners.

/** h('button', {class: 'button', onclick: f}, 'Save') */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value === undefined || value === null || value === false) {
      return;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'for') {
      element.htmlFor = value;
    } else if (name === 'value' || name === 'checked' || name === 'disabled' || name === 'hidden' || name === 'readOnly') {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  });
  append(element, children);
  return element;
}

function append(element, children) {
  children.flat(Infinity).forEach((child) => {
    if (child === null || child === undefined || child === false) {
      return;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  });
}

export function replaceChildren(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

const RIGHTS = {
  VIEW: { label: 'View', help: 'read transactions and quotes' },
  TRANSACT: { label: 'Transact', help: 'create quotes and payments' },
  MANAGE: { label: 'Manage', help: 'create, edit and revoke keys — usually for Owners only' },
};

export const ALL_RIGHTS = Object.keys(RIGHTS);

export function rightLabel(right) {
  return (RIGHTS[right] && RIGHTS[right].label) || right;
}

export function rightHelp(right) {
  return (RIGHTS[right] && RIGHTS[right].help) || '';
}

/** The networks typed into an "Allowed networks" field: separated by commas, spaces or lines; none = from anywhere. */
export function networksFrom(text) {
  return (text || '').split(/[\s,]+/).filter((entry) => entry.length > 0);
}

/** An "Allowed networks" field: one network or address per line; the provider checks and normalises them. */
export function networksField(id, networks) {
  return h('div', { class: 'field' },
    h('label', { for: id }, 'Allowed networks (optional)'),
    h('textarea', { id, name: 'allowedNetworks', rows: 3, spellcheck: 'false', autocomplete: 'off', class: 'mono', 'aria-describedby': `${id}-help` },
      (networks || []).join('\n')),
    h('p', { class: 'help', id: `${id}-help` },
      'The addresses the key may be used from, one per line: IPv4 or IPv6 networks such as 203.0.113.0/24 or 2001:db8::/32, '
      + 'or single addresses. Leave empty to allow every address. At most 50.'));
}

export function chips(values, kind) {
  if (!values || values.length === 0) {
    return h('span', { class: 'muted', 'aria-label': 'none' }, '—');
  }
  return h('ul', { class: `chips ${kind}` }, values.map((value) => h('li', { class: 'chip' }, kind === 'rights' ? rightLabel(value) : value)));
}

export function date(iso) {
  if (!iso) {
    return '';
  }
  return new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

export function dateTime(iso) {
  if (!iso) {
    return '';
  }
  return new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

const SOON = 7 * 24 * 3600 * 1000;

/** Active, Expires soon or Expired, from the key's expiry (revoked keys are not listed by the API). */
export function statusOf(key) {
  if (!key.expiresAt) {
    return { label: 'Active', kind: 'active' };
  }
  const left = new Date(key.expiresAt).getTime() - Date.now();
  if (left <= 0) {
    return { label: 'Expired', kind: 'expired' };
  }
  return left < SOON ? { label: 'Expires soon', kind: 'soon' } : { label: 'Active', kind: 'active' };
}

export function statusBadge(key) {
  const status = statusOf(key);
  return h('span', { class: `status ${status.kind}` }, status.label);
}

/** A live region for the errors of one form or view: shown when it has a sentence, announced to screen readers. */
export function errorBox(id) {
  return h('p', { class: 'error', id, role: 'alert', hidden: true });
}

export function showError(box, error) {
  box.textContent = error ? error.message : '';
  box.hidden = !error;
}

/** An expiry chosen as a date: the end of that day in UTC, as the API's ISO instant. */
export function expiryFromDate(value) {
  return value ? `${value}T23:59:59Z` : null;
}

export function dateInputValue(iso) {
  return iso ? iso.slice(0, 10) : '';
}

export function tomorrow() {
  return new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
}

/** Checkboxes for rights, each with its label and what it allows. */
export function rightsFieldset(idPrefix, checked = []) {
  return h('fieldset', { class: 'rights-field' },
    h('legend', {}, 'Rights'),
    ALL_RIGHTS.map((right) => h('div', { class: 'check' },
      h('input', { type: 'checkbox', id: `${idPrefix}-${right}`, name: 'rights', value: right, checked: checked.includes(right) }),
      h('label', { for: `${idPrefix}-${right}` }, h('strong', {}, rightLabel(right)), h('span', { class: 'muted' }, ` — ${rightHelp(right)}`)))));
}

export function checkedRights(form) {
  return Array.from(form.querySelectorAll('input[name="rights"]:checked')).map((input) => input.value);
}

/**
 * Checkboxes for the API scopes a key may be given, each with its name and what it is for, none checked: the
 * provider decides which are offered ({@code scopes}: its list, possibly empty).
 */
export function apiScopesFieldset(idPrefix, scopes, checked = []) {
  return h('fieldset', { class: 'scopes-field', 'aria-describedby': `${idPrefix}-help` },
    h('legend', {}, 'API scopes (optional)'),
    scopes.map((scope) => h('div', { class: 'check' },
      h('input', { type: 'checkbox', id: `${idPrefix}-${scope.name}`, name: 'apiScopes', value: scope.name, checked: checked.includes(scope.name) }),
      h('label', { for: `${idPrefix}-${scope.name}` }, h('strong', { class: 'mono' }, scope.name),
        scope.description && h('span', { class: 'muted' }, ` — ${scope.description}`)))),
    h('p', { class: 'help', id: `${idPrefix}-help` },
      'The APIs the key may call, on top of its rights. Leave all unchecked for a key without API scopes.'));
}

export function checkedApiScopes(form) {
  return Array.from(form.querySelectorAll('input[name="apiScopes"]:checked')).map((input) => input.value);
}
