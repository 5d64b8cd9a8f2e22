// The details panel: every property the role may read, each value with its provenance (which source records
// asserted it, their department and ingestion time, and whether that record's value is the one shown), the source
// records with their entity-resolution evidence, and for a person her timeline. Rendering only: app.js fetches.

/** Builds an element: el('td', {className: 'x'}, 'text', child). */
export const el = (tag, props = {}, ...children) => {
  const e = Object.assign(document.createElement(tag), props);
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
};

/**
 * The GraphQL selection of a node's details, from what the schema offers (older hubs lack some fields).
 *
 * @param nt   the node type from graphModel
 * @param caps the schema's capabilities: {sourceFields: Set of SourceRef field names}
 * @return the selection text (without braces)
 */
export function detailsSelection(nt, caps) {
  const sf = caps.sourceFields;
  const has = (f) => sf.has(f);
  const source = ['source', 'recordKey', 'location', 'ingestedAt', 'relation', 'rule', 'score',
    ...['sourceName', 'department', 'uid', 'decidedAt'].filter(has),
    has('evidence') ? 'evidence { rule weight fields { comparison level weight } }' : '',
    has('values') ? 'values { field value current }' : ''].filter(Boolean).join(' ');
  const timeline = nt.timeline ? `timeline { date kind field type label key ${caps.timelineFields?.has('ref') ? 'ref' : ''} }` : '';
  return `${nt.scalars.join(' ')} ${nt.hasRef ? 'ref' : ''} sources { ${source} } ${timeline}`;
}

/**
 * Which source records back one value: those whose asserted values name the field (a resolved type such as Person
 * keeps what each record asserted); when no record carries asserted values (other types), every record of the node.
 *
 * @return {records: [{source, value, current}], exact: boolean}
 */
export function provenanceOf(node, field) {
  const withValues = node.sources.filter((s) => Array.isArray(s.values) && s.values.length);
  if (!withValues.length) return { records: node.sources.map((s) => ({ s, value: null, current: null })), exact: false };
  const records = [];
  for (const s of withValues) {
    for (const v of s.values) if (v.field === field) records.push({ s, value: v.value, current: v.current });
  }
  return { records, exact: true };
}

/**
 * Renders the panel body.
 *
 * @param node   the fetched node (scalars, sources, timeline)
 * @param nt     its node type
 * @param t      the translation function
 * @param onOpen called with {type, key, ref, label} when a timeline entry is clicked
 * @return the elements to put in the panel
 */
export function renderDetails(node, nt, t, onOpen) {
  const props = el('table', { className: 'props' });
  for (const f of nt.scalars) {
    const v = node[f];
    if (v === null || v === undefined) continue;
    const row = el('tr', {}, el('td', {}, f), el('td', {}, String(v)));
    const cell = el('td', { className: 'prov-cell' });
    if (node.sources.length) {
      const b = el('button', { className: 'prov', title: t('provenance'), type: 'button' }, t('from'));
      b.dataset.field = f;
      b.addEventListener('click', () => toggleProvenance(row, node, f, t));
      cell.append(b);
    }
    row.append(cell);
    props.append(row);
  }
  const out = [el('h3', {}, t('properties')), props];
  if (!node.sources.length && nt.scalars.some((f) => node[f] !== null && node[f] !== undefined)) {
    out.push(el('p', { className: 'muted' }, t('noSources')));
  }
  out.push(sourcesPanel(node, t));
  if (node.timeline) out.push(timelinePanel(node.timeline, t, onOpen));
  return out;
}

function toggleProvenance(row, node, field, t) {
  const next = row.nextElementSibling;
  if (next?.classList.contains('prov-row')) { next.remove(); return; }
  const { records, exact } = provenanceOf(node, field);
  const list = el('ul', { className: 'prov-list' });
  for (const { s, value, current } of records) {
    list.append(el('li', {},
      el('strong', {}, s.sourceName ? `${s.sourceName} (${s.source})` : s.source), ` ${s.recordKey}`,
      exact ? el('span', { className: current ? 'current' : 'other' }, ` = ${value ?? '—'}${current ? ` ✓ ${t('shown')}` : ''}`) : null,
      el('br'),
      el('span', { className: 'muted' }, `${t('department')}: ${s.department ?? '—'} · ${t('ingestedAt')}: ${s.ingestedAt ?? '—'} · ${t('location')}: ${s.location ?? '—'}`)));
  }
  if (!records.length) list.append(el('li', { className: 'muted' }, t('noAssertion')));
  const note = exact ? null : el('p', { className: 'muted' }, t('wholeRecords'));
  const cell = el('td', { colSpan: 3 }, el('strong', {}, `${t('provenance')}: ${field}`), note, list);
  row.after(el('tr', { className: 'prov-row' }, cell));
}

function sourcesPanel(node, t) {
  const sources = el('ul', { className: 'sources' });
  for (const s of node.sources) {
    const li = el('li', {},
      el('strong', {}, s.source), ` ${s.recordKey}`, el('br'),
      el('span', { className: 'muted' }, `${s.department ? `${t('department')}: ${s.department} · ` : ''}${t('location')}: ${s.location ?? '—'} · ${t('ingestedAt')}: ${s.ingestedAt ?? '—'} · ${t('relation')}: ${s.relation}`));
    if (s.rule) {
      li.append(el('div', { className: 'er' }, `${t('rule')}: ${s.rule}${s.score !== null && s.score !== undefined ? ` · ${t('score')}: ${Number(s.score).toFixed(2)}` : ''}${s.decidedAt ? ` · ${t('decidedAt')}: ${s.decidedAt}` : ''}`));
    }
    if (s.evidence) {
      const table = el('table', { className: 'evidence' },
        el('tr', {}, el('th', {}, t('comparison')), el('th', {}, t('level')), el('th', {}, t('weight'))));
      for (const f of s.evidence.fields) table.append(el('tr', {}, el('td', {}, f.comparison), el('td', {}, f.level), el('td', {}, Number(f.weight).toFixed(2))));
      table.append(el('tr', {}, el('td', {}, el('strong', {}, s.evidence.rule)), el('td', {}), el('td', {}, el('strong', {}, Number(s.evidence.weight).toFixed(2)))));
      li.append(el('details', { className: 'evidence-panel' }, el('summary', {}, t('evidence')), table));
    }
    sources.append(li);
  }
  return el('details', { id: 'sources-panel' }, el('summary', {}, `${t('sources')} (${node.sources.length})`), sources);
}

function timelinePanel(events, t, onOpen) {
  const list = el('ol', { className: 'timeline' });
  for (const e of events) {
    const li = el('li', {}, el('span', { className: 'date' }, e.date), ' ',
      el('span', { className: `kind kind-${e.kind}` }, t(`kind.${e.kind}`) === `kind.${e.kind}` ? e.kind : t(`kind.${e.kind}`)), ' ',
      `${e.field} → ${e.type} ${e.label ?? e.key ?? ''}`);
    if (e.ref || e.key) {
      li.classList.add('link');
      li.addEventListener('click', () => onOpen({ type: e.type, key: e.key, ref: e.ref ?? null, label: e.label }));
    }
    list.append(li);
  }
  if (!events.length) list.append(el('li', { className: 'muted' }, t('noEvents')));
  return el('details', { id: 'timeline-panel' }, el('summary', {}, `${t('timeline')} (${events.length})`), list);
}
