/**
 * Rows the import file generator (bench/import/generate.ts) does not write, added by the import
 * tests: two names like the seed's (no organisation number, so matches are proposed, not applied)
 * and one row with an unknown target group.
 */
export const SEED_LIKE_ROWS = [
  ['Stadsmissionen', '', 'Personer i hemlöshet', 'Södermalm', '', '', '', '', 'Stöd till hemlösa.'],
  ['Fralsningsarmén', '', 'Äldre', 'Kista', '', '', '', '', ''],
  ['Felradens förening', '', 'Marsianer', 'Kista', '', '', '', '', ''],
];
