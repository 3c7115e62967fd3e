import { rm } from 'node:fs/promises';

export default async function globalTeardown() {
  const stack = globalThis.__FOLIO_STUDIO_E2E__;
  if (!stack) return;
  await Promise.all(
    stack.children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
  await stack.postgres?.stop();
  if (stack.parent) await rm(stack.parent, { recursive: true, force: true });
}
