// Vite builds the staff web app (src/web) into dist/web, served by the server at /app/.
// Everything is bundled and content-hashed: the page loads nothing from another origin,
// and no inline script or style is emitted (the CSP allows only 'self').
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: `${repoRoot}src/web`,
  base: '/app/',
  publicDir: false,
  clearScreen: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    assetsDir: 'assets',
    // Source maps would publish the source tree layout; the code is open source anyway.
    sourcemap: false,
    // The polyfill would be injected as an inline script, which the CSP refuses.
    modulePreload: { polyfill: false },
    // Keep every asset a file: data: URLs would need img-src/font-src data:.
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    target: 'es2022',
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `vite` dev server: the API runs separately (npm start). Host is kept, so the
    // server's same-origin check sees matching Host and Origin headers.
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
