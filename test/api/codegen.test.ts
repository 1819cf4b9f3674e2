/** The generated GraphQL types are what `npm run codegen` makes from the schema today, and the copy-paste check leaves them out. */
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

  it('are left out of the copy-paste check (.jscpd.json), which would otherwise count their repetition as duplication', () => {
    const ignore = (JSON.parse(fs.readFileSync('.jscpd.json', 'utf8')) as { ignore: string[] }).ignore;
    const outputs = Object.keys(config.generates);
    expect(outputs.length).toBeGreaterThan(0);
    for (const file of outputs) {
      const covered = ignore.some((glob) => glob === file || (glob.endsWith('/**') && file.startsWith(glob.slice(0, -2))));
      expect(covered, `${file} is not in .jscpd.json's ignore`).toBe(true);
    }
  });
});
