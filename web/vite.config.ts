import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // Dependencies live in the repository root's node_modules.
  server: { fs: { allow: ['..'] } },
  build: { chunkSizeWarningLimit: 1024 },
});
