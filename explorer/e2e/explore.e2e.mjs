// End-to-end test of the graph explorer in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core).
// Run by app's ExplorerBrowserTest against a hub with generated data:
//   node e2e/explore.e2e.mjs <hub base URL> <credential> <18-digit ID number of a resident> <screenshot folder>
// The credential and ID number may instead come from EXPLORER_CREDENTIAL / EXPLORER_ID_NUMBER (kept out of `ps`).
// Steps: log in; search the ID number written with full-width digits; open the person; expand household and
// vehicles; open the source records (provenance); switch to English. A screenshot after each step. Exit 0 and a JSON
// line {"steps": [...]} on success; exit 1 with the failed step on stderr (and a screenshot "failed.png").
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { graphModel, INTROSPECTION, credentialHeaders } from '../src/graphql.js';

const [base, argCredential, argId, shots = 'target/explorer-screenshots'] = process.argv.slice(2);
const credential = process.env.EXPLORER_CREDENTIAL ?? argCredential;
const idNumber = process.env.EXPLORER_ID_NUMBER ?? argId;
if (!base || !credential || !idNumber) {
  console.error('usage: node e2e/explore.e2e.mjs <base URL> <credential> <ID number> [screenshot folder]');
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
let page;
async function step(name, body) {
  const started = Date.now();
  await body();
  await page.screenshot({ path: join(shots, `${String(steps.length + 1).padStart(2, '0')}-${name}.png`) });
  steps.push({ name, ms: Date.now() - started });
}
const expect = (cond, message) => { if (!cond) throw new Error(message); };
try {
  page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });

  await step('login', async () => {
    await page.goto(`${base}/explore/`);
    expect((await page.title()).includes('图谱浏览'), `the page opens in Chinese, title was ${await page.title()}`);
    await page.fill('#credential', credential);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#workspace:not([hidden])');
  });

  const typed = fullWidth(idNumber);
  await step('search-full-width-id', async () => {
    await page.fill('#search', typed);
    await page.click('#search-form button[type=submit]');
    await page.waitForSelector(`#results li.hit[data-type="Person"][data-key="${idNumber}"]`);
  });

  await step('open-person', async () => {
    await page.click(`#results li.hit[data-type="Person"][data-key="${idNumber}"]`);
    await page.waitForSelector('#details-body table.props');
    const props = await page.textContent('#details-body table.props');
    expect(props.includes(idNumber), `the details show the ID number ${idNumber}`);
    await page.waitForSelector('#graph-status[data-nodes="1"]');
  });

  for (const rel of ['household', 'vehicles']) {
    await step(`expand-${rel}`, async () => {
      const before = Number(await page.getAttribute('#graph-status', 'data-nodes'));
      await page.click(`#expand-menu button.expand[data-rel="${rel}"]`);
      await page.waitForFunction((n) => Number(document.querySelector('#graph-status').dataset.nodes) > n, before);
      await page.waitForSelector(`#expand-menu button.expand[data-rel="${rel}"][disabled]`);
    });
  }

  await step('open-provenance', async () => {
    await page.click('#sources-panel summary');
    const text = await page.textContent('#sources-panel');
    for (const source of ['hukou', 'vehicles', 'hotline12345']) {
      expect(text.includes(source), `the source records name ${source}: ${text}`);
    }
    expect(/\d{4}-\d{2}-\d{2}T/.test(text), 'the source records show their ingestion time');
  });

  await step('english', async () => {
    await page.click('#lang');
    await page.waitForFunction(() => document.title.includes('explorer'));
    await page.waitForSelector('#sources-panel summary >> text=Source records');
    await page.waitForFunction(() => /^\d+ nodes, \d+ relationships$/.test(document.querySelector('#graph-status').textContent));
  });

  expect(pageErrors.length === 0, `errors in the page: ${pageErrors.join('; ')}`);
  console.log(JSON.stringify({ steps, screenshots: shots }));
} catch (e) {
  if (page) await page.screenshot({ path: join(shots, 'failed.png') }).catch(() => {});
  console.error(`explorer e2e failed after ${steps.map((s) => s.name).join(', ') || 'no step'}: ${e.message}`);
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
