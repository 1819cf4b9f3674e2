/**
 * Discarding an embedded store (a test's temporary store) skips the checkpoint at close but loses
 * nothing committed: the write-ahead log is still there, and opening the directory replays it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../graph/engines/embedded.js';
import { applySchema } from '../../graph/schema/apply.js';
import { meta } from '../../graph/cypher/statements/meta.js';

describe('embedded store discarded', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-discard-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('closes without a checkpoint, and a reopening still reads every committed write', async () => {
    const engine = await EmbeddedEngine.open({ dataDir: dir, bufferPoolBytes: 64 * 1024 ** 2 });
    await applySchema(engine);
    await engine.write((tx) => tx.run(meta.setSchemaVersion, { version: 41, now: Date.now() }));
    await engine.discard();
    await expect(engine.read((tx) => tx.run(meta.schemaVersion, {}))).rejects.toThrow(/closed/);
    await engine.discard();
    const again = await EmbeddedEngine.open({ dataDir: dir, bufferPoolBytes: 64 * 1024 ** 2 });
    try {
      expect((await again.read((tx) => tx.run(meta.schemaVersion, {})))[0]?.version).toBe(41);
    } finally {
      await again.close();
    }
  });
});
