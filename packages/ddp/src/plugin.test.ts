import { ChunkedOutput, CollectingSink, createContext } from '@netstat-ts/core';
import { makeRoot, pluginContract } from '@netstat-ts/core/testing';
import { describe, expect, it } from 'vitest';
import plugin from './plugin.js';

pluginContract({
  plugin,
  routeFamily: 'ddp',
  malformed: { '/proc/net/atalk_route': 'Target Router Flags Dev\na b notanumber d\nleft over\n' },
});

async function run(files: Record<string, string>, family = 'ddp') {
  const ctx = createContext({ root: makeRoot(files) });
  const o = new CollectingSink();
  const e = new CollectingSink();
  const out = new ChunkedOutput(o, e);
  const sections = await plugin.routes!(ctx, family);
  for (const s of sections) s.write(out);
  out.flush();
  return { stdout: o.text(), stderr: e.text(), status: sections.at(-1)?.status ?? 0, sections };
}

describe('ddp plugin', () => {
  it('has the family, its alias and no socket listing', () => {
    expect(plugin.families).toEqual({ ddp: { title: 'Appletalk DDP', aliases: ['appletalk'] } });
    expect(plugin.sockets).toBeUndefined();
  });

  it('missing file: two stderr lines, status 1', async () => {
    expect(await run({})).toMatchObject({
      stdout: '',
      stderr:
        'Error opening /proc/net/atalk_route: No such file or directory\nDDP (AppleTalk) not configured on this system.\n',
      status: 1,
    });
  });

  it('prints the header and rows; appletalk is the same family', async () => {
    const r = await run(
      { '/proc/net/atalk_route': 'Target Router Flags Dev\nDefault FF00:01 515 eth1\n' },
      'appletalk',
    );
    expect(r.stdout).toBe(
      'Destination     Gateway         Device          Flags\nDefault         FF00:01         eth1            UG!\n',
    );
    expect(r.status).toBe(0);
  });

  it('a directory or an empty file (2.10 crashes): header only', async () => {
    const trees: Record<string, string>[] = [
      { '/proc/net/atalk_route/x': '' },
      { '/proc/net/atalk_route': '' },
    ];
    for (const files of trees) {
      const r = await run(files);
      expect(r).toMatchObject({
        stdout: 'Destination     Gateway         Device          Flags\n',
        status: 0,
      });
      expect(r.sections[0]!.table!.diagnostics[0]!.message).toContain('crashes');
    }
  });

  it('answers only for ddp', async () => {
    expect((await run({}, 'ipx')).sections).toEqual([]);
  });
});
