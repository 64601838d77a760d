/** Parses /etc/passwd into uid -> user name; the first entry for a uid wins, as getpwuid() answers. */
export function parsePasswd(text: string): Map<number, string> {
  const users = new Map<number, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) continue;
    const parts = line.split(':');
    if (parts.length < 3 || !/^\d+$/.test(parts[2]!)) continue;
    const uid = Number(parts[2]);
    if (!users.has(uid)) users.set(uid, parts[0]!);
  }
  return users;
}
