// End-to-end tests of the graph explorer in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core).
// Run by app's ExplorerBrowserTest against a hub with generated data:
//   node e2e/explore.e2e.mjs <hub base URL> <scenario> <screenshot folder>
// Secrets and data come from the environment (kept out of `ps`):
//   EXPLORER_CREDENTIAL  the API key or token to log in with; EXPLORER_PURPOSE its purpose of use, if its role needs one
//   analyst scenario:    EXPLORER_ID_NUMBER (a resident with a household, vehicles and a case), EXPLORER_CASE_NUMBER
//   caseworker scenario: EXPLORER_ID_NUMBER (a resident of her community), EXPLORER_OTHER_ID_NUMBER (one of another)
//   supernode scenario:  EXPLORER_SUPERNODE (the name of a community with thousands of addresses)
// Scenarios:
//   analyst    log in; search the ID number written with full-width digits; open the person; expand household and
//              vehicles; read a value's provenance; find the shortest path to a case; read her timeline; save the
//              view, reload and open it; export CSV and PNG; switch to English
//   caseworker log in; her resident's ID number is shown masked, her household can still be expanded; a resident of
//              another community is not found
//   supernode  open a community with thousands of addresses; each expansion adds one page of 20, the count reads
//              "20 / 5,000", and the page answers input while a page loads; the community shows on the map; the type
//              filter, hide / unhide all, pin and collapse change what is shown
// A screenshot after each step (<folder>/<scenario>-NN-<step>.png). Exit 0 and a JSON line {"steps": [...]} on
// success; exit 1 with the failed step on stderr (and a screenshot "<scenario>-failed.png").
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { graphModel, INTROSPECTION, credentialHeaders } from '../src/graphql.js';

const [base, scenario = 'analyst', shots = 'target/explorer-screenshots'] = process.argv.slice(2);
const env = (name) => {
  const v = process.env[name];
  if (!v) { console.error(`${scenario}: ${name} is not set`); process.exit(2); }
  return v;
};
const credential = env('EXPLORER_CREDENTIAL');
if (!base || !['analyst', 'caseworker', 'supernode'].includes(scenario)) {
  console.error('usage: node e2e/explore.e2e.mjs <base URL> analyst|caseworker|supernode [screenshot folder]');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const fullWidth = (s) => [...s].map((c) => (/[0-9A-Za-z]/.test(c) ? String.fromCodePoint(c.codePointAt(0) + 0xfee0) : c)).join('');
const TIMEOUT = 20_000;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
const steps = [];
const pageErrors = [];
const result = {};
let page;
async function step(name, body) {
  const started = Date.now();
  await body();
  await page.screenshot({ path: join(shots, `${scenario}-${String(steps.length + 1).padStart(2, '0')}-${name}.png`) });
  steps.push({ name, ms: Date.now() - started });
}
const expect = (cond, message) => { if (!cond) throw new Error(message); };
const nodes = async () => Number(await page.getAttribute('#graph-status', 'data-nodes'));

async function login() {
  await page.goto(`${base}/explore/`);
  expect((await page.title()).includes('图谱浏览'), `the page opens in Chinese, title was ${await page.title()}`);
  await page.fill('#credential', credential);
  if (process.env.EXPLORER_PURPOSE) await page.fill('#purpose', process.env.EXPLORER_PURPOSE);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#workspace:not([hidden])');
}

/** Searches a text and waits for the search to finish; returns the hits' [type, key] pairs. */
async function search(text) {
  await page.fill('#search', text);
  await page.click('#search-form button[type=submit]');
  await page.waitForFunction(() => !/…|\.\.\./.test(document.querySelector('#search-status').textContent)
    && document.querySelector('#search-status').textContent !== '');
  return page.$$eval('#results li.hit', (lis) => lis.map((li) => [li.dataset.type, li.dataset.key]));
}

async function expandAll(rel) {
  const before = await nodes();
  await page.click(`#expand-menu button.expand[data-rel="${rel}"]`);
  await page.waitForFunction((n) => Number(document.querySelector('#graph-status').dataset.nodes) > n, before);
  // the menu is drawn again once the page is in (the button disables at the click already): wait for that drawing
  await page.waitForSelector(`#expand-menu button.expand[data-rel="${rel}"][disabled]:not([data-loaded="0"])`);
}

async function analyst() {
  const idNumber = env('EXPLORER_ID_NUMBER');
  const caseNumber = env('EXPLORER_CASE_NUMBER');
  const person = `#results li.hit[data-type="Person"][data-key="${idNumber}"]`;
  await step('login', login);
  await step('search-full-width-id', async () => {
    await search(fullWidth(idNumber));
    await page.waitForSelector(person);
  });
  await step('open-person', async () => {
    await page.click(person);
    await page.waitForSelector('#details-body table.props');
    expect((await page.textContent('#details-body table.props')).includes(idNumber), `the details show the ID number ${idNumber}`);
    await page.waitForSelector('#graph-status[data-nodes="1"]');
  });
  for (const rel of ['household', 'vehicles']) await step(`expand-${rel}`, () => expandAll(rel));
  await step('value-provenance', async () => {
    await page.click('#details-body button.prov[data-field="name"]');
    const text = await page.textContent('#details-body tr.prov-row');
    expect(text.includes('hukou'), `the name's provenance names the household registry: ${text}`);
    expect(/\d{4}-\d{2}-\d{2}T/.test(text), `the provenance shows the ingestion time: ${text}`);
    expect(text.includes('派出所'), `the provenance shows the registry's department: ${text}`);
    await page.click('#sources-panel summary');
    const sources = await page.textContent('#sources-panel');
    for (const source of ['hukou', 'vehicles', 'hotline12345']) expect(sources.includes(source), `the source records name ${source}: ${sources}`);
  });
  await step('path-to-case', async () => {
    await page.click('#act-pathFrom');
    await page.waitForSelector('#canvas-wrap >> text=/路径起点/');
    const hits = await search(caseNumber);
    expect(hits.some(([type]) => type === 'Case'), `the case number ${caseNumber} finds the case: ${JSON.stringify(hits)}`);
    await page.click('#results li.hit[data-type="Case"]');
    await page.waitForSelector('#act-pathTo');
    await page.click('#act-pathTo');
    await page.waitForSelector('#graph-status[data-path]');
    result.pathLength = Number(await page.getAttribute('#graph-status', 'data-path'));
    expect(result.pathLength >= 1, 'the path has at least one relationship');
  });
  await step('timeline', async () => {
    await search(idNumber);
    await page.click(person);
    await page.waitForFunction((id) => document.querySelector('#details-body table.props')?.textContent.includes(id), idNumber);
    await page.click('#timeline-panel summary');
    await page.waitForSelector('#timeline-panel li .date');
    result.timeline = await page.$$eval('#timeline-panel li .date', (ds) => ds.map((d) => d.textContent));
    expect(result.timeline.length > 0, 'her timeline has events');
    expect([...result.timeline].sort().join() === result.timeline.join(), `the timeline is in date order: ${result.timeline}`);
  });
  await step('save-and-reopen-view', async () => {
    const count = await nodes();
    await page.fill('#view-name', 'e2e 走访');
    await page.click('#view-form button[type=submit]');
    await page.waitForSelector('#views li[data-view="e2e 走访"]');
    // the hub keeps the view without a personal value: refs, places and flags only
    const r = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...credentialHeaders(credential) },
      body: JSON.stringify({ query: '{ savedView(name: "e2e 走访") { state } }' }) });
    const state = (await r.json()).data.savedView.state;
    expect(!state.includes(idNumber) && !state.includes(caseNumber), `the saved view holds no ID number nor case number: ${state.slice(0, 300)}`);
    await page.reload();
    await page.waitForSelector('#views li[data-view="e2e 走访"]');
    expect(await nodes() === 0, 'a reloaded page starts empty');
    await page.click('#views li[data-view="e2e 走访"] button.link');
    await page.waitForFunction((n) => Number(document.querySelector('#graph-status').dataset.nodes) === n, count);
  });
  await step('export-csv', async () => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const text = readFileSync(await file.path(), 'utf8');
    expect(text.includes(idNumber), 'the CSV lists the person');
    expect(text.split('\r\n').length - 2 === await nodes(), 'one CSV row per visible node');
    result.csvRows = text.split('\r\n').length - 2;
  });
  await step('export-png', async () => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    const bytes = readFileSync(await file.path());
    expect(bytes.subarray(1, 4).toString() === 'PNG', 'the export is a PNG image');
    result.pngBytes = bytes.length;
  });
  await step('english', async () => {
    await page.click('#lang');
    await page.waitForFunction(() => document.title.includes('explorer'));
    await page.waitForFunction(() => /^\d+ nodes, \d+ relationships$/.test(document.querySelector('#graph-status').textContent));
  });
}

async function caseworker() {
  const idNumber = env('EXPLORER_ID_NUMBER');
  const other = env('EXPLORER_OTHER_ID_NUMBER');
  const masked = `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`;
  await step('login', login);
  await step('search-her-resident', async () => {
    const hits = await search(fullWidth(idNumber));
    expect(hits.some(([type, key]) => type === 'Person' && key === masked), `her resident is found, masked as ${masked}: ${JSON.stringify(hits)}`);
    expect(!JSON.stringify(hits).includes(idNumber), 'the clear ID number is not shown');
  });
  await step('open-masked', async () => {
    await page.click(`#results li.hit[data-type="Person"][data-key="${masked}"]`);
    await page.waitForSelector('#details-body table.props');
    const props = await page.textContent('#details-body table.props');
    expect(props.includes(masked) && !props.includes(idNumber), `the details show the ID number masked: ${props}`);
    expect(!(await page.content()).includes(idNumber), 'the clear ID number is nowhere in the page');
  });
  await step('expand-household', () => expandAll('household'));
  await step('other-community-not-found', async () => {
    const hits = await search(fullWidth(other));
    expect(!hits.some(([type]) => type === 'Person'), `a resident of another community is not found: ${JSON.stringify(hits)}`);
  });
}

async function supernode() {
  const name = env('EXPLORER_SUPERNODE');
  await step('login', login);
  await step('open-community', async () => {
    const hits = await search(name);
    expect(hits.some(([type]) => type === 'Community'), `the community ${name} is found: ${JSON.stringify(hits)}`);
    await page.click('#results li.hit[data-type="Community"]');
    await page.waitForSelector('#expand-menu button.expand[data-rel="addresses"]');
    result.total = Number(await page.getAttribute('#expand-menu button.expand[data-rel="addresses"]', 'data-total'));
    expect(result.total >= 5000, `the community has ${result.total} addresses`);
  });
  for (const pageNo of [1, 2, 3]) {
    await step(`page-${pageNo}`, async () => {
      await page.click('#expand-menu button.expand[data-rel="addresses"]');
      // the page answers while the hub pages the neighbourhood: the language switch works at once
      await page.click('#lang');
      await page.waitForFunction(() => document.documentElement.lang === 'en' || document.documentElement.lang === 'zh-CN');
      await page.waitForSelector(`#expand-menu button.expand[data-rel="addresses"][data-loaded="${20 * pageNo}"]`);
      expect(await nodes() === 1 + 20 * pageNo, `page ${pageNo} adds 20 nodes, not ${await nodes() - 1}`);
      const label = await page.textContent('#expand-menu button.expand[data-rel="addresses"]');
      expect(label.includes(`${20 * pageNo}`) && label.includes(result.total.toLocaleString('en')), `the button reads ${20 * pageNo} of ${result.total}: ${label}`);
    });
  }
  await step('map', async () => {
    await page.click('#map-toggle');
    await page.waitForSelector('#map-svg g.place circle');
    result.places = Number(await page.getAttribute('#map-status', 'data-places'));
    expect(result.places >= 1, 'the community, which has coordinates, is on the map');
    await page.click('#map-toggle');
  });
  await step('arrange', async () => {
    const shown = (n) => page.waitForFunction((k) => Number(document.querySelector('#graph-status').dataset.nodes) === k, n);
    const all = await nodes();
    await page.click('#type-filter input[value="Address"]'); // the type filter hides every address
    await shown(1);
    await page.click('#type-filter input[value="Address"]');
    await shown(all);
    await page.click('#act-hide'); // hide the community, then unhide all
    await shown(all - 1);
    await page.click('#show-all');
    await shown(all);
    await page.click('#act-pin');
    await page.waitForSelector('#act-unpin');
    await page.click('#act-collapse'); // the addresses expanded from it hang on it alone: they go
    await shown(1);
  });
}

try {
  page = await browser.newPage({ viewport: { width: 1400, height: 850 }, acceptDownloads: true });
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
  await { analyst, caseworker, supernode }[scenario]();
  expect(pageErrors.length === 0, `errors in the page: ${pageErrors.join('; ')}`);
  console.log(JSON.stringify({ scenario, steps, ...result, screenshots: shots }));
} catch (e) {
  if (page) await page.screenshot({ path: join(shots, `${scenario}-failed.png`) }).catch(() => {});
  console.error(`explorer e2e (${scenario}) failed after ${steps.map((s) => s.name).join(', ') || 'no step'}: ${e.message}`);
  if (pageErrors.length) console.error(`page errors: ${pageErrors.join('; ')}`);
  try { // what the explorer made of the schema, to tell a schema change from a UI fault
    const r = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...credentialHeaders(credential) },
      body: JSON.stringify({ query: INTROSPECTION }) });
    const body = await r.json();
    const model = graphModel(body.data.__schema);
    console.error(`node types: ${[...model.keys()].join(' ')}; Person: ${JSON.stringify(model.get('Person'))}`);
  } catch (d) {
    console.error(`no schema diagnosis: ${d}`);
  }
  process.exitCode = 1;
} finally {
  await browser.close();
}
