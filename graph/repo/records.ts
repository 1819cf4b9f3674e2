/** The store's record shapes live in the model (graph/model/records.ts); re-exported for the repositories. */
export type * from '../model/records.js';
