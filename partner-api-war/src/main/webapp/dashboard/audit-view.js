// The audit trail, for Owners and Admins: newest first, filtered by action, page by page.
import { h, replaceChildren, dateTime, errorBox, showError } from './dom.js';

const ACTIONS = ['LIST', 'VIEW', 'CREATE', 'EDIT', 'REVOKE', 'AUTH_FAILED'];
const ACTION_LABELS = { LIST: 'List keys', VIEW: 'View key', CREATE: 'Create key', EDIT: 'Edit key', REVOKE: 'Revoke key', AUTH_FAILED: 'Failed key sign-in' };

export function auditView(main, api, person) {
  const state = { action: '', cursors: [null] };
  const error = errorBox('audit-error');
  const table = h('div', { class: 'table-wrap' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of the audit trail' });
  const action = h('select', { id: 'audit-action', name: 'action' },
    h('option', { value: '' }, 'All actions'),
    ACTIONS.map((name) => h('option', { value: name }, ACTION_LABELS[name])));
  action.addEventListener('change', () => { state.action = action.value; state.cursors = [null]; load(); });

  replaceChildren(main, h('section', { class: 'page', 'aria-labelledby': 'audit-title' },
    h('div', { class: 'page-head' }, h('div', {},
      h('h1', { id: 'audit-title' }, 'Audit trail'),
      h('p', { class: 'muted' }, `Who did what with the keys of ${person.partner}: every action and every refusal, in the dashboard, the tokens API and the admin console.`))),
    h('div', { class: 'filter' }, h('label', { for: 'audit-action' }, 'Action'), h('div', { class: 'filter-row' }, action)),
    error, table, pager));

  async function load() {
    showError(error, null);
    try {
      const page = await api.audit({ action: state.action, cursor: state.cursors[state.cursors.length - 1] });
      render(page.data || []);
      renderPager(page);
    } catch (e) {
      showError(error, e);
      replaceChildren(table);
      replaceChildren(pager);
    }
  }

  function render(entries) {
    if (entries.length === 0) {
      replaceChildren(table, h('p', { class: 'empty' }, 'Nothing recorded yet.'));
      return;
    }
    replaceChildren(table, h('table', { class: 'data audit' },
      h('caption', { class: 'visually-hidden' }, `Audit trail of ${person.partner}`),
      h('thead', {}, h('tr', {}, ['When', 'Who', 'Action', 'Key', 'Outcome', 'Detail'].map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, entries.map((entry) => h('tr', {},
        h('td', { 'data-label': 'When' }, dateTime(entry.at)),
        h('td', { 'data-label': 'Who' }, entry.username || h('span', { class: 'muted' }, 'unknown'),
          entry.actorRole && h('span', { class: 'muted' }, ` (${entry.actorRole.toLowerCase()})`)),
        h('td', { 'data-label': 'Action', class: 'nowrap' }, ACTION_LABELS[entry.action] || entry.action),
        h('td', { 'data-label': 'Key', class: 'nowrap' }, h('code', {}, entry.keyClientId || entry.keyId || '')),
        h('td', { 'data-label': 'Outcome' }, h('span', { class: `outcome ${String(entry.outcome).toLowerCase()}` }, entry.outcome)),
        h('td', { 'data-label': 'Detail', class: 'detail' }, entry.detail || ''))))));
  }

  function renderPager(page) {
    const number = state.cursors.length;
    replaceChildren(pager,
      h('button', { type: 'button', class: 'button secondary', disabled: number === 1, onclick: () => { state.cursors.pop(); load(); } }, 'Previous page'),
      h('span', { class: 'muted' }, `Page ${number}`),
      h('button', {
        type: 'button', class: 'button secondary', disabled: !page.hasMore || !page.nextCursor,
        onclick: () => { state.cursors.push(page.nextCursor); load(); },
      }, 'Next page'));
  }

  load();
}
