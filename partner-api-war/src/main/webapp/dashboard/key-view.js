// One key: its details; for Owners also the edit form and the revoke button.
import {
  h, replaceChildren, chips, date, dateTime, statusBadge, errorBox, showError,
  rightsFieldset, checkedRights, expiryFromDate, dateInputValue, tomorrow, networksField, networksFrom,
} from './dom.js';
import { openRevokeKeyDialog } from './revoke-key-dialog.js';
import { openRotateKeyDialog } from './rotate-key-dialog.js';

export async function keyView(main, api, person, id) {
  const error = errorBox('key-error');
  replaceChildren(main, h('section', { class: 'page' }, h('a', { href: '#/keys', class: 'back' }, '← All keys'), error,
    h('p', { class: 'loading', role: 'status' }, 'Loading the key…')));
  let key;
  try {
    key = await api.key(id);
  } catch (e) {
    replaceChildren(main, h('section', { class: 'page' }, h('a', { href: '#/keys', class: 'back' }, '← All keys'), error));
    showError(error, e.status === 404 ? new Error('This key does not exist: it was revoked, has expired, or belongs to another partner.') : e);
    return;
  }
  render(key, null);

  function render(current, notice) {
    const details = h('dl', { class: 'details' },
      detail('Name', current.name),
      detail('Client ID', h('code', {}, current.clientId)),
      detail('Key ID', h('code', {}, current.id)),
      detail('Rights', chips(current.permissions, 'rights')),
      Array.isArray(current.scopes) && detail('Scopes', chips(current.scopes, 'scopes')),
      detail('Created by', current.createdBy || ''),
      detail('Created', dateTime(current.createdAt)),
      current.updatedAt && detail('Last changed', dateTime(current.updatedAt)),
      detail('Expires', current.expiresAt ? dateTime(current.expiresAt) : 'never'),
      detail('Allowed from', current.allowedNetworks && current.allowedNetworks.length > 0
        ? chips(current.allowedNetworks, 'networks') : 'any address'),
      current.rotatedAt && detail('Secret rolled', dateTime(current.rotatedAt)),
      current.oldSecretValidUntil && detail('Old secret works until', dateTime(current.oldSecretValidUntil)),
      detail('Status', statusBadge(current)),
      current.lastUsedAt && detail('Last used', dateTime(current.lastUsedAt)));
    replaceChildren(main, h('section', { class: 'page', 'aria-labelledby': 'key-title' },
      h('a', { href: '#/keys', class: 'back' }, '← All keys'),
      h('div', { class: 'page-head' }, h('h1', { id: 'key-title' }, current.name), h('div', { class: 'actions' },
        person.mayRotateKeys && h('button', {
          type: 'button', class: 'button secondary', id: 'rotate-key',
          onclick: () => openRotateKeyDialog(api, current, (rotated) => render(rotated, rotatedNotice(rotated))),
        }, 'Roll secret'),
        person.mayRotateKeys && current.oldSecretValidUntil && h('button', {
          type: 'button', class: 'button secondary', id: 'end-overlap', onclick: () => endOverlap(current),
        }, 'End overlap now'),
        person.mayRevokeKeys && h('button', {
          type: 'button', class: 'button danger', id: 'revoke-key',
          onclick: () => openRevokeKeyDialog(api, current, () => { window.location.hash = '#/keys'; }),
        }, 'Revoke key'))),
      notice && h('p', { class: 'notice', role: 'status' }, notice),
      error,
      h('div', { class: 'card' }, details,
        h('p', { class: 'muted small' }, 'The secret is shown only once: when the key is created and when its secret is rolled.')),
      person.mayEditKeys && editForm(current)));
  }

  async function endOverlap(current) {
    showError(error, null);
    try {
      const ended = await api.endOverlap(current.id);
      render(ended, `The old secret of "${ended.name}" no longer works.`);
    } catch (e) {
      showError(error, e);
    }
  }

  function editForm(current) {
    const editError = errorBox('edit-key-error');
    const form = h('form', { class: 'card stack', 'aria-labelledby': 'edit-key-title', novalidate: true },
      h('h2', { id: 'edit-key-title' }, 'Edit key'),
      h('div', { class: 'field' },
        h('label', { for: 'edit-key-name' }, 'Name'),
        h('input', { id: 'edit-key-name', name: 'name', type: 'text', value: current.name, autocomplete: 'off' })),
      rightsFieldset('edit-key-right', current.permissions || []),
      h('div', { class: 'field' },
        h('label', { for: 'edit-key-expiry' }, 'Expires on (optional)'),
        h('input', { id: 'edit-key-expiry', name: 'expiry', type: 'date', min: tomorrow(), value: dateInputValue(current.expiresAt) }),
        h('p', { class: 'help' }, 'Leave empty for no expiry. Shortening it or taking a right away ends the key\'s current tokens.')),
      networksField('edit-key-networks', current.allowedNetworks),
      editError,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button primary' }, 'Save changes')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      showError(editError, null);
      try {
        const changes = { name: form.elements.name.value, permissions: checkedRights(form), expiresAt: expiryFromDate(form.elements.expiry.value) };
        const networks = networksFrom(form.elements.allowedNetworks.value);
        if (networks.join(' ') !== (current.allowedNetworks || []).join(' ')) {
          changes.allowedNetworks = networks;
        }
        const edited = await api.editKey(current.id, changes);
        render(edited, `Key "${edited.name}" was saved.`);
      } catch (e) {
        showError(editError, e);
      }
    });
    return form;
  }
}

function rotatedNotice(key) {
  return key.oldSecretValidUntil
    ? `The secret of "${key.name}" was rolled. The old secret works until ${dateTime(key.oldSecretValidUntil)}.`
    : `The secret of "${key.name}" was rolled. The old secret no longer works.`;
}

function detail(term, value) {
  return [h('dt', {}, term), h('dd', {}, value)];
}
