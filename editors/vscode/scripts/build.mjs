// Bundles the extension (and, with --tests, the unit tests) with esbuild.
//
//   node scripts/build.mjs               dist/extension.js with source maps
//   node scripts/build.mjs --production  dist/extension.js minified, no source maps (for the .vsix)
//   node scripts/build.mjs --tests       out/test/*.test.js, run by `node --test out/test/`
//
// `vscode` is provided by the editor at run time, so it is never bundled.
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
  absWorkingDir: root,
};

if (args.has('--tests')) {
  const outdir = join(root, 'out', 'test');
  rmSync(outdir, { recursive: true, force: true });
  const entryPoints = readdirSync(join(root, 'test'))
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => join('test', name));
  if (entryPoints.length === 0) {
    throw new Error('no test files in test/');
  }
  await esbuild.build({ ...common, entryPoints, outdir, sourcemap: 'inline' });
} else {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  await esbuild.build({
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: join(root, 'dist', 'extension.js'),
    minify: production,
    sourcemap: !production,
  });
}
