/**
 * The inode of an fd link of the common form `socket:[N]` (N decimal without leading zero, at
 * most 14 digits, the link at least 11 bytes long as 2.10 requires), else -1: the fast path of
 * `socketInodeOfLink` (process-map.ts). Self-contained (no outside names): the `-p` helper
 * thread's code embeds its text, so both threads read links by one rule.
 */
export function plainSocketInode(link: string): number {
  const n = link.length;
  if (n < 11 || n >= 24 || !link.startsWith('socket:[') || link.charCodeAt(n - 1) !== 93) return -1;
  const first = link.charCodeAt(8);
  if (first < 49 || first > 57) return -1;
  let v = 0;
  for (let i = 8; i < n - 1; i++) {
    const d = link.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}
