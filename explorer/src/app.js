// Jiedao Hub graph explorer (issue 9): log in with a hub credential, search, open nodes on a Cytoscape.js canvas,
// expand them by relationship type page by page, and read every property with its source records.
// Everything goes through the GraphQL API (graphql.js), so roles, masking, community scope and audit apply.
import cytoscape from 'cytoscape';
import { messages } from './i18n.js';
import { ApiError, gql, graphModel, INTROSPECTION, lit } from './graphql.js';

const PAGE = 20;
const CREDENTIAL = 'jiedao.explorer.credential';
const LANG = 'jiedao.explorer.lang';
const ICONS = { Person: '👤', Household: '🏠', Vehicle: '🚗', Case: '📋', Address: '📍', Community: '🏘️',
  Subdistrict: '🏛️', District: '🏙️', Grid: '▦', Building: '🏢', ParkingLot: '🅿️', Kindergarten: '🧸',
  Certificate: '📄', DisabilityCertificate: '📄', PatrolMember: '👮' };
const COLOURS = { Person: '#2f6fd6', Household: '#d9822b', Vehicle: '#0f9960', Case: '#c23030', Address: '#8f398f',
  Community: '#29a634' };

const $ = (id) => document.getElementById(id);
const state = { credential: sessionStorage.getItem(CREDENTIAL), lang: sessionStorage.getItem(LANG) ?? 'zh',
  model: null, cy: null, pages: new Map(), selected: null };
const t = (k, ...a) => { const m = messages[state.lang][k]; return typeof m === 'function' ? m(...a) : m ?? k; };
const icon = (type) => ICONS[type] ?? '◆';
const el = (tag, props = {}, ...children) => {
  const e = Object.assign(document.createElement(tag), props);
  for (const c of children) e.append(c);
  return e;
};

function applyLanguage() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  for (const e of document.querySelectorAll('[data-i18n-placeholder]')) e.placeholder = t(e.dataset.i18nPlaceholder);
  $('lang').textContent = state.lang === 'zh' ? 'EN' : '中文';
  showGraphStatus();
  if (state.selected) showNode(state.selected);
}

async function call(query, variables) {
  try {
    return await gql(state.credential, query, variables);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) logout(t('refused'));
    throw e;
  }
}

async function login(credential) {
  $('login-error').textContent = '';
  try {
    const data = await gql(credential, INTROSPECTION);
    state.credential = credential;
    sessionStorage.setItem(CREDENTIAL, credential);
    state.model = graphModel(data.__schema);
    $('login').hidden = true;
    $('workspace').hidden = false;
    $('logout').hidden = false;
    initCanvas();
    $('search').focus();
  } catch (e) {
    sessionStorage.removeItem(CREDENTIAL);
    $('login').hidden = false;
    $('login-error').textContent = e.status === 401 ? t('refused') : e.code === 'FORBIDDEN' ? t('noSchema') : `${t('failed')}: ${e.message}`;
  }
}

function logout(message = '') {
  sessionStorage.removeItem(CREDENTIAL);
  state.credential = null;
  state.cy?.destroy();
  state.cy = null;
  state.pages.clear();
  $('workspace').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message;
}

// ---- search ----------------------------------------------------------------------------------------------------

/**
 * Key lookups the text may be: an ID number (15 or 18 digits, full-width digits and spaces accepted: NFKC folds
 * them), a plate (province character, letter, 4-6 letters or digits, any separator), a 12345 case number
 * (12345-yyyyMMdd-NNNNN). The API normalises the key itself; this only chooses which root field to ask.
 */
function keyGuesses(text) {
  const folded = text.normalize('NFKC').trim();
  const compact = folded.replace(/[\s\-·.]/g, '');
  const guesses = [];
  const byKey = (key) => [...state.model.values()].flatMap((n) => n.lookups.filter((l) => l.key === key).map((l) => ({ ...n, ...l })));
  if (/^\d{15}$|^\d{17}[\dXx]$/.test(compact)) guesses.push(...byKey('idNumber'));
  if (/^\p{Script=Han}[A-Za-z][A-Za-z0-9]{4,6}$/u.test(compact)) guesses.push(...byKey('plate'));
  if (/^\d{5}-?\d{8}-?\d{3,6}$/.test(folded.replace(/\s/g, ''))) guesses.push(...byKey('caseNumber'));
  return guesses.map((n) => ({ node: n, value: folded }));
}

async function search(text) {
  const status = $('search-status');
  const list = $('results');
  list.replaceChildren();
  status.textContent = t('searching');
  const hits = [];
  try {
    for (const { node, value } of keyGuesses(text)) {
      const primary = state.model.get(node.type).key; // the canvas names nodes by the key of their type's own lookup
      const data = await call(`{ n: ${node.root}(${node.key}: ${lit(value)}) { ${primary} ${node.label} } }`);
      if (data.n) hits.push({ type: node.type, key: data.n[primary], label: data.n[node.label], exact: true });
    }
    if (/[\p{L}\p{N}]/u.test(text)) {
      const data = await call('query($t: String!) { search(text: $t, first: 20) { type key label score } }', { t: text.slice(0, 200) });
      for (const h of data.search) {
        if (!hits.some((x) => x.type === h.type && x.key === h.key)) hits.push(h);
      }
    }
  } catch (e) {
    status.textContent = `${t('failed')}: ${e.message}`;
    return;
  }
  status.textContent = hits.length ? t('hits', hits.length) : t('none');
  for (const h of hits) {
    const li = el('li', { className: 'hit', title: `${h.type} ${h.key}` },
      el('span', { className: 'icon' }, icon(h.type)), `${h.label ?? h.key} `,
      el('span', { className: 'muted' }, `${h.type} · ${h.key}${h.exact ? ` · ${t('exact')}` : ''}`));
    li.dataset.type = h.type;
    li.dataset.key = h.key;
    li.addEventListener('click', () => openNode(h.type, h.key, h.label));
    list.append(li);
  }
}

// ---- canvas ----------------------------------------------------------------------------------------------------

function initCanvas() {
  state.cy = cytoscape({
    container: $('canvas'),
    wheelSensitivity: 0.3,
    style: [
      { selector: 'node', style: { label: 'data(display)', 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3,
        'background-color': (n) => COLOURS[n.data('type')] ?? '#5c7080', width: 22, height: 22 } },
      { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#ffb366' } },
      { selector: 'edge', style: { label: 'data(rel)', 'font-size': 8, width: 1.2, 'curve-style': 'bezier',
        'target-arrow-shape': 'triangle', 'line-color': '#a7b6c2', 'target-arrow-color': '#a7b6c2', color: '#5c7080' } },
    ],
  });
  state.cy.on('tap', 'node', (ev) => selectNode(ev.target.id()));
  state.cy.on('add remove', showGraphStatus);
}

function showGraphStatus() {
  const status = $('graph-status');
  if (!state.cy) return;
  status.textContent = t('graph', state.cy.nodes().length, state.cy.edges().length);
  status.dataset.nodes = state.cy.nodes().length;
  status.dataset.edges = state.cy.edges().length;
}

const nodeId = (type, key) => `${type}:${key}`;

function addNode(type, key, label, near) {
  const id = nodeId(type, key);
  let n = state.cy.getElementById(id);
  if (n.empty()) {
    const pos = near ? ringPosition(near) : { x: state.cy.width() / 2, y: state.cy.height() / 2 };
    n = state.cy.add({ group: 'nodes', data: { id, type, key, display: `${icon(type)} ${label ?? key}` }, position: pos });
  }
  return n;
}

/** New neighbours go on rings around their node; nothing already placed moves (the analyst's layout stays). */
function ringPosition(centre) {
  const c = centre.position();
  const i = centre.scratch('ring') ?? 0;
  centre.scratch('ring', i + 1);
  const ring = Math.floor(i / 12) + 1;
  const angle = (i % 12) * (Math.PI / 6) + ring * 0.26;
  return { x: c.x + Math.cos(angle) * 90 * ring, y: c.y + Math.sin(angle) * 90 * ring };
}

function openNode(type, key, label) {
  const n = addNode(type, key, label);
  state.cy.animate({ center: { eles: n } }, { duration: 200 });
  selectNode(n.id());
}

function selectNode(id) {
  state.cy.$(':selected').unselect();
  state.cy.getElementById(id).select();
  state.selected = id;
  showNode(id);
}

// ---- details and expansion ---------------------------------------------------------------------------------------

async function showNode(id) {
  const n = state.cy.getElementById(id);
  const nt = state.model.get(n.data('type'));
  const body = $('details-body');
  const menu = $('expand-menu');
  const counts = nt.relations.map((r) => (r.aggregate ? `${r.aggregate} { count }` : `${r.name} { ${state.model.get(r.target).key} }`));
  let node;
  try {
    const data = await call(`query($k: String!) { n: ${nt.root}(${nt.key}: $k) { ${nt.scalars.join(' ')}
      sources { source recordKey location ingestedAt relation rule score } ${counts.join(' ')} } }`, { k: n.data('key') });
    node = data.n;
  } catch (e) {
    body.replaceChildren(el('p', { className: 'error' }, `${t('failed')}: ${e.message}`));
    menu.hidden = true;
    return;
  }
  if (state.selected !== id) return;
  if (!node) {
    body.replaceChildren(el('p', { className: 'error' }, t('notFound')));
    menu.hidden = true;
    return;
  }
  $('details-title').textContent = `${icon(nt.type)} ${node[nt.label] ?? n.data('key')}`;
  const props = el('table', { className: 'props' });
  for (const f of nt.scalars) {
    if (node[f] !== null && node[f] !== undefined) props.append(el('tr', {}, el('td', {}, f), el('td', {}, String(node[f]))));
  }
  const sources = el('ul', { className: 'sources' });
  for (const s of node.sources) {
    sources.append(el('li', {},
      el('strong', {}, s.source), ` ${s.recordKey}`, el('br'),
      el('span', { className: 'muted' }, `${t('location')}: ${s.location ?? '—'} · ${t('ingestedAt')}: ${s.ingestedAt ?? '—'} · ${t('relation')}: ${s.relation}${s.rule ? ` · ${t('rule')}: ${s.rule}` : ''}`)));
  }
  const details = el('details', { id: 'sources-panel' }, el('summary', {}, `${t('sources')} (${node.sources.length})`), sources);
  body.replaceChildren(el('h3', {}, t('properties')), props, details);

  menu.replaceChildren(el('strong', {}, `${t('expand')}: ${node[nt.label] ?? n.data('key')}`));
  for (const r of nt.relations) {
    const total = r.aggregate ? node[r.aggregate]?.count ?? 0 : node[r.name] ? (Array.isArray(node[r.name]) ? node[r.name].length : 1) : 0;
    if (!total) continue;
    const page = state.pages.get(`${id}|${r.name}`);
    const loaded = page?.loaded ?? 0;
    const b = el('button', { className: 'expand', disabled: loaded >= total },
      `${icon(r.target)} ${r.name} · ${loaded ? t('of', loaded, total.toLocaleString('en')) : total.toLocaleString('en')}${loaded && loaded < total ? ` · ${t('more')}` : ''}`);
    b.dataset.rel = r.name;
    b.addEventListener('click', () => expand(id, r, total));
    menu.append(b);
  }
  menu.hidden = false;
}

/** Loads the next page (PAGE nodes, keyset by the target's key) of one relationship of a node onto the canvas. */
async function expand(id, rel, total) {
  const n = state.cy.getElementById(id);
  const nt = state.model.get(n.data('type'));
  const target = state.model.get(rel.target);
  const pageKey = `${id}|${rel.name}`;
  const page = state.pages.get(pageKey) ?? { loaded: 0, after: null };
  let args = '';
  if (rel.paged) {
    const where = page.after === null ? '' : `, where: { ${target.key}: { gt: ${lit(page.after)} } }`;
    args = `(first: ${PAGE}, sort: [{ ${target.key}: ASC }]${where})`;
  }
  const data = await call(`query($k: String!) { n: ${nt.root}(${nt.key}: $k) { ${rel.name}${args} { ${target.key} ${target.label} } } }`,
    { k: n.data('key') });
  const got = data.n?.[rel.name];
  const list = got === null || got === undefined ? [] : Array.isArray(got) ? got : [got];
  state.cy.batch(() => {
    for (const m of list) {
      const other = addNode(rel.target, m[target.key], m[target.label], n);
      const edgeId = `${id}|${rel.name}|${other.id()}`;
      if (state.cy.getElementById(edgeId).empty()) {
        state.cy.add({ group: 'edges', data: { id: edgeId, source: id, target: other.id(), rel: rel.name } });
      }
    }
  });
  page.loaded = rel.paged ? page.loaded + list.length : Math.max(list.length, total);
  if (list.length) page.after = list[list.length - 1][target.key];
  state.pages.set(pageKey, page);
  if (state.selected === id) showNode(id);
}

// ---- start -----------------------------------------------------------------------------------------------------

window.addEventListener('DOMContentLoaded', () => {
  applyLanguage();
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    sessionStorage.setItem(LANG, state.lang);
    applyLanguage();
  });
  $('login-form').addEventListener('submit', (e) => { e.preventDefault(); login($('credential').value.trim()); });
  $('logout').addEventListener('click', () => logout());
  $('search-form').addEventListener('submit', (e) => { e.preventDefault(); search($('search').value); });
  if (state.credential) login(state.credential);
});
