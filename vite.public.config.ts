// Vite builds the script of the public report pages (src/public-js) into dist/public,
// served by the server at /public/ (src/server/modules/intake/public-script.routes.ts).
// The entry keeps a stable name, /public/report-form.js, because the server-rendered pages
// name it; the encryption module with libsodium is a content-hashed chunk beside it, loaded
// only when a reporter starts filling in a form. No inline script, nothing from elsewhere.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: `${repoRoot}src/public-js`,
  base: '/public/',
  publicDir: false,
  clearScreen: false,
  build: {
    outDir: `${repoRoot}dist/public`,
    emptyOutDir: true,
    sourcemap: false,
    // No preload helper: it would add <link> elements; the chunk is imported directly.
    modulePreload: false,
    assetsInlineLimit: 0,
    target: 'es2022',
    reportCompressedSize: true,
    // libsodium (sumo, with its WebAssembly inlined) is most of the encryption chunk.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      input: `${repoRoot}src/public-js/report-form.ts`,
      output: {
        format: 'es',
        entryFileNames: 'report-form.js',
        chunkFileNames: 'report-form/[name]-[hash].js',
        assetFileNames: 'report-form/[name]-[hash][extname]',
      },
    },
  },
});
