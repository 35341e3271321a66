/**
 * The name of the `index`th (1-based) member of a group of `count` — hosts and VMs alike: `web` ×3 → web-001 …
 * web-003. Zero-padded to at least three digits so that names sort in creation order.
 */
export function groupMemberName(prefix: string, index: number, count: number): string {
  return `${prefix}-${String(index).padStart(Math.max(3, String(count).length), '0')}`;
}

/** Whether `name` is a member of the group `prefix` ×`count` (without listing its members: groups can be huge). */
export function isGroupMember(name: string, prefix: string, count: number): boolean {
  if (!name.startsWith(`${prefix}-`)) return false;
  const index = Number(name.slice(prefix.length + 1));
  return Number.isInteger(index) && index >= 1 && index <= count && groupMemberName(prefix, index, count) === name;
}
