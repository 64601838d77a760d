/**
 * `--compare OTHER`: what changed between two systems. Each side is read with the JSON pipeline
 * (sockets `-tuwxan`, routes `-rn -A inet,inet6`, interfaces `-ian`), its rows are reduced to a
 * key (what identifies the thing) and a value (what may change about it), and the two maps are
 * compared. OTHER is the "before" side: a snapshot root, or `netns:SPEC`; the current side is the
 * live system, `--root DIR` or `--netns SPEC`. Status as diff(1): 0 equal, 1 different, 2 trouble.
 */
import { CollectingSink, type Host } from '@netstat-ts/core';
import type { RunPlan } from '@netstat-ts/core/args';
import type { Io } from './main.js';

/** One side of a comparison: how to read it, and what to call it. */
export interface Side {
  label: string;
  /** Arguments that select it (`--root X`, `--netns Y`). */
  args: string[];
}

/** A thing present on one side only, or on both with another value. */
export interface Change {
  key: string;
  before?: string;
  after?: string;
}

/** The differences of one kind of thing. */
export interface CompareSection {
  kind: 'sockets' | 'listening' | 'routes' | 'interfaces';
  title: string;
  appeared: Change[];
  disappeared: Change[];
  changed: Change[];
}

type Row = Record<string, unknown>;
type Facts = Map<string, string>;

const ep = (e: unknown) => {
  const x = e as { address?: string; port?: number };
  return x.address?.includes(':') ? `[${x.address}]:${x.port}` : `${x.address}:${x.port}`;
};

/** Reduces the tables of one side to key -> value maps, per kind. */
export function factsOf(
  tables: { kind: string; family: string; name: string; rows: Row[] }[],
): Record<CompareSection['kind'], Facts> {
  const f = { sockets: new Map(), listening: new Map(), routes: new Map(), interfaces: new Map() } as Record<
    CompareSection['kind'],
    Facts
  >;
  for (const t of tables) {
    for (const r of t.rows) {
      if (t.kind === 'sockets' && t.family === 'unix') {
        const path = r.path as string | undefined;
        if (!path) continue; // unnamed sockets have no identity across snapshots
        const key = `unix ${r.typeName} ${path}`;
        const state = String(r.stateName ?? r.state);
        // several sockets can share a path (the listener and its accepted peers): count them
        const prev = f.sockets.get(key);
        f.sockets.set(key, prev ? `${prev}, ${state}` : state);
        if (state === 'LISTENING') f.listening.set(`unix ${r.typeName} ${path}`, 'LISTENING');
      } else if (t.kind === 'sockets' && typeof r.proto === 'string' && r.local) {
        const remote = r.remote as { address?: string; port?: number };
        const key = `${r.proto} ${ep(r.local)} ${ep(remote)}`;
        const state = String(r.state ?? '');
        f.sockets.set(key, state || '-');
        const wildcard = remote.port === 0 && /^(0\.0\.0\.0|::)$/.test(remote.address ?? '');
        if (state === 'LISTEN' || (wildcard && !r.proto.startsWith('tcp') && state !== 'ESTABLISHED'))
          f.listening.set(`${r.proto} ${ep(r.local)}`, state || 'open');
      } else if (t.kind === 'routes' && t.name === 'route') {
        const key = `${r.destination}/${r.genmask} dev ${r.iface} metric ${r.metric}`;
        f.routes.set(key, `via ${r.gateway} flags ${r.flags}`);
      } else if (t.kind === 'routes' && t.name === 'ipv6_route') {
        const key = `${r.destination}/${r.prefixLength} dev ${r.iface} metric ${r.metric}`;
        f.routes.set(key, `via ${r.nextHop} flags ${r.flags}`);
      } else if (t.kind === 'interfaces') {
        const v4 = ((r.ipv4 as Row[]) ?? []).map((a) => `${a.local}/${a.prefixlen}`);
        const v6 = ((r.ipv6 as Row[]) ?? []).map((a) => `${a.address}/${a.prefixlen}`);
        const parts = [`mtu ${r.mtu}`, `flags ${r.flags}`];
        if (r.hwaddr) parts.push(`hwaddr ${r.hwaddr}`);
        if (v4.length + v6.length > 0) parts.push(`addr ${[...v4, ...v6].join(' ')}`);
        f.interfaces.set(String(r.name), parts.join('; '));
      }
    }
  }
  return f;
}

const TITLES: Record<CompareSection['kind'], string> = {
  sockets: 'Sockets',
  listening: 'Listening ports',
  routes: 'Routes',
  interfaces: 'Interfaces',
};

/** Compares two sides' facts: `before` is OTHER, `after` the system read. */
export function compareFacts(
  before: Record<CompareSection['kind'], Facts>,
  after: Record<CompareSection['kind'], Facts>,
): CompareSection[] {
  return (Object.keys(TITLES) as CompareSection['kind'][]).map((kind) => {
    const b = before[kind];
    const a = after[kind];
    const s: CompareSection = { kind, title: TITLES[kind], appeared: [], disappeared: [], changed: [] };
    for (const key of [...new Set([...b.keys(), ...a.keys()])].sort()) {
      const x = b.get(key);
      const y = a.get(key);
      if (x === undefined) s.appeared.push({ key, after: y! });
      else if (y === undefined) s.disappeared.push({ key, before: x });
      else if (x !== y) s.changed.push({ key, before: x, after: y });
    }
    return s;
  });
}

/** The text report: `diff`-like, `+` appeared, `-` disappeared, `~` changed (before -> after). */
export function renderCompare(before: Side, after: Side, sections: CompareSection[]): string {
  let out = `--- ${before.label}\n+++ ${after.label}\n`;
  let any = false;
  for (const s of sections) {
    const n = s.appeared.length + s.disappeared.length + s.changed.length;
    if (n === 0) continue;
    any = true;
    out += `${s.title}: ${s.appeared.length} appeared, ${s.disappeared.length} disappeared, ${s.changed.length} changed\n`;
    for (const c of s.disappeared) out += `- ${c.key}  ${c.before}\n`;
    for (const c of s.appeared) out += `+ ${c.key}  ${c.after}\n`;
    for (const c of s.changed) {
      // values are `; `-separated facts: show only those that differ
      const x = c.before!.split('; ');
      const y = c.after!.split('; ');
      const gone = x.filter((v) => !y.includes(v));
      const came = y.filter((v) => !x.includes(v));
      out += `~ ${c.key}  ${gone.join('; ') || '(nothing)'} -> ${came.join('; ') || '(nothing)'}\n`;
    }
  }
  if (!any) out += 'No differences in sockets, listening ports, routes or interfaces.\n';
  return out;
}

/** Parses OTHER: `netns:SPEC` or a directory. */
export function otherSide(spec: string): Side {
  if (spec.startsWith('netns:'))
    return { label: `network namespace ${spec.slice(6)}`, args: ['--netns', spec.slice(6)] };
  return { label: spec, args: ['--root', spec] };
}

const READS: [string, string[]][] = [
  ['sockets', ['-tuwxan']],
  ['routes', ['-rn', '-A', 'inet,inet6']],
  ['interfaces', ['-ian']],
];

async function readSide(side: Side, io: Io, run: typeof import('./main.js').main) {
  const tables: { kind: string; family: string; name: string; rows: Row[] }[] = [];
  const problems: string[] = [];
  for (const [what, args] of READS) {
    const stdout = new CollectingSink();
    const stderr = new CollectingSink();
    const env = { ...io.env, NETSTAT_ROOT: undefined };
    const status = await run(['--json', ...side.args, ...args], { ...io, stdout, stderr, env });
    const text = stdout.text();
    if (!text) {
      problems.push(`${side.label}: cannot read ${what}: ${stderr.text().trim() || `status ${status}`}`);
      continue;
    }
    const doc = JSON.parse(Buffer.from(text, 'latin1').toString('utf8')) as { tables: typeof tables };
    tables.push(...doc.tables);
  }
  return { tables, problems };
}

/** Runs `--compare`: reads both sides, prints the differences, returns 0, 1 or 2. */
export async function runCompare(plan: RunPlan, host: Host, io: Io): Promise<number> {
  const err = (s: string) => io.stderr.write(Buffer.from(s, 'utf8'));
  const before = otherSide(plan.compare!);
  const after: Side = plan.netns
    ? { label: `network namespace ${plan.netns}`, args: ['--netns', plan.netns] }
    : host.isLive
      ? { label: 'live system', args: [] }
      : { label: host.roots.root, args: ['--root', host.roots.root] };
  const { main } = await import('./main.js');
  const b = await readSide(before, io, main);
  const a = await readSide(after, io, main);
  for (const p of [...b.problems, ...a.problems]) err(`netstat: --compare: ${p}\n`);
  if (b.tables.length === 0 || a.tables.length === 0) return 2;
  const sections = compareFacts(factsOf(b.tables), factsOf(a.tables));
  const different = sections.some((s) => s.appeared.length + s.disappeared.length + s.changed.length > 0);
  if (plan.json) {
    const doc = {
      schema: 'netstat-ts/compare-v1',
      before: before.label,
      after: after.label,
      equal: !different,
      sections,
    };
    io.stdout.write(Buffer.from(`${JSON.stringify(doc)}\n`, 'utf8'));
  } else {
    io.stdout.write(Buffer.from(renderCompare(before, after, sections), 'utf8'));
  }
  return different ? 1 : 0;
}
