/**
 * `npm run export -- --format csv|json|graphml|hsds [--out file] [--target-group id]... [--district id]...
 *   [--agreement-kind KIND]... [--offers id]... [--needs id]... [--text words] [--include-wider]`
 *
 * Writes the organisations the filter selects (all without one) to a file, or to stdout.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { openStore } from '../../store.js';
import { loadView } from '../export/view.js';
import { EXPORT_FORMATS, filterFromParams, isExportFormat } from '../export/formats.js';
import { failWith, usage } from './common.js';

const HELP = `
usage: npm run export -- --format csv|json|graphml|hsds [--out file] [filters]
  filters: --target-group ID, --district ID, --agreement-kind COMPACT|IOP|GRANT|PROCUREMENT|OTHER,
           --offers ID, --needs ID (each repeatable), --text WORDS, --include-wider`;

const { values } = parseArgs({
  options: {
    format: { type: 'string', default: 'csv' },
    out: { type: 'string' },
    'target-group': { type: 'string', multiple: true, default: [] },
    district: { type: 'string', multiple: true, default: [] },
    'agreement-kind': { type: 'string', multiple: true, default: [] },
    offers: { type: 'string', multiple: true, default: [] },
    needs: { type: 'string', multiple: true, default: [] },
    text: { type: 'string' },
    'include-wider': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) usage(HELP);
if (!isExportFormat(values.format)) usage(`--format must be one of ${Object.keys(EXPORT_FORMATS).join(', ')}\n${HELP}`);
const format = values.format;

const params: Record<string, string[]> = {
  targetGroup: values['target-group'],
  district: values.district,
  agreementKind: values['agreement-kind'],
  offers: values.offers,
  needs: values.needs,
  text: values.text ? [values.text] : [],
  ...(values['include-wider'] ? { includeWider: ['true'] } : {}),
};
const store = await openStore();
try {
  const view = await loadView(store, filterFromParams((name) => params[name] ?? []));
  const body = EXPORT_FORMATS[format].write(view);
  if (values.out) {
    fs.writeFileSync(values.out, body);
    console.error(`exported ${view.organisations.length} organisations as ${format} to ${values.out} (${body.byteLength} bytes)`);
  } else process.stdout.write(body);
} catch (error) {
  await store.close();
  failWith(error);
}
await store.close();
