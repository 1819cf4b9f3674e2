/** The generated GraphQL types are what `npm run codegen` makes from the schema today. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate } from '@graphql-codegen/cli';
import config from '../../schema/codegen.js';

describe('generated GraphQL types', () => {
  it('are up to date with schema/*.graphql (run `npm run codegen` after changing the schema)', async () => {
    const outputs = (await generate({ ...config, silent: true }, false)) as { filename: string; content: string }[];
    expect(outputs.length).toBeGreaterThan(0);
    for (const { filename, content } of outputs) {
      expect(fs.readFileSync(filename, 'utf8'), filename).toBe(content);
    }
  });
});
