/**
 * Zoom and pan that fit the nodes (centre x, y and diameter) into a width × height viewport: what
 * cytoscape's `fit` does, without its bounding box of every element and label.
 */
export function fitViewport(nodes: readonly { x: number; y: number; diameter: number }[], width: number, height: number, padding: number, minZoom: number, maxZoom: number): { zoom: number; pan: { x: number; y: number } } {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const n of nodes) {
    const r = n.diameter / 2;
    minX = Math.min(minX, n.x - r);
    maxX = Math.max(maxX, n.x + r);
    minY = Math.min(minY, n.y - r);
    maxY = Math.max(maxY, n.y + r);
  }
  if (!(maxX >= minX)) return { zoom: 1, pan: { x: width / 2, y: height / 2 } };
  const zoom = Math.min(maxZoom, Math.max(minZoom, Math.min((width - 2 * padding) / Math.max(1, maxX - minX), (height - 2 * padding) / Math.max(1, maxY - minY))));
  return { zoom, pan: { x: width / 2 - zoom * ((minX + maxX) / 2), y: height / 2 - zoom * ((minY + maxY) / 2) } };
}
