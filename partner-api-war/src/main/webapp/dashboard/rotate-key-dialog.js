// "Roll secret": a new secret for the key, the old one kept working for a chosen overlap; the new one shown once.
// Only offered to Owners.
import { h, errorBox, showError } from './dom.js';
import { showSecretOnce } from './secret-once.js';

const OVERLAPS = [
  { seconds: 0, label: 'None: the old secret stops working now' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 86400, label: '24 hours' },
  { seconds: 604800, label: '7 days' },
];

export function openRotateKeyDialog(api, key, onDone) {
  const error = errorBox('rotate-key-error');
  const form = h('form', { class: 'stack', novalidate: true },
    h('p', {}, 'A new secret replaces the current one. Give your applications time to switch: during the overlap both secrets work.'),
    h('div', { class: 'field' },
      h('label', { for: 'rotate-overlap' }, 'Old secret keeps working for'),
      h('select', { id: 'rotate-overlap', name: 'overlap' },
        OVERLAPS.map((overlap) => h('option', { value: String(overlap.seconds), selected: overlap.seconds === 86400 }, overlap.label)))),
    h('div', { class: 'check' },
      h('input', { type: 'checkbox', id: 'rotate-revoke-old-tokens', name: 'revokeOldTokens' }),
      h('label', { for: 'rotate-revoke-old-tokens' }, h('strong', {}, 'End the tokens the old secret already got'),
        h('span', { class: 'muted' }, ' — for a secret that leaked; applications must get new tokens at once'))),
    error,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button secondary', onclick: () => dialog.close() }, 'Cancel'),
      h('button', { type: 'submit', class: 'button primary' }, 'Roll secret')));
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'rotate-key-title' },
    h('h2', { id: 'rotate-key-title' }, `Roll the secret of "${key.name}"`), form);
  let rotated = null;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showError(error, null);
    const submit = form.querySelector('button[type="submit"]');
    submit.disabled = true;
    try {
      rotated = await api.rotateKey(key.id, {
        overlapSeconds: Number(form.elements.overlap.value),
        revokeOldTokens: form.elements.revokeOldTokens.checked,
      });
      showSecretOnce(dialog, rotated, `New secret of "${rotated.name}"`, 'rotate-key-title', () => dialog.close());
    } catch (e) {
      showError(error, e);
      submit.disabled = false;
    }
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (rotated) {
      const { clientSecret, ...withoutSecret } = rotated;
      onDone(withoutSecret);
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  form.elements.overlap.focus();
}
