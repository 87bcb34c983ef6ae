import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { webMethodsPlugin } from './src/dashboard/build/web-methods-plugin';

// The staff dashboard page as this server serves it at /dashboard (the Wix CLI builds the same page for Wix).
export default defineConfig({
  root: resolve(import.meta.dirname, 'src/dashboard/local'),
  base: '/dashboard/',
  logLevel: 'warn',
  plugins: [
    webMethodsPlugin({ client: resolve(import.meta.dirname, 'src/dashboard/local/web-method-client.ts') }),
    react(),
  ],
  build: {
    outDir: resolve(import.meta.dirname, 'build/dashboard'),
    emptyOutDir: true,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 5000,
  },
});
