// Vite build of the jixiao web UI. `base: '/'` because `jixiao serve` serves it at the root;
// during `npx vite` development, /api is proxied to a running `jixiao serve --port 8080`.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [vue()],
  base: '/',
  build: { chunkSizeWarningLimit: 2000, sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
