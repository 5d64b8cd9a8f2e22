// Jiedao Hub graph explorer (issue 9): log in with a hub credential, search, open nodes on a Cytoscape.js canvas,
// expand them by relationship type page by page, find the shortest path between two, read every value with its
// provenance, see a person's timeline and the places on a map, save views, export PNG and CSV (audited first).
// Everything goes through the GraphQL API (graphql.js), so roles, masking, community scope and audit apply.
import { messages } from './i18n.js';
import { ApiError, capabilities, gql, graphModel, INTROSPECTION, lit } from './graphql.js';
import { badge, GraphCanvas } from './canvas.js';
import { detailsSelection, el, renderDetails } from './details.js';
import { csvBlob, download, stamp } from './files.js';
import { drawMap } from './mapview.js';
import { SavedViews } from './views.js';

const PAGE = 20;
const MAX_HOPS = 6;
const UNSORTED_PAGE = 100; // the hub's largest page (HUB_GRAPHQL_MAX_PAGE_SIZE default)
const CREDENTIAL = 'jiedao.explorer.credential';
const PURPOSE = 'jiedao.explorer.purpose';
const LANG = 'jiedao.explorer.lang';

const $ = (id) => document.getElementById(id);
const state = { credential: sessionStorage.getItem(CREDENTIAL), purpose: sessionStorage.getItem(PURPOSE), lang: sessionStorage.getItem(LANG) ?? 'zh',
  model: null, caps: null, canvas: null, pages: new Map(), selected: null, pathFrom: null, asOf: null, view: null };
const t = (k, ...a) => { const m = messages[state.lang][k]; return typeof m === 'function' ? m(...a) : m ?? k; };
const typeName = (type) => messages[state.lang][`type.${type}`] ?? type;
const say = (text, error = false) => { const s = $('graph-message'); s.textContent = text; s.classList.toggle('error', error); };

function applyLanguage() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  for (const e of document.querySelectorAll('[data-i18n-placeholder]')) e.placeholder = t(e.dataset.i18nPlaceholder);
  for (const e of document.querySelectorAll('[data-i18n-title]')) e.title = t(e.dataset.i18nTitle);
  $('lang').textContent = state.lang === 'zh' ? 'EN' : '中文';
  showGraphStatus();
  if (state.selected) showNode(state.selected);
}

async function call(query, variables) {
  try {
    return await gql(state.credential, query, variables, state.purpose);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) logout(t('refused'));
    throw e;
  }
}

// ---- login -----------------------------------------------------------------------------------------------------

async function login(credential, purpose) {
  $('login-error').textContent = '';
  try {
    const data = await gql(credential, INTROSPECTION, {}, purpose);
    state.credential = credential;
    state.purpose = purpose || null;
    sessionStorage.setItem(CREDENTIAL, credential);
    if (purpose) sessionStorage.setItem(PURPOSE, purpose); else sessionStorage.removeItem(PURPOSE);
    state.model = graphModel(data.__schema);
    state.caps = capabilities(data.__schema);
    state.views = state.caps.views ? new SavedViews(call) : null;
    $('login').hidden = true;
    $('workspace').hidden = false;
    $('logout').hidden = false;
    $('views-box').hidden = !state.views;
    state.canvas = new GraphCanvas($('canvas'), selectNode, () => { showGraphStatus(); refreshTypes(); });
    $('search').focus();
    listViews();
  } catch (e) {
    sessionStorage.removeItem(CREDENTIAL);
    $('login').hidden = false;
    $('login-error').textContent = e.status === 401 ? t('refused')
      : e.code === 'FORBIDDEN' && /introspect/i.test(e.message) ? t('noSchema') : `${t('failed')}: ${e.message}`;
  }
}

function logout(message = '') {
  sessionStorage.removeItem(CREDENTIAL);
  sessionStorage.removeItem(PURPOSE);
  state.credential = null;
  state.purpose = null;
  state.canvas?.destroy();
  state.canvas = null;
  state.pages.clear();
  state.selected = null;
  state.pathFrom = null;
  $('workspace').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message;
  $('results').replaceChildren();
  $('details-body').replaceChildren();
}

// ---- reading nodes ---------------------------------------------------------------------------------------------

/** The fields that name a node on the canvas: key, label, handle and coordinates. */
function handleSelection(nt) {
  return [...new Set([nt.key, nt.label, ...(nt.hasRef ? ['ref'] : []), ...nt.geo])].join(' ');
}

/** What the canvas keeps of a fetched node. */
function canvasNode(type, m) {
  const nt = state.model.get(type);
  return { type, key: m[nt.key], ref: m.ref ?? null, label: m[nt.label], lat: m.latitude, lon: m.longitude, wkt: m.boundary };
}

/**
 * Reads one node with a selection: by its sealed handle when it has one (node(ref:)), which works whatever the role
 * sees of its key, else by its key lookup (a hub without refs). `asOf` applies to relationships with validity.
 */
async function readNode(data, selection) {
  const nt = state.model.get(data.type);
  const asOf = state.asOf;
  if (data.ref && state.caps.nodeRoot) {
    const r = await call(`query($r: ID!, $a: String) { n: node(ref: $r, asOf: $a) { ... on ${nt.type} { ${selection} } } }`, { r: data.ref, a: asOf });
    return r.n;
  }
  const r = await call(`query($k: String!, $a: String) { n: ${nt.root}(${nt.key}: $k, asOf: $a) { ${selection} } }`, { k: data.key, a: asOf });
  return r.n;
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
  if (/^\d{15}$|^\d{17}[\dXx]$/.test(folded.replace(/\s/g, ''))) guesses.push(...byKey('idNumber'));
  if (/^\p{Script=Han}[A-Za-z][A-Za-z0-9]{4,6}$/u.test(compact)) guesses.push(...byKey('plate'));
  if (/^\d{5}-\d{8}-?\d{3,6}$|^\d{5}-?\d{8}-\d{3,6}$/.test(folded.replace(/\s/g, ''))) guesses.push(...byKey('caseNumber'));
  return guesses.map((n) => ({ node: n, value: folded }));
}

async function search(text) {
  const status = $('search-status');
  const list = $('results');
  list.replaceChildren();
  status.textContent = t('searching');
  const hits = [];
  const refused = new Set();
  try {
    for (const { node, value } of keyGuesses(text)) {
      const primary = state.model.get(node.type);
      try {
        const data = await call(`query($k: String!) { n: ${node.root}(${node.key}: $k) { ${handleSelection(primary)} } }`, { k: value });
        if (data.n) hits.push({ ...canvasNode(node.type, data.n), exact: true });
      } catch (e) {
        // a role that may not look this type up by its key, or a text its normaliser refuses (not an ID number after
        // all): only this guess fails, the other lookups and the full-text search still run
        if (e.code === 'FORBIDDEN') refused.add(node.key);
        else if (e.code !== 'BAD_USER_INPUT' && e.code !== undefined) throw e;
      }
    }
    if (/[\p{L}\p{N}]/u.test(text)) {
      const ref = state.caps.searchFields.has('ref') ? 'ref' : '';
      const data = await call(`query($t: String!) { search(text: $t, first: 20) { type key label score ${ref} } }`, { t: text.slice(0, 200) });
      for (const h of data.search) {
        if (!hits.some((x) => x.type === h.type && (x.ref ?? x.key) === (h.ref ?? h.key)) && state.model.has(h.type)) hits.push(h);
      }
    }
  } catch (e) {
    status.textContent = `${t('failed')}: ${e.message}`;
    return;
  }
  status.textContent = (hits.length ? t('hits', hits.length) : t('none')) + (refused.size ? ` ${t('lookupRefused', [...refused].join(', '))}` : '');
  for (const h of hits) {
    const li = el('li', { className: 'hit', title: `${h.type} ${h.key}` },
      el('span', { className: `badge type-${h.type}` }, badge(h.type)), `${h.label ?? h.key} `,
      el('span', { className: 'muted' }, `${typeName(h.type)} · ${h.key}${h.exact ? ` · ${t('exact')}` : ''}`));
    li.dataset.type = h.type;
    li.dataset.key = h.key;
    li.addEventListener('click', () => openNode(h));
    list.append(li);
  }
}

// ---- canvas ----------------------------------------------------------------------------------------------------

function showGraphStatus() {
  const status = $('graph-status');
  if (!state.canvas) return;
  const { nodes, edges } = state.canvas.counts();
  status.textContent = t('graph', nodes, edges);
  status.dataset.nodes = nodes;
  status.dataset.edges = edges;
}

function openNode(n) {
  const node = state.canvas.addNode(n);
  state.canvas.cy.animate({ center: { eles: node } }, { duration: 200 });
  selectNode(node.id());
}

function selectNode(id) {
  const cy = state.canvas.cy;
  cy.$(':selected').unselect();
  cy.getElementById(id).select();
  state.selected = id;
  showNode(id);
}

/** Type filter: one checkbox per node type on the canvas; unchecked types are hidden. */
function refreshTypes(force = false) {
  const box = $('type-filter');
  const types = state.canvas?.types() ?? [];
  const shown = [...box.querySelectorAll('input')].map((i) => i.value).join();
  if (shown === types.join() && !force) return;
  box.replaceChildren(...types.map((type) => {
    const input = el('input', { type: 'checkbox', value: type, checked: !state.canvas.hiddenTypes.has(type) });
    input.addEventListener('change', () => {
      state.canvas.filterTypes([...box.querySelectorAll('input')].filter((i) => !i.checked).map((i) => i.value));
      showGraphStatus();
      if (!$('map').hidden) showMap();
    });
    return el('label', { className: 'type' }, input, ` ${typeName(type)}`);
  }));
}

// ---- details and expansion ---------------------------------------------------------------------------------------

async function showNode(id) {
  const n = state.canvas.node(id);
  if (n.empty()) return;
  const nt = state.model.get(n.data('type'));
  const body = $('details-body');
  const menu = $('expand-menu');
  if (!n.data('ref') && !n.data('key')) { // a provisional node: nothing names it for the hub
    $('details-title').textContent = `${typeName(n.data('type'))} · ${n.data('label') ?? ''}`;
    body.replaceChildren(actions(id), el('p', { className: 'muted' }, t('noHandle')));
    menu.hidden = true;
    return;
  }
  const counts = nt.relations.map((r) => (r.aggregate ? `${r.aggregate} { count }` : `${r.name} { ${state.model.get(r.target).key} }`));
  let node;
  try {
    node = await readNode(n.data(), `${detailsSelection(nt, state.caps)} ${counts.join(' ')}`);
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
  const label = node[nt.label] ?? n.data('key');
  for (const [k, f] of [['lat', 'latitude'], ['lon', 'longitude'], ['wkt', 'boundary']]) { // for the map view
    if (node[f] !== null && node[f] !== undefined) n.data(k, node[f]);
  }
  $('details-title').textContent = `${typeName(nt.type)} · ${label}`;
  body.replaceChildren(actions(id), ...renderDetails(node, nt, t, openFromTimeline));
  menu.replaceChildren(el('strong', {}, `${t('expand')}: ${label}`));
  for (const r of nt.relations) {
    const total = r.aggregate ? node[r.aggregate]?.count ?? 0 : node[r.name] ? (Array.isArray(node[r.name]) ? node[r.name].length : 1) : 0;
    if (!total) continue;
    const page = state.pages.get(`${id}|${r.name}`);
    const loaded = page?.loaded ?? 0;
    const b = el('button', { className: 'expand', disabled: loaded >= total },
      `${badge(r.target)} ${r.name} · ${loaded ? t('of', loaded.toLocaleString('en'), total.toLocaleString('en')) : total.toLocaleString('en')}${loaded && loaded < total ? ` · ${t('more')}` : ''}`);
    b.dataset.rel = r.name;
    b.dataset.loaded = loaded;
    b.dataset.total = total;
    b.addEventListener('click', () => expand(id, r, total, b));
    menu.append(b);
  }
  menu.hidden = false;
}

/** The buttons of the selected node: pin, hide, collapse, and the two ends of a path. */
function actions(id) {
  const canvas = state.canvas;
  const button = (key, onClick, extra = {}) => {
    const b = el('button', { type: 'button', id: `act-${key}`, ...extra }, t(key));
    b.addEventListener('click', onClick);
    return b;
  };
  const bar = el('div', { className: 'actions' },
    button(canvas.isPinned(id) ? 'unpin' : 'pin', () => { canvas.setPinned(id, !canvas.isPinned(id)); showNode(id); }),
    button('hide', () => { canvas.hide(id); showGraphStatus(); }),
    button('collapse', () => {
      const removed = canvas.collapse(id);
      for (const k of [...state.pages.keys()]) if (k.startsWith(`${id}|`)) state.pages.delete(k);
      say(t('collapsed', removed));
      showNode(id);
    }));
  if (state.caps.path) {
    bar.append(button('pathFrom', () => {
      canvas.cy.nodes('.path-start').removeClass('path-start');
      state.pathFrom = id;
      canvas.node(id).addClass('path-start');
      say(t('pathStart', canvas.node(id).data('label') ?? canvas.node(id).data('key')));
      showNode(id);
    }));
    if (state.pathFrom && state.pathFrom !== id && !canvas.node(state.pathFrom).empty()) {
      bar.append(button('pathTo', () => shortestPath(state.pathFrom, id), { className: 'primary' }));
    }
  }
  return bar;
}

function openFromTimeline(e) {
  const near = state.canvas.node(state.selected);
  const node = state.canvas.addNode({ type: e.type, key: e.key, ref: e.ref ?? null, label: e.label }, near);
  state.canvas.addEdge(state.selected, e.field, node.id());
  selectNode(node.id());
}

/** Loads the next page (PAGE nodes, keyset by the target's key) of one relationship of a node onto the canvas. */
async function expand(id, rel, total, button) {
  button.disabled = true; // one page at a time, whatever the analyst clicks meanwhile
  const canvas = state.canvas;
  const n = canvas.node(id);
  const target = state.model.get(rel.target);
  const pageKey = `${id}|${rel.name}`;
  const page = state.pages.get(pageKey) ?? { loaded: 0, after: null };
  const keyset = rel.paged && !page.unsorted;
  let args = '';
  if (keyset) {
    const where = page.after === null ? '' : `, where: { ${target.key}: { gt: ${lit(page.after)} } }`;
    args = `(first: ${PAGE}, sort: [{ ${target.key}: ASC }]${where})`;
  }
  let got;
  try {
    got = (await readNode(n.data(), `${rel.name}${args} { ${handleSelection(target)} }`))?.[rel.name];
  } catch (e) {
    if (keyset && e.code === 'FORBIDDEN' && page.after === null) {
      // the role reads the target's key masked, so it may not sort or filter on it: one unsorted page, the largest
      // the hub serves, and no keyset paging after it
      try {
        got = (await readNode(n.data(), `${rel.name}(first: ${UNSORTED_PAGE}) { ${handleSelection(target)} }`))?.[rel.name];
        page.unsorted = true;
      } catch (e2) {
        say(`${t('failed')}: ${e2.message}`, true);
        button.disabled = false;
        return;
      }
    } else {
      say(`${t('failed')}: ${e.message}`, true);
      button.disabled = false;
      return;
    }
  }
  const list = got === null || got === undefined ? [] : Array.isArray(got) ? got : [got];
  canvas.cy.batch(() => {
    for (const m of list) {
      const other = canvas.addNode(canvasNode(rel.target, m), n);
      canvas.addEdge(id, rel.name, other.id());
    }
  });
  if (page.unsorted) {
    page.loaded = total; // nothing more can be paged in
    if (list.length < total) say(t('firstOnly', list.length, total), true);
  } else {
    page.loaded = rel.paged ? page.loaded + list.length : Math.max(list.length, total);
    if (list.length) page.after = list[list.length - 1][target.key];
    if (rel.paged && list.length < PAGE) page.loaded = Math.max(page.loaded, total); // the last page
  }
  state.pages.set(pageKey, page);
  if (state.selected === id) showNode(id);
}

// ---- path ------------------------------------------------------------------------------------------------------

/** A path end as the API takes it: the sealed handle when the API accepts one, else type and key. */
function pathEnd(id) {
  const d = state.canvas.node(id).data();
  return state.caps.pathRef && d.ref ? `{ ref: ${lit(d.ref)} }` : `{ type: ${lit(d.type)}, key: ${lit(d.key)} }`;
}

async function shortestPath(fromId, toId) {
  const ref = state.caps.pathFields.has('ref') ? 'ref' : '';
  let path;
  try {
    path = (await call(`{ path(from: ${pathEnd(fromId)}, to: ${pathEnd(toId)}, maxHops: ${MAX_HOPS}) {
      length nodes { type key label ${ref} } relationships { type label from to } } }`)).path;
  } catch (e) {
    say(`${t('failed')}: ${e.message}`, true);
    return;
  }
  if (!path) {
    say(t('noPath', MAX_HOPS), true);
    return;
  }
  const canvas = state.canvas;
  const ids = [];
  canvas.cy.batch(() => {
    let previous = canvas.node(fromId);
    for (const p of path.nodes) {
      const known = state.model.has(p.type) ? p.type : null;
      const node = canvas.addNode({ type: known ?? p.type, key: p.key, ref: p.ref ?? null, label: p.label }, previous);
      ids.push(node.id());
      previous = node;
    }
  });
  const edges = path.relationships.map((r) => canvas.addEdge(ids[r.from], r.type, ids[r.to]));
  canvas.markPath(ids, edges);
  $('graph-status').dataset.path = path.length;
  say(t('pathFound', path.length));
}

// ---- filters, views, exports -----------------------------------------------------------------------------------

function setAsOf(value) {
  state.asOf = value || null;
  state.pages.clear(); // counts and pages depend on the day
  say(state.asOf ? t('asOfSet', state.asOf) : t('asOfCleared'));
  if (state.selected) showNode(state.selected);
}

function showMap() {
  const places = state.canvas.shownNodes().filter((n) => n.data('lat') !== undefined || n.data('wkt') !== undefined)
    .map((n) => ({ id: n.id(), label: n.data('label') ?? n.data('key'), lat: n.data('lat'), lon: n.data('lon'), wkt: n.data('wkt') }));
  const drawn = drawMap($('map-svg'), places, selectNode);
  $('map-status').textContent = drawn ? t('mapPlaces', drawn) : t('mapNone');
  $('map-status').dataset.places = drawn;
}

/**
 * The shown nodes an export may name: those with a sealed ref (the hub records an export only by refs it made, so a
 * node without one, a provisional person, is drawn in a PNG but named in no export record nor CSV row).
 */
function exported() {
  return state.canvas.visibleNodes().filter((n) => n.ref);
}

/** The table of the shown nodes with a ref: what the CSV export holds. */
function tableRows() {
  return exported().map((n) => [typeName(n.type), n.type, n.key, n.label ?? '']);
}

function showTable() {
  const rows = tableRows();
  const table = el('table', { className: 'props', id: 'table-view' },
    el('tr', {}, ...[t('colType'), 'type', t('colKey'), t('colLabel')].map((h) => el('th', {}, h))));
  for (const r of rows) table.append(el('tr', {}, ...r.map((v) => el('td', {}, v))));
  $('table-body').replaceChildren(table);
}

/** Records an export in the hub's audit trail; resolves only when the hub has written it (no unaudited export). */
async function audit(format, rows) {
  if (!state.caps.recordExport) throw new Error(t('noExportAudit'));
  const entities = exported().map((n) => n.ref);
  await call('mutation($f: ExportFormat!, $v: String, $e: [String!]!, $r: Int!) { recordExport(format: $f, view: $v, entities: $e, rows: $r) }',
    { f: format, v: state.view, e: entities, r: rows });
}

async function exportPng() {
  try {
    await audit('PNG', exported().length);
    download(state.canvas.png(), `jiedao-graph-${stamp()}.png`);
    say(t('exported', 'PNG'));
  } catch (e) {
    say(`${t('exportFailed')}: ${e.message}`, true);
  }
}

async function exportCsv() {
  const rows = tableRows();
  try {
    await audit('CSV', rows.length);
    download(csvBlob([t('colType'), 'type', t('colKey'), t('colLabel')], rows), `jiedao-graph-${stamp()}.csv`);
    say(t('exported', 'CSV'));
  } catch (e) {
    say(`${t('exportFailed')}: ${e.message}`, true);
  }
}

async function listViews() {
  if (!state.views) return;
  const list = $('views');
  try {
    const views = await state.views.list();
    list.replaceChildren(...views.map((v) => {
      const open = el('button', { type: 'button', className: 'link' }, v.name);
      open.addEventListener('click', () => openView(v.name));
      const del = el('button', { type: 'button', className: 'delete', title: t('deleteView') }, '×');
      del.addEventListener('click', async () => { await state.views.delete(v.name); listViews(); });
      const li = el('li', {}, open, ' ', el('span', { className: 'muted' }, v.savedAt.slice(0, 16).replace('T', ' ')), ' ', del);
      li.dataset.view = v.name;
      return li;
    }));
  } catch (e) {
    list.replaceChildren(el('li', { className: 'error' }, `${t('failed')}: ${e.message}`));
  }
}

async function saveView(name) {
  try {
    // no paging positions: they hold the last key read, which may be a personal value
    await state.views.save(name, { version: 2, asOf: state.asOf, canvas: state.canvas.snapshot() });
    state.view = name;
    say(t('saved', name));
    listViews();
  } catch (e) {
    say(`${t('failed')}: ${e.message}`, true);
  }
}

/**
 * Reads the nodes of a saved view again, by their refs, as the hub shows them to the current user now (a view keeps
 * no names nor keys: a user whose role or communities changed sees only what she may see today).
 *
 * @return Map ref → {key, label, lat, lon, wkt}; a node she may no longer see is absent
 */
async function readBack(nodes) {
  const out = new Map();
  const CHUNK = 20; // within the hub's alias limit (HUB_GRAPHQL_MAX_ALIASES, default 30)
  for (let i = 0; i < nodes.length; i += CHUNK) {
    const chunk = nodes.slice(i, i + CHUNK).filter((n) => state.model.has(n.type));
    if (!chunk.length) continue;
    const vars = chunk.map((_, j) => `$r${j}: ID!`).join(', ');
    const fields = chunk.map((n, j) => `n${j}: node(ref: $r${j}) { ... on ${n.type} { ${handleSelection(state.model.get(n.type))} } }`).join(' ');
    const data = await call(`query(${vars}) { ${fields} }`, Object.fromEntries(chunk.map((n, j) => [`r${j}`, n.ref])));
    chunk.forEach((n, j) => { if (data[`n${j}`]) out.set(n.ref, canvasNode(n.type, data[`n${j}`])); });
  }
  return out;
}

async function openView(name) {
  try {
    const view = await state.views.open(name);
    if (!view) { say(t('notFound'), true); return; }
    const saved = view.canvas?.nodes ?? [];
    const read = state.caps.nodeRoot ? await readBack(saved) : new Map();
    state.canvas.restore(view.canvas ?? {}, read);
    state.pages = new Map();
    state.asOf = view.asOf ?? null;
    $('as-of').value = state.asOf ?? '';
    state.view = name;
    state.selected = null;
    state.pathFrom = null;
    $('details-body').replaceChildren();
    $('expand-menu').hidden = true;
    refreshTypes(true);
    showGraphStatus();
    const gone = saved.length - read.size;
    say(gone ? t('openedLess', name, gone) : t('opened', name));
  } catch (e) {
    say(`${t('failed')}: ${e.message}`, true);
  }
}

// ---- start -----------------------------------------------------------------------------------------------------

window.addEventListener('DOMContentLoaded', () => {
  applyLanguage();
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    sessionStorage.setItem(LANG, state.lang);
    applyLanguage();
    refreshTypes(true);
    say('');
  });
  $('login-form').addEventListener('submit', (e) => { e.preventDefault(); login($('credential').value.trim(), $('purpose').value.trim()); });
  $('logout').addEventListener('click', () => logout());
  $('search-form').addEventListener('submit', (e) => { e.preventDefault(); search($('search').value); });
  $('as-of').addEventListener('change', (e) => setAsOf(e.target.value));
  $('tidy').addEventListener('click', () => state.canvas.tidy());
  $('show-all').addEventListener('click', () => { state.canvas.showAll(); showGraphStatus(); });
  $('fit').addEventListener('click', () => state.canvas.cy.fit(undefined, 40));
  $('map-toggle').addEventListener('click', () => { $('map').hidden = !$('map').hidden; if (!$('map').hidden) showMap(); });
  $('table-toggle').addEventListener('click', () => { $('table').hidden = !$('table').hidden; if (!$('table').hidden) showTable(); });
  $('export-png').addEventListener('click', exportPng);
  $('export-csv').addEventListener('click', exportCsv);
  $('view-form').addEventListener('submit', (e) => { e.preventDefault(); const name = $('view-name').value.trim(); if (name) saveView(name); });
  if (state.credential) login(state.credential, state.purpose);
});
