/**
 * Export of the network as the page shows it: PNG (cytoscape's own `png`), SVG (written here from
 * the drawn elements: positions, sizes, colours and line widths as cytoscape draws them; the SVG
 * extension for cytoscape is GPL, this app is MIT) and GraphML (the view's organisations and edges
 * with their attributes, for Gephi, yEd or Cytoscape desktop).
 */
import type { Core } from 'cytoscape';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** The elements still visible (not filtered out by a highlight), as an SVG document. */
export function toSvg(cy: Core): string {
  const nodes = cy.nodes().filter((n) => n.visible());
  const box = nodes.boundingBox({ includeLabels: true });
  const pad = 10;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${box.x1 - pad} ${box.y1 - pad} ${box.w + 2 * pad} ${box.h + 2 * pad}" width="${Math.round(box.w + 2 * pad)}" height="${Math.round(box.h + 2 * pad)}" font-family="sans-serif">`);
  parts.push(`<rect x="${box.x1 - pad}" y="${box.y1 - pad}" width="${box.w + 2 * pad}" height="${box.h + 2 * pad}" fill="#ffffff"/>`);
  cy.edges().forEach((e) => {
    if (!e.visible()) return;
    const s = e.source().position();
    const t = e.target().position();
    const dashed = e.data('kind') === 'overlap' ? ' stroke-dasharray="6 3"' : '';
    parts.push(`<line x1="${s.x}" y1="${s.y}" x2="${t.x}" y2="${t.y}" stroke="${xml(String(e.style('line-color')))}" stroke-width="${e.data('width') as number}" stroke-opacity="${e.style('opacity')}"${dashed}/>`);
  });
  nodes.forEach((n) => {
    const p = n.position();
    parts.push(`<circle cx="${p.x}" cy="${p.y}" r="${(n.data('size') as number) / 2}" fill="${xml(String(n.data('colour')))}" stroke="#ffffff" fill-opacity="${n.style('opacity')}"><title>${xml(String(n.data('name')))}</title></circle>`);
    parts.push(`<text x="${p.x}" y="${p.y + (n.data('size') as number) / 2 + 12}" font-size="10" text-anchor="middle" fill="#1a1a1a">${xml(String(n.data('label')))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export interface GraphmlView {
  nodes: readonly { id: string; name: string; communityId: number | null; betweenness: number; collaborationCount: number }[];
  edges: readonly { source: string; target: string; score: number; kind: string }[];
}

/** The view as GraphML, attributes declared by <key>. */
export function toGraphml(view: GraphmlView): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
    '  <key id="community" for="node" attr.name="community" attr.type="int"/>',
    '  <key id="bridge" for="node" attr.name="betweenness" attr.type="double"/>',
    '  <key id="collaborations" for="node" attr.name="collaborations" attr.type="int"/>',
    '  <key id="score" for="edge" attr.name="overlap" attr.type="double"/>',
    '  <key id="kind" for="edge" attr.name="kind" attr.type="string"/>',
    '  <graph id="overlap-network" edgedefault="undirected">',
  ];
  for (const n of view.nodes) {
    lines.push(`    <node id="${xml(n.id)}"><data key="name">${xml(n.name)}</data>${n.communityId === null ? '' : `<data key="community">${n.communityId}</data>`}<data key="bridge">${n.betweenness}</data><data key="collaborations">${n.collaborationCount}</data></node>`);
  }
  view.edges.forEach((e, i) => lines.push(`    <edge id="e${i}" source="${xml(e.source)}" target="${xml(e.target)}"><data key="score">${e.score}</data><data key="kind">${xml(e.kind)}</data></edge>`));
  lines.push('  </graph>', '</graphml>');
  return lines.join('\n');
}

/** Offers a file to save. */
export function download(name: string, data: Blob | string, type: string): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
