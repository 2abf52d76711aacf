#!/usr/bin/env node
// The CLI is written in TypeScript and run by Node's built-in type stripping (Node 24).
// npm puts the project's pinned Node (the `node` package) first on PATH for `npx qorgan`.
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  console.error(
    `qorgan needs Node.js 24 or newer (this is ${process.version}). ` +
      'Run it through npm (npx qorgan, npm start), which uses the Node pinned in the project.',
  );
  process.exit(1);
}
await import('../src/cli/main.ts');
