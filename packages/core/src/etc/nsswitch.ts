import { configFields } from './lines.js';

/** Parses /etc/nsswitch.conf into database -> list of sources (`hosts` -> [`files`, `dns`]). */
export function parseNsswitch(text: string): Map<string, string[]> {
  const db = new Map<string, string[]>();
  for (const f of configFields(text)) {
    const name = f[0]!;
    if (!name.endsWith(':')) continue;
    db.set(
      name.slice(0, -1),
      f.slice(1).filter((s) => !s.startsWith('[')),
    );
  }
  return db;
}
