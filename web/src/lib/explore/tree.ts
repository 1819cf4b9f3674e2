/** Target groups and districts as trees for the filter panel (the API gives flat lists with a parent). */
export interface TreeNode<T> {
  item: T;
  children: TreeNode<T>[];
}

export function buildTree<T extends { id: string }>(items: readonly T[], parentOf: (item: T) => string | null | undefined, compare: (a: T, b: T) => number): TreeNode<T>[] {
  const nodes = new Map(items.map((item) => [item.id, { item, children: [] as TreeNode<T>[] }]));
  const roots: TreeNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = parentOf(node.item);
    const p = parent ? nodes.get(parent) : undefined;
    if (p && p !== node) p.children.push(node);
    else roots.push(node);
  }
  const sort = (list: TreeNode<T>[]) => {
    list.sort((a, b) => compare(a.item, b.item));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** Whether a node or one of its descendants is among the selected ids (to open its group). */
export function containsSelected<T extends { id: string }>(node: TreeNode<T>, selected: ReadonlySet<string>): boolean {
  return selected.has(node.item.id) || node.children.some((c) => containsSelected(c, selected));
}
