// The README's "may import" table (Layout), checked by `npm run lint:deps` (part of `npm test`).
// Every rule is an error; type-only imports count (tsPreCompilationDeps).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles anywhere, type-only imports included (a Svelte component may render itself: a tree).',
      from: { path: '(.+)' },
      to: { circular: true, pathNot: '^$1$' },
    },
    {
      name: 'graph-imports-nothing-above-it',
      severity: 'error',
      comment:
        'graph/ is the bottom layer: it imports nothing from seeds/, server/, web/, bench/, tools/, test/ or schema/.',
      from: { path: '^graph/' },
      to: { path: '^(seeds|server|web|bench|tools|test|schema)/' },
    },
    {
      name: 'model-imports-nothing',
      severity: 'error',
      comment: 'graph/model/ is the shared vocabulary: it imports nothing outside itself.',
      from: { path: '^graph/model/' },
      to: { path: '^(graph/(?!model/)|seeds|server|web|bench|tools|test|schema)' },
    },
    {
      name: 'statements-do-not-import-repositories',
      severity: 'error',
      comment:
        'Named Cypher statements sit below the repositories that run them: graph/cypher/ imports no graph/repo/, graph/readmodel/ or graph/io/.',
      from: { path: '^graph/cypher/' },
      to: { path: '^graph/(repo|io|readmodel/(?!statements\\.ts$))' },
    },
    {
      name: 'pure-layers-import-model-only',
      severity: 'error',
      comment:
        'graph/validation/, graph/lint/ and graph/analytics/ import the model (and graph/errors.ts), not the store, engines or repositories.',
      from: { path: '^graph/(validation|lint|analytics)/' },
      to: { path: '^graph/(repo|engines|readmodel|io|bulk|feed|search|schema|cypher)/|^graph/(store|projection-service|write-gate)\\.ts$' },
    },
    {
      name: 'filter-and-text-are-pure',
      severity: 'error',
      comment: 'graph/text/ (folding) and graph/filter/ (what a filter means) are pure: the model, validation, text and errors only.',
      from: { path: '^graph/(text|filter)/' },
      to: { path: '^graph/', pathNot: '^graph/(model|validation|text|filter)/|^graph/errors\\.ts$' },
    },
    {
      name: 'engines-below-repositories',
      severity: 'error',
      comment: 'graph/engines/, graph/schema/ and graph/bulk/ sit below the repositories, the read model and io.',
      from: { path: '^graph/(engines|schema|bulk)/' },
      to: { path: '^graph/(repo|readmodel|io|analytics|search)/|^graph/(store|projection-service)\\.ts$' },
    },
    {
      name: 'seeds-import-graph-only',
      severity: 'error',
      comment: 'seeds/ may import graph/, not server/, web/, bench/ or tools/.',
      from: { path: '^seeds/' },
      to: { path: '^(server|web|bench|tools|test)/' },
    },
    {
      name: 'schema-imports-nothing',
      severity: 'error',
      comment: 'schema/ is the GraphQL SDL and its codegen config.',
      from: { path: '^schema/' },
      to: { path: '^(graph|seeds|server|web|bench|tools|test)/' },
    },
    {
      name: 'server-does-not-import-web-bench-tools',
      severity: 'error',
      comment: 'server/ may import graph/ and seeds/; the web app is mounted through its build, never imported.',
      from: { path: '^server/' },
      to: { path: '^(web|bench|tools|test)/' },
    },
    {
      name: 'resolvers-are-adapters',
      severity: 'error',
      comment:
        'Resolvers and HTTP routes are the outermost adapters: only server/ wiring imports them; graph/ and seeds/ never do.',
      from: { path: '^(?!server/)', pathNot: '^(test|bench|tools)/' },
      to: { path: '^server/(graphql/resolvers|http)/' },
    },
    {
      name: 'web-talks-graphql-only',
      severity: 'error',
      comment: 'The web app reaches the API only over GraphQL: it imports nothing from graph/, server/ or seeds/.',
      from: { path: '^web/' },
      to: { path: '^(graph|server|seeds|bench|tools|test|schema)/' },
    },
    {
      name: 'routes-are-adapters',
      severity: 'error',
      comment: 'SvelteKit routes are adapters: nothing in web/src/lib imports a route.',
      from: { path: '^web/src/lib/' },
      to: { path: '^web/src/routes/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|data|web/build|web/\\.svelte-kit|generated)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.svelte', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
