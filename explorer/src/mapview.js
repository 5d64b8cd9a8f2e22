// The map view: the places on the canvas that have coordinates (WGS 84 latitude/longitude, e.g. parking lots) or a
// boundary (a WKT POLYGON in WGS 84, longitude first, OGC 06-103r4, e.g. grids), drawn as SVG in an
// equirectangular projection scaled by cos(latitude), fitted to what is shown. No map tiles: the page may talk
// only to the hub (its Content-Security-Policy), and the hub serves none.

const SVG = 'http://www.w3.org/2000/svg';

/**
 * Parses the outer rings of a WKT POLYGON or MULTIPOLYGON.
 *
 * @param wkt e.g. POLYGON((116.37 39.90, 116.38 39.90, 116.38 39.91, 116.37 39.90))
 * @return rings as arrays of [lon, lat]; empty for anything else
 */
export function wktRings(wkt) {
  if (typeof wkt !== 'string' || !/^\s*(MULTI)?POLYGON\s*\(/i.test(wkt)) return [];
  const rings = [];
  for (const m of wkt.matchAll(/\(\s*([-\d.\s,]+?)\s*\)/g)) {
    const ring = m[1].split(',').map((p) => p.trim().split(/\s+/).map(Number)).filter((p) => p.length === 2 && p.every(Number.isFinite));
    if (ring.length >= 3) rings.push(ring);
  }
  return rings;
}

/**
 * Draws the places into an <svg> element.
 *
 * @param svg    the element (its size is taken from the layout)
 * @param places [{id, label, lat, lon, wkt}] (lat/lon numbers or numeric strings)
 * @param onPick called with a place's id when it is clicked
 * @return how many places were drawn
 */
export function drawMap(svg, places, onPick) {
  svg.replaceChildren();
  const shapes = places.map((p) => ({ ...p, rings: wktRings(p.wkt), point: Number.isFinite(+p.lat) && Number.isFinite(+p.lon)
    && p.lat !== null && p.lon !== null ? [+p.lon, +p.lat] : null })).filter((p) => p.point || p.rings.length);
  if (!shapes.length) return 0;
  const all = shapes.flatMap((p) => [...(p.point ? [p.point] : []), ...p.rings.flat()]);
  const lons = all.map((c) => c[0]);
  const lats = all.map((c) => c[1]);
  const [x0, x1, y0, y1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const k = Math.cos(((y0 + y1) / 2) * Math.PI / 180);
  const w = svg.clientWidth || 600;
  const h = svg.clientHeight || 400;
  const pad = 30;
  const spanX = Math.max((x1 - x0) * k, 1e-4);
  const spanY = Math.max(y1 - y0, 1e-4);
  const scale = Math.min((w - 2 * pad) / spanX, (h - 2 * pad) / spanY);
  const px = ([lon, lat]) => [pad + (lon - x0) * k * scale, h - pad - (lat - y0) * scale];
  const add = (tag, attrs, parent = svg) => {
    const e = document.createElementNS(SVG, tag);
    for (const [a, v] of Object.entries(attrs)) e.setAttribute(a, v);
    parent.append(e);
    return e;
  };
  for (const p of shapes) {
    const g = add('g', { class: 'place', 'data-id': p.id });
    g.addEventListener('click', () => onPick(p.id));
    for (const ring of p.rings) add('polygon', { points: ring.map((c) => px(c).join(',')).join(' '), class: 'area' }, g);
    const at = p.point ? px(p.point) : px(p.rings[0].reduce((a, c) => [a[0] + c[0] / p.rings[0].length, a[1] + c[1] / p.rings[0].length], [0, 0]));
    if (p.point) add('circle', { cx: at[0], cy: at[1], r: 5, class: 'spot' }, g);
    const text = add('text', { x: at[0] + 7, y: at[1] + 4 }, g);
    text.textContent = p.label ?? p.id;
  }
  return shapes.length;
}
