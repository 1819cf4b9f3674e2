// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
      /** A message key of $lib/i18n, so the error page can say what to do in the page's language. */
      kind?: 'notFound' | 'api' | 'badInput' | 'tooBroad';
    }
  }
}

export {};
