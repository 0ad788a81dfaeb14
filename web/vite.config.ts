import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server's Content-Security-Policy forbids inline scripts, so the build
// must not inject the module-preload polyfill (an inline script).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    modulePreload: { polyfill: false },
    sourcemap: false,
    assetsInlineLimit: 0,
    // ECharts (the analysis page only) is one lazily loaded chunk of ~570 kB.
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
      '/readyz': 'http://127.0.0.1:8080',
    },
  },
});
