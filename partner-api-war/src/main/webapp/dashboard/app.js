// The partner dashboard: signs the person in through Keycloak, then shows the keys (Developers page), one key, and
// the audit trail. Routes live in the fragment (#/keys, #/keys/<id>, #/audit); the partner of a person who belongs
// to several is in the query (?partner=<alias>), so a reload asks Keycloak for the same partner again.
import { OidcClient, SignInError } from './oidc.js';
import { PartnerApi } from './api.js';
import { h, replaceChildren } from './dom.js';
import { keysView } from './keys-view.js';
import { keyView } from './key-view.js';
import { auditView } from './audit-view.js';

const main = document.getElementById('main');
const pageUrl = new URL('.', window.location.href);
pageUrl.search = '';
pageUrl.hash = '';
const redirectUri = pageUrl.toString();
const apiBase = new URL('api/v1/', pageUrl).toString();

let oidc;
let api;
let person;

async function start() {
  let config;
  try {
    const response = await fetch(`${apiBase}dashboard/config`, { credentials: 'omit' });
    config = await response.json();
  } catch (e) {
    showMessage('The dashboard could not load its settings.', 'Reload the page to try again.');
    return;
  }
  oidc = new OidcClient({ issuer: config.issuer, clientId: config.clientId, redirectUri });
  api = new PartnerApi(apiBase, oidc, () => signIn());

  const query = new URLSearchParams(window.location.search);
  let requestedPartner = '';
  if (OidcClient.isCallback(window.location)) {
    try {
      ({ partner: requestedPartner } = await oidc.completeSignIn(window.location));
    } catch (e) {
      if (e instanceof SignInError) {
        showMessage('You are not signed in.', e.message, true);
        return;
      }
      throw e;
    }
  } else if (query.has('signed-out')) {
    window.history.replaceState(null, '', pageUrl.pathname);
    showMessage('You are signed out.', 'Your session in the dashboard and at the sign-in service has ended.', true);
    return;
  } else {
    await signIn();
    return;
  }
  await showDashboard(requestedPartner);
}

function signIn() {
  const partner = new URLSearchParams(window.location.search).get('partner') || undefined;
  return oidc.signIn({ partner, returnTo: window.location.hash });
}

async function showDashboard(requestedPartner) {
  try {
    person = await api.me();
  } catch (e) {
    showMessage('This dashboard is for people of a partner.', e.message, { label: 'Sign out', run: () => oidc.signOut(`${redirectUri}?signed-out`) });
    return;
  }
  showPerson();
  if (!person.partner) {
    const aliases = Object.keys(person.partners);
    if (aliases.length === 1 && requestedPartner) {
      // asked for a partner they do not belong to (an old or edited address): their own partner it is
      await oidc.signIn({ returnTo: window.location.hash });
      return;
    }
    choosePartner();
    return;
  }
  rememberPartner();
  window.addEventListener('hashchange', () => { route(); main.focus(); });
  route();
}

/** Keeps ?partner=<alias> in the address bar only for people of several partners. */
function rememberPartner() {
  const url = new URL(window.location.href);
  if (Object.keys(person.partners).length > 1) {
    url.searchParams.set('partner', person.partner);
  } else {
    url.searchParams.delete('partner');
  }
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
}

function showPerson() {
  document.getElementById('person-name').textContent = person.name;
  document.getElementById('person-partner').textContent = person.partner || 'no partner chosen';
  document.getElementById('person-role').textContent = person.role ? roleName(person.role) : '';
  document.getElementById('person-role-part').hidden = !person.role;
  document.getElementById('person').hidden = false;
  document.getElementById('sections').hidden = !person.partner;
  document.getElementById('section-audit').hidden = !person.mayReadAudit;
  document.getElementById('sign-out').onclick = () => oidc.signOut(`${redirectUri}?signed-out`);

  const aliases = Object.keys(person.partners);
  const choice = document.getElementById('partner-choice');
  choice.hidden = aliases.length < 2;
  const select = document.getElementById('partner-switch');
  replaceChildren(select,
    !person.partner && h('option', { value: '', disabled: true, selected: true }, 'Choose…'),
    aliases.map((alias) => h('option', { value: alias, selected: alias === person.partner }, `${alias} (${roleName(person.partners[alias])})`)));
  select.onchange = () => switchPartner(select.value);
}

function switchPartner(alias) {
  const url = new URL(redirectUri);
  url.searchParams.set('partner', alias);
  window.history.replaceState(null, '', url.pathname + url.search + '#/keys');
  oidc.signIn({ partner: alias, returnTo: '#/keys' });
}

function choosePartner() {
  replaceChildren(main, h('section', { class: 'page narrow card' },
    h('h1', {}, 'Choose a partner'),
    h('p', {}, 'Which partner do you want to act for? You can switch at any time.'),
    h('ul', { class: 'choices' }, Object.entries(person.partners).map(([alias, role]) => h('li', {},
      h('button', { type: 'button', class: 'button secondary', onclick: () => switchPartner(alias) }, `${alias} — ${roleName(role)}`))))));
}

function route() {
  const path = window.location.hash.replace(/^#/, '') || '/keys';
  const keyMatch = path.match(/^\/keys\/(.+)$/);
  setCurrentSection(path.startsWith('/audit') ? 'section-audit' : 'section-keys');
  if (keyMatch) {
    keyView(main, api, person, decodeURIComponent(keyMatch[1]));
  } else if (path === '/audit' && person.mayReadAudit) {
    auditView(main, api, person);
  } else if (path === '/audit') {
    showMessage('The audit trail is for Owners and Admins.', `Your role in ${person.partner} is ${roleName(person.role)}.`);
  } else {
    keysView(main, api, person);
  }
}

function setCurrentSection(id) {
  ['section-keys', 'section-audit'].forEach((section) => {
    const link = document.getElementById(section);
    if (section === id) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  });
}

function roleName(role) {
  return { OWNER: 'Owner', ADMIN: 'Admin', DEVELOPER: 'Developer' }[role] || role;
}

/** A message in place of the page; {@code action} true offers "Sign in", or {label, run} another button. */
function showMessage(title, text, action) {
  const button = action === true ? { label: 'Sign in', run: () => signIn() } : action;
  replaceChildren(main, h('section', { class: 'page narrow card message' },
    h('h1', {}, title),
    h('p', {}, text),
    button && h('button', { type: 'button', class: 'button primary', onclick: button.run }, button.label)));
}

start().catch(() => showMessage('Something went wrong.', 'Reload the page to try again.'));
