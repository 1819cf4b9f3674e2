/** A fresh embedded store in a temporary directory, with the schema applied. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedEngine } from '../../graph/engines/embedded.js';
import { applySchema } from '../../graph/schema/apply.js';
import type { EngineOptions } from '../../graph/engines/port.js';

export interface TempStore {
  engine: EmbeddedEngine;
  dir: string;
  cleanup(): Promise<void>;
}

export async function tempStore(options: EngineOptions & { readers?: number } = {}): Promise<TempStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-test-'));
  const engine = await EmbeddedEngine.open({ dataDir: dir, bufferPoolBytes: 256 * 1024 ** 2, ...options });
  await applySchema(engine);
  return {
    engine,
    dir,
    async cleanup() {
      await engine.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
