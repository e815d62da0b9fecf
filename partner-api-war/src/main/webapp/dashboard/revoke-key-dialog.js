// "Revoke key": a confirmation that says what happens, then DELETE. Only offered to Owners.
import { h, errorBox, showError } from './dom.js';

export function openRevokeKeyDialog(api, key, onRevoked) {
  const error = errorBox('revoke-key-error');
  const confirm = h('button', { type: 'button', class: 'button danger' }, 'Revoke key');
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'revoke-key-title', role: 'alertdialog' },
    h('h2', { id: 'revoke-key-title' }, `Revoke "${key.name}"?`),
    h('p', {}, 'Applications using this key lose access within seconds: it gets no new tokens, and the tokens it already has are refused. This cannot be undone.'),
    error,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button secondary', onclick: () => dialog.close() }, 'Cancel'),
      confirm));
  let revoked = false;
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    showError(error, null);
    try {
      await api.revokeKey(key.id);
      revoked = true;
      dialog.close();
    } catch (e) {
      showError(error, e);
      confirm.disabled = false;
    }
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (revoked) {
      onRevoked(key);
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  dialog.querySelector('button.secondary').focus();
}
