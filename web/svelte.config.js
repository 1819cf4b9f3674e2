// SvelteKit config for the web app. Built by `npm run build:web` into web/build (adapter-node),
// whose handler server/http/web.ts mounts beside /graphql on the API's port.
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    adapter: adapter({ out: 'build', precompress: true }),
    // The API server sets its own security headers for /graphql; pages get a strict CSP.
    csp: { mode: 'hash', directives: { 'default-src': ['self'], 'img-src': ['self', 'data:'], 'style-src': ['self', 'unsafe-inline'], 'object-src': ['none'], 'base-uri': ['self'], 'frame-ancestors': ['none'] } },
  },
};
