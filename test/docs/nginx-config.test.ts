/** The nginx configuration the README shows is the file the cluster tests run, letter for letter. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the README’s nginx configuration', () => {
  it('is deploy/nginx.conf.template', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const block = /^```nginx\n([\s\S]*?)^```$/m.exec(readme);
    expect(block, 'README.md has an ```nginx block').not.toBeNull();
    expect(block![1]).toBe(fs.readFileSync(path.join(ROOT, 'deploy/nginx.conf.template'), 'utf8'));
  });
});
