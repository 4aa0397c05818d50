import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The operator UI. In development the API runs on :3000 (npm start at the root);
// in production the Node server serves web/dist at / with an SPA fallback to index.html.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
});
