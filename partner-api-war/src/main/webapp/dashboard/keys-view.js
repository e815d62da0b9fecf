// The Developers page: the partner's keys, filtered by name, page by page (the API's cursor), with create, and for
// Owners revoke.
import { h, replaceChildren, chips, date, statusBadge, errorBox, showError } from './dom.js';
import { openCreateKeyDialog } from './create-key-dialog.js';
import { openRevokeKeyDialog } from './revoke-key-dialog.js';

const PAGE_SIZE = 10;

export function keysView(main, api, person, notice) {
  const state = { name: '', cursors: [null] };
  const error = errorBox('keys-error');
  const table = h('div', { class: 'table-wrap' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of keys' });
  const live = h('p', { class: 'notice', role: 'status', hidden: !notice }, notice || '');
  const filter = h('input', { id: 'key-filter', type: 'search', name: 'name', autocomplete: 'off', placeholder: 'e.g. checkout' });

  replaceChildren(main,
    h('section', { class: 'page', 'aria-labelledby': 'keys-title' },
      h('div', { class: 'page-head' },
        h('div', {},
          h('h1', { id: 'keys-title' }, 'API keys'),
          h('p', { class: 'muted' }, `The keys of ${person.partner}. Each key gets tokens with client credentials; its secret is shown once, when it is created.`)),
        h('button', { type: 'button', class: 'button primary', id: 'create-key', onclick: create }, 'Create key')),
      live,
      h('form', {
        class: 'filter', role: 'search',
        onsubmit: (event) => { event.preventDefault(); state.name = filter.value.trim(); state.cursors = [null]; load(); },
      },
      h('label', { for: 'key-filter' }, 'Filter by name'),
      h('div', { class: 'filter-row' }, filter, h('button', { type: 'submit', class: 'button secondary' }, 'Filter'))),
      error, table, pager));

  function create() {
    openCreateKeyDialog(api, (created) => {
      if (created) {
        replaceChildren(live, `Key "${created.name}" was created. Its secret is no longer shown. `,
          h('a', { href: `#/keys/${encodeURIComponent(created.id)}` }, 'Open the key'));
        live.hidden = false;
        state.cursors = [null];
        load();
      }
    });
  }

  function revoke(key) {
    openRevokeKeyDialog(api, key, () => {
      live.textContent = `Key "${key.name}" was revoked.`;
      live.hidden = false;
      load();
    });
  }

  async function load() {
    showError(error, null);
    table.setAttribute('aria-busy', 'true');
    try {
      const page = await api.keys({ name: state.name, cursor: state.cursors[state.cursors.length - 1], limit: PAGE_SIZE });
      renderTable(page.data || []);
      renderPager(page);
    } catch (e) {
      showError(error, e);
      replaceChildren(table);
      replaceChildren(pager);
    } finally {
      table.removeAttribute('aria-busy');
    }
  }

  function renderTable(keys) {
    if (keys.length === 0) {
      replaceChildren(table, h('p', { class: 'empty' }, state.name ? `No key has "${state.name}" in its name.` : 'No keys yet. Create the first one.'));
      return;
    }
    const withScopes = keys.some((key) => Array.isArray(key.scopes));
    const owner = person.mayRevokeKeys || person.mayEditKeys;
    const headings = ['Name', 'Rights', withScopes && 'Scopes', 'Created by', 'Created', 'Expires', 'Status', owner && 'Actions'].filter(Boolean);
    replaceChildren(table, h('table', { class: 'data keys' },
      h('caption', { class: 'visually-hidden' }, `Keys of ${person.partner}`),
      h('thead', {}, h('tr', {}, headings.map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, keys.map((key) => h('tr', {},
        h('td', { 'data-label': 'Name' }, h('a', { href: `#/keys/${encodeURIComponent(key.id)}`, class: 'key-name' }, key.name)),
        h('td', { 'data-label': 'Rights' }, chips(key.permissions, 'rights')),
        withScopes && h('td', { 'data-label': 'Scopes' }, chips(key.scopes || [], 'scopes')),
        h('td', { 'data-label': 'Created by' }, key.createdBy || ''),
        h('td', { 'data-label': 'Created' }, date(key.createdAt)),
        h('td', { 'data-label': 'Expires' }, key.expiresAt ? date(key.expiresAt) : h('span', { class: 'muted' }, 'never')),
        h('td', { 'data-label': 'Status' }, statusBadge(key)),
        owner && h('td', { 'data-label': 'Actions', class: 'row-actions' },
          person.mayEditKeys && h('a', { href: `#/keys/${encodeURIComponent(key.id)}`, class: 'button small secondary', 'aria-label': `Edit ${key.name}` }, 'Edit'),
          person.mayRevokeKeys && h('button', { type: 'button', class: 'button small danger', 'aria-label': `Revoke ${key.name}`, onclick: () => revoke(key) }, 'Revoke')))))));
  }

  function renderPager(page) {
    const number = state.cursors.length;
    const total = typeof page.totalCount === 'number' ? ` · ${page.totalCount} key${page.totalCount === 1 ? '' : 's'}` : '';
    replaceChildren(pager,
      h('button', {
        type: 'button', class: 'button secondary', disabled: number === 1,
        onclick: () => { state.cursors.pop(); load(); },
      }, 'Previous page'),
      h('span', { class: 'muted' }, `Page ${number}${total}`),
      h('button', {
        type: 'button', class: 'button secondary', disabled: !page.hasMore || !page.nextCursor,
        onclick: () => { state.cursors.push(page.nextCursor); load(); },
      }, 'Next page'));
  }

  load();
}
