#!/usr/bin/env node
// Usage (in an image's deps stage, over turbo prune's out/json): node keep-production-workspaces.mjs <workspace name>
//
// turbo prune keeps every workspace the app needs to build and test, so the reader's pruned tree
// still holds the API (a dev dependency of its end-to-end tests), and npm ci --omit=dev installs
// the production dependencies of every workspace in a tree, whatever --workspace says. This keeps
// only the named workspace and the workspaces it depends on in production, and drops
// devDependencies from every manifest left; `npm install --omit=dev` then installs exactly those
// packages, at the versions in the lockfile.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const target = process.argv[2];
if (!target) {
  console.error('usage: keep-production-workspaces.mjs <workspace name>');
  process.exit(2);
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const lock = readJson('package-lock.json');
// The lockfile lists each workspace once, as "<folder>": { name, ... } beside its link.
const workspaces = new Map(
  Object.entries(lock.packages)
    .filter(([location, entry]) => location && !location.includes('node_modules') && entry.name)
    .map(([location, entry]) => [entry.name, location]),
);
if (!workspaces.has(target)) {
  console.error(`no workspace named ${target} (have: ${[...workspaces.keys()].join(', ')})`);
  process.exit(1);
}

const kept = new Set();
const visit = (name) => {
  if (kept.has(name) || !workspaces.has(name)) return;
  kept.add(name);
  const manifest = readJson(path.join(workspaces.get(name), 'package.json'));
  for (const dependency of Object.keys({
    ...manifest.dependencies,
    ...manifest.optionalDependencies,
  }))
    visit(dependency);
};
visit(target);

for (const [name, folder] of workspaces) {
  if (!kept.has(name)) {
    rmSync(folder, { recursive: true, force: true });
    continue;
  }
  const file = path.join(folder, 'package.json');
  const { devDependencies: _dev, ...manifest } = readJson(file);
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}
const { devDependencies: _rootDev, ...root } = readJson('package.json');
writeFileSync('package.json', `${JSON.stringify(root, null, 2)}\n`);
console.log(`production workspaces for ${target}: ${[...kept].join(', ')}`);
