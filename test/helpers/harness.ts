/** The test harness in one import: stores on the engine under test, the running server, its client and accounts. */
export { TEST_ENGINE, tempStore, emptyStore, seededStore, type TempStore, type TestStore, type TestEngineKind } from './store.js';
export { serverForSuite, testServer, type TestServer, type TestServerOptions } from './server.js';
export { Client, type GraphQLResponse } from './client.js';
export { ACCOUNTS, PASSWORD, SYSTEM } from './accounts.js';
