/**
 * The generated spreadsheet `npm run bench:import` and the import page's browser test upload:
 * `rows` organisations as Swedish Excel saves them (Windows-1252, `;`, CRLF, quoted multi-line
 * descriptions), with target groups, districts, an agreement and a collaboration each; one row in
 * ten has no organisation number, so name matching runs.
 */

/** A valid Swedish organisation number (Luhn check digit) for a serial. */
export function orgNumber(serial: number): string {
  const nine = `802${String(serial).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return `${nine.slice(0, 6)}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`;
}

const TARGET_GROUPS = ['Äldre', 'Barn och unga', 'Personer i hemlöshet', 'Nyanlända', 'Våldsutsatta kvinnor och flickor', 'Anhöriga och närstående', 'Personer med psykisk ohälsa'];
const DISTRICTS = ['Kista', 'Rinkeby', 'Skärholmen', 'Södermalm', 'Farsta', 'Hässelby gård', 'Bromma kyrka', 'Östermalm', 'Hägersten', 'Husby'];
const WORDS = ['Väntjänst', 'Läxhjälp', 'Kvinnojour', 'Idrottsförening', 'Kulturförening', 'Pensionärsförening', 'Stödförening', 'Ungdomsgård'];

/** `extraRows`: further rows (cells of the same nine columns) after the generated ones, e.g. names that match the seed. */
export function buildImportFile(rows: number, options: { extraRows?: readonly (readonly string[])[] } = {}): Uint8Array {
  const lines = ['Föreningens namn;Organisationsnummer;Målgrupper;Stadsdelar;Överenskommelse;Avtalstyp;Samverkan;Webbplats;Beskrivning'];
  for (let i = 0; i < rows; i++) {
    const name = `${DISTRICTS[i % DISTRICTS.length]}s ${WORDS[i % WORDS.length]} nr ${i}`;
    const number = i % 10 === 0 ? '' : orgNumber(100_000 + i);
    const tgs = `${TARGET_GROUPS[i % TARGET_GROUPS.length]}, ${TARGET_GROUPS[(i + 3) % TARGET_GROUPS.length]}`;
    const ds = `${DISTRICTS[i % DISTRICTS.length]}; ${DISTRICTS[(i + 1) % DISTRICTS.length]}`;
    const agreement = `Föreningsbidrag 2026 ${DISTRICTS[i % DISTRICTS.length]}`;
    const collab = `Nätverket ${WORDS[i % WORDS.length]}`;
    lines.push(`${name};${number};"${tgs}";"${ds}";${agreement};bidrag;${collab};https://forening${i}.example.se;"Verksamhet för ${TARGET_GROUPS[i % TARGET_GROUPS.length]!.toLowerCase()}.\r\nÖppet alla vardagar."`);
  }
  for (const cells of options.extraRows ?? []) lines.push(cells.map((c) => (/[;"\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(';'));
  // latin1 is Windows-1252 for every character used here (no € or curly quotes).
  return new Uint8Array(Buffer.from(lines.join('\r\n') + '\r\n', 'latin1'));
}
