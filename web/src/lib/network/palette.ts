/** Community colours: Okabe–Ito and Tol's palettes, distinguishable with colour blindness; grey for none. */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#882255', '#44AA99', '#999933', '#AA4499', '#332288', '#117733'];
export const NO_COMMUNITY = '#9a9a9a';

export function communityColour(id: number | null | undefined): string {
  return id === null || id === undefined ? NO_COMMUNITY : COLOURS[Math.abs(id) % COLOURS.length]!;
}
