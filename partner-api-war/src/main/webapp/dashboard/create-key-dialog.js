// "Create key": name, rights, optional API scopes, expiry and allowed networks; then the secret, shown once, with a
// copy button. The API scopes offered are those the provider says this person may put on a key.
import {
  h, replaceChildren, errorBox, showError, rightsFieldset, checkedRights, expiryFromDate, tomorrow, networksField, networksFrom,
  apiScopesFieldset, checkedApiScopes,
} from './dom.js';
import { showSecretOnce } from './secret-once.js';

export function openCreateKeyDialog(api, onDone) {
  const error = errorBox('create-key-error');
  const scopesSlot = h('div', { class: 'scopes-slot' }, h('p', { class: 'help', role: 'status' }, 'Loading the API scopes…'));
  const form = h('form', { class: 'stack', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'key-name' }, 'Name'),
      h('input', { id: 'key-name', name: 'name', type: 'text', autocomplete: 'off', 'aria-describedby': 'key-name-help' }),
      h('p', { class: 'help', id: 'key-name-help' }, 'What the key is for, e.g. "checkout backend". Up to 200 characters.')),
    rightsFieldset('key-right', ['VIEW']),
    scopesSlot,
    h('div', { class: 'field' },
      h('label', { for: 'key-expiry' }, 'Expires on (optional)'),
      h('input', { id: 'key-expiry', name: 'expiry', type: 'date', min: tomorrow(), 'aria-describedby': 'key-expiry-help' }),
      h('p', { class: 'help', id: 'key-expiry-help' }, 'The key stops working at the end of that day (UTC). Leave empty for a key without expiry.')),
    networksField('key-networks', []),
    error,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button secondary', onclick: () => close() }, 'Cancel'),
      h('button', { type: 'submit', class: 'button primary' }, 'Create key')));

  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'create-key-title' },
    h('h2', { id: 'create-key-title' }, 'Create a key'), form);
  let created = null;

  function close() {
    dialog.close();
  }

  dialog.addEventListener('close', () => {
    dialog.remove();
    onDone(created);
    created = null;
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showError(error, null);
    const submit = form.querySelector('button[type="submit"]');
    submit.disabled = true;
    try {
      const body = { name: form.elements.name.value, permissions: checkedRights(form), scopes: checkedApiScopes(form) };
      const expiry = expiryFromDate(form.elements.expiry.value);
      if (expiry) {
        body.expiresAt = expiry;
      }
      const networks = networksFrom(form.elements.allowedNetworks.value);
      if (networks.length > 0) {
        body.allowedNetworks = networks;
      }
      const key = await api.createKey(body);
      created = { id: key.id, name: key.name };
      showSecretOnce(dialog, key, `Key "${key.name}" created`, 'create-key-title', close);
    } catch (e) {
      showError(error, e);
      submit.disabled = false;
    }
  });

  document.body.append(dialog);
  dialog.showModal();
  form.elements.name.focus();
  offerApiScopes(api, scopesSlot);
}

/** Fills the slot with the API scopes this person may grant; none offered = no field; a failure says a key gets none. */
async function offerApiScopes(api, slot) {
  try {
    const offered = await api.grantableApiScopes();
    const scopes = Array.isArray(offered && offered.data) ? offered.data : [];
    replaceChildren(slot, scopes.length > 0 && apiScopesFieldset('key-scope', scopes));
    slot.hidden = scopes.length === 0;
  } catch (e) {
    replaceChildren(slot, h('p', { class: 'help' }, `The API scopes could not be loaded: ${e.message} A key created now holds none.`));
  }
}
