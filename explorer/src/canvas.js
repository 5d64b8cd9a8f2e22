// The graph canvas (Cytoscape.js): nodes and relationships the analyst has opened, where she put them.
// Nothing here talks to the hub; app.js decides what to add. Node ids are `<type>:<handle>`, the handle being the
// node's sealed `ref` when the API gives one (so a node whose key the role sees masked can still be re-read), else
// its key. New nodes go on rings around the node they came from; no automatic layout ever moves a placed node, and
// "tidy" (cose) moves only nodes that are not pinned (Cytoscape never moves a locked node).
import cytoscape from 'cytoscape';

export const COLOURS = { Person: '#2f6fd6', Household: '#d9822b', Vehicle: '#0f9960', Case: '#c23030', Address: '#8f398f',
  Community: '#29a634', ParkingLot: '#00998c', Grid: '#7157d9', Building: '#a67908', Kindergarten: '#db2c6f' };
// one letter per type, drawn in the node: readable without an emoji font (the CI image has none)
export const BADGES = { Person: '人', Household: '户', Vehicle: '车', Case: '案', Address: '址', Community: '社',
  Subdistrict: '街', District: '区', Grid: '格', Building: '楼', ParkingLot: 'P', Kindergarten: '园', Certificate: '证',
  DisabilityCertificate: '残', ElderlyCard: '老', PatrolMember: '巡', Sensor: '感', Observation: '测', Complaint: '诉' };
export const badge = (type) => BADGES[type] ?? type.charAt(0);

/** The canvas id of a node: its type and its handle (ref, else key). */
export const nodeId = (type, handle) => `${type}:${handle}`;

export class GraphCanvas {
  /**
   * @param container the element to draw in
   * @param onSelect  called with a node id when the analyst taps a node
   * @param onChange  called after nodes or relationships are added or removed
   */
  constructor(container, onSelect, onChange) {
    this.cy = cytoscape({
      container,
      wheelSensitivity: 0.3,
      style: [
        { selector: 'node', style: { label: 'data(display)', 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3,
          'background-color': (n) => COLOURS[n.data('type')] ?? '#5c7080', width: 24, height: 24,
          'text-wrap': 'ellipsis', 'text-max-width': 140 } },
        { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#ffb366' } },
        { selector: 'node.pinned', style: { shape: 'round-rectangle', 'border-width': 2, 'border-style': 'double', 'border-color': '#1f3b63' } },
        { selector: '.hidden', style: { display: 'none' } },
        { selector: 'node.path-start', style: { 'border-width': 3, 'border-color': '#c23030', 'border-style': 'dashed' } },
        { selector: 'edge', style: { label: 'data(rel)', 'font-size': 8, width: 1.2, 'curve-style': 'bezier',
          'target-arrow-shape': 'triangle', 'line-color': '#a7b6c2', 'target-arrow-color': '#a7b6c2', color: '#5c7080' } },
        { selector: '.path', style: { 'line-color': '#c23030', 'target-arrow-color': '#c23030', width: 3, 'border-width': 3, 'border-color': '#c23030' } },
      ],
    });
    this.cy.on('tap', 'node', (ev) => onSelect(ev.target.id()));
    this.cy.on('add remove', () => onChange());
    this.hiddenTypes = new Set();
    this.anonymous = 0;
  }

  destroy() { this.cy.destroy(); }

  /** @return the Cytoscape node with this id (empty collection when absent) */
  node(id) { return this.cy.getElementById(id); }

  /** @return the nodes not hidden (by the analyst or the type filter); read from the classes, which change at once */
  shownNodes() { return this.cy.nodes().filter((n) => !n.hasClass('hidden')); }

  /** @return the relationships whose two ends are shown */
  shownEdges() { return this.cy.edges().filter((e) => !e.source().hasClass('hidden') && !e.target().hasClass('hidden')); }

  /** @return shown node and relationship counts */
  counts() {
    return { nodes: this.shownNodes().length, edges: this.shownEdges().length };
  }

  /**
   * Adds a node unless it is there already (then only fills in what was missing).
   *
   * @param n    {type, key, ref, label, lat, lon, wkt}: key is as the role sees it (maybe masked)
   * @param near a node to place it next to (on a ring), or none: the middle of the view
   * @return the Cytoscape node
   */
  addNode(n, near) {
    // a node without ref or key (a person known only provisionally) cannot be read again: its own id, never shared
    const id = n.ref || n.key ? nodeId(n.type, n.ref ?? n.key) : nodeId(n.type, `~${++this.anonymous}`);
    let node = this.cy.getElementById(id);
    if (node.empty()) {
      const pos = near && !near.empty() ? this.ringPosition(near) : this.centre();
      node = this.cy.add({ group: 'nodes', position: pos, data: { id, type: n.type, key: n.key, ref: n.ref ?? null,
        label: n.label ?? null, from: near?.id?.() ?? null, display: `${badge(n.type)} ${n.label ?? n.key}` } });
      if (this.hiddenTypes.has(n.type)) node.addClass('hidden');
    }
    for (const k of ['lat', 'lon', 'wkt']) if (n[k] !== undefined && n[k] !== null) node.data(k, n[k]);
    return node;
  }

  /** Adds the relationship `rel` between two placed nodes unless one between them is drawn already. */
  addEdge(source, rel, target) {
    const existing = this.between(source, target);
    if (!existing.empty()) return existing;
    return this.cy.add({ group: 'edges', data: { id: `${source}|${rel}|${target}`, source, target, rel } });
  }

  /** @return the relationships drawn between two nodes, either way */
  between(a, b) {
    return this.cy.getElementById(a).edgesWith(this.cy.getElementById(b));
  }

  centre() {
    const ext = this.cy.extent();
    return { x: (ext.x1 + ext.x2) / 2 + (Math.random() - 0.5) * 40, y: (ext.y1 + ext.y2) / 2 + (Math.random() - 0.5) * 40 };
  }

  /** The next free place on rings of 12 around a node, 90 px apart. */
  ringPosition(centre) {
    const c = centre.position();
    const i = centre.scratch('ring') ?? 0;
    centre.scratch('ring', i + 1);
    const ring = Math.floor(i / 12) + 1;
    const angle = (i % 12) * (Math.PI / 6) + ring * 0.26;
    return { x: c.x + Math.cos(angle) * 90 * ring, y: c.y + Math.sin(angle) * 90 * ring };
  }

  /** Pins (locks) a node where it is, or frees it. */
  setPinned(id, pinned) {
    const n = this.node(id);
    if (pinned) n.lock().addClass('pinned'); else n.unlock().removeClass('pinned');
  }

  isPinned(id) { return this.node(id).locked(); }

  /** Hides one node (and its relationships) until "show all". */
  hide(id) { this.node(id).addClass('hidden').unselect(); }

  /** Shows every hidden node again, except the types filtered out. */
  showAll() {
    this.cy.nodes('.hidden').filter((n) => !this.hiddenTypes.has(n.data('type'))).removeClass('hidden');
  }

  /**
   * Collapses a node: removes the nodes that were expanded from it and hang on it alone (not pinned, no other
   * relationship, not themselves expanded further), with their relationships.
   *
   * @return how many nodes were removed
   */
  collapse(id) {
    const centre = this.node(id);
    const leaves = centre.neighborhood('node').filter((m) => m.data('from') === id && !m.locked()
      && m.connectedEdges().every((e) => e.source().id() === id || e.target().id() === id));
    const removed = leaves.length;
    this.cy.remove(leaves);
    centre.scratch('ring', 0);
    return removed;
  }

  /** Shows only the node types not in `hidden` (a Set of type names). */
  filterTypes(hidden) {
    this.hiddenTypes = new Set(hidden);
    this.cy.batch(() => this.cy.nodes().forEach((n) => {
      if (this.hiddenTypes.has(n.data('type'))) n.addClass('hidden').unselect(); else n.removeClass('hidden');
    }));
  }

  /** @return the node types on the canvas, sorted */
  types() { return [...new Set(this.cy.nodes().map((n) => n.data('type')))].sort(); }

  /** Runs a force-directed layout (cose) over the visible nodes; pinned nodes stay where they are. */
  tidy() {
    this.shownNodes().union(this.shownEdges()).layout({ name: 'cose', animate: false, randomize: false, fit: false, nodeDimensionsIncludeLabels: true }).run();
  }

  /** Marks the nodes and relationships of a path (ids), and only them. */
  markPath(nodeIds, edges) {
    this.cy.elements('.path').removeClass('path');
    nodeIds.forEach((id) => this.node(id).addClass('path'));
    edges.forEach((e) => e.addClass('path'));
  }

  /** @return the shown nodes as {id, type, key, ref, label}, in the order they were added */
  visibleNodes() {
    return this.shownNodes().map((n) => ({ id: n.id(), type: n.data('type'), key: n.data('key'), ref: n.data('ref'), label: n.data('label') }));
  }

  /** @return a PNG of the whole visible graph on a white background, as a Blob */
  png() {
    return this.cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: 2 });
  }

  /**
   * @return the canvas as plain data holding no personal value: each node by its type and sealed ref, where it is,
   *         pinned and hidden flags, the node it was expanded from; relationships; the type filter. Nodes without a
   *         ref (a hub without refs, a provisional person) are left out: they could not be read back.
   */
  snapshot() {
    const kept = this.cy.nodes().filter((n) => n.data('ref'));
    return {
      nodes: kept.map((n) => ({ type: n.data('type'), ref: n.data('ref'), from: n.data('from'), x: Math.round(n.position('x')),
        y: Math.round(n.position('y')), pinned: n.locked(), hidden: n.hasClass('hidden') && !this.hiddenTypes.has(n.data('type')) })),
      edges: kept.edgesWith(kept).map((e) => ({ source: e.source().id(), target: e.target().id(), rel: e.data('rel') })),
      hiddenTypes: [...this.hiddenTypes],
    };
  }

  /**
   * Replaces the canvas with a snapshot; nodes go exactly where they were. Keys and labels are not in a snapshot:
   * `read` gives them as the hub shows them to the current user now ({ref → {key, label, ...}}, null for a node the
   * user may no longer see, which is left out).
   */
  restore(s, read) {
    this.cy.elements().remove();
    this.hiddenTypes = new Set(s.hiddenTypes ?? []);
    this.cy.batch(() => {
      for (const n of s.nodes ?? []) {
        const now = read.get(n.ref);
        if (!now) continue;
        const id = nodeId(n.type, n.ref);
        const node = this.cy.add({ group: 'nodes', position: { x: n.x, y: n.y }, data: { id, type: n.type, key: now.key,
          ref: n.ref, label: now.label ?? null, from: n.from ?? null, display: `${badge(n.type)} ${now.label ?? now.key}` } });
        for (const k of ['lat', 'lon', 'wkt']) if (now[k] !== undefined && now[k] !== null) node.data(k, now[k]);
        if (n.pinned) node.lock().addClass('pinned');
        if (n.hidden || this.hiddenTypes.has(n.type)) node.addClass('hidden');
      }
      for (const e of s.edges ?? []) {
        if (!this.node(e.source).empty() && !this.node(e.target).empty()) this.addEdge(e.source, e.rel, e.target);
      }
    });
    this.cy.fit(undefined, 40);
  }
}
