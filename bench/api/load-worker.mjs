// The HTTP load of `npm run bench:api`, in a worker thread so that autocannon's clients use the
// other core and do not share the server's event loop. Plain JavaScript: workers load it as is.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

const { url, connections, duration, bodies } = workerData;
let i = 0;
let bad = 0;
const times = [];
const instance = autocannon(
  {
    url,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] }),
      },
    ],
    verifyBody: (b) => {
      const ok = b !== undefined && !String(b).includes('"errors"');
      if (!ok) bad++;
      return ok;
    },
  },
  (error, result) => {
    if (error) parentPort.postMessage({ error: String(error) });
    else parentPort.postMessage({ times, errors: bad + result.non2xx + result.errors + result.timeouts });
  },
);
instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
