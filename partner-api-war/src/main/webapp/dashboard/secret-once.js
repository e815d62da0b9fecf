// The secret of a new or rolled key, shown once with a copy button; closing the dialog forgets it.
import { h } from './dom.js';

/** Replaces the form with the secret: the only time anyone sees it. Closing the dialog forgets it. */
export function showSecretOnce(dialog, key, title, titleId, close) {
  const copied = h('span', { class: 'copied', role: 'status' });
  const secret = h('input', { id: 'new-key-secret', type: 'text', readOnly: true, value: key.clientSecret, class: 'secret', spellcheck: 'false', autocomplete: 'off' });
  const copy = h('button', {
    type: 'button',
    class: 'button primary',
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(secret.value);
        copied.textContent = 'Copied to the clipboard.';
      } catch (e) {
        secret.select();
        copied.textContent = 'Select the secret and copy it with Ctrl+C (or ⌘C).';
      }
    },
  }, 'Copy secret');
  const content = h('div', { class: 'stack' },
    h('h2', { id: titleId }, title),
    h('p', { class: 'warning', role: 'note' },
      h('strong', {}, 'Copy the secret now. '),
      'It will not be shown again: Partner Tokens keeps only a hash of it. If you lose it, an Owner can roll the key\'s secret: a new one replaces it.'),
    h('div', { class: 'field' },
      h('label', { for: 'new-key-client-id' }, 'Client ID'),
      h('input', { id: 'new-key-client-id', type: 'text', readOnly: true, value: key.clientId, class: 'mono' })),
    h('div', { class: 'field' },
      h('label', { for: 'new-key-secret' }, 'Secret'),
      h('div', { class: 'secret-row' }, secret, copy),
      copied),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'button secondary', onclick: () => close() }, 'I have copied the secret')));
  dialog.replaceChildren(content);
  dialog.addEventListener('close', () => { secret.value = ''; }, { once: true });
  copy.focus();
}
