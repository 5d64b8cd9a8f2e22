// Builds the explorer into the directory given as the first argument (default: dist/): bundles src/app.js with
// esbuild (Cytoscape.js included, one ES2020 file, minified) and copies the static files.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const out = resolve(process.argv[2] ?? 'dist');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ['src/app.js'],
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'esm',
  target: 'es2020',
  outfile: resolve(out, 'app.js'),
  logLevel: 'warning',
});
for (const f of ['index.html', 'style.css']) cpSync(resolve('src', f), resolve(out, f));
console.log(`explorer built into ${out}`);
