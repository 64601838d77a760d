/**
 * The only module that imports koffi (with import(), so nothing is loaded until a command needs
 * the kernel). It binds the few libc calls netstat-ts needs and hands them out as plain
 * functions; everything else in this package works on the {@link Libc} interface.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The libc calls the native layer uses (koffi-bound; buffers are passed as `void *`). */
export interface Libc {
  socket(domain: number, type: number, protocol: number): number;
  bind(fd: number, addr: Buffer, len: number): number;
  getsockname(fd: number, addr: Buffer, lenp: Buffer): number;
  setsockopt(fd: number, level: number, name: number, value: Buffer, len: number): number;
  send(fd: number, buf: Buffer, len: number, flags: number): number;
  recv(fd: number, buf: Buffer, len: number, flags: number): number;
  read(fd: number, buf: Buffer, len: number): number;
  write(fd: number, buf: Buffer, len: number): number;
  close(fd: number): number;
  eventfd(initval: number, flags: number): number;
  /** `poll(2)` on the calling thread (blocks it for up to `timeout` ms). */
  poll(fds: Buffer, nfds: number, timeout: number): number;
  /** `poll(2)` on libuv's thread pool; `fds` must stay referenced until `cb` runs. */
  pollAsync(fds: Buffer, nfds: number, timeout: number, cb: (err: unknown, res: number) => void): void;
  ioctl(fd: number, request: number, arg: Buffer): number;
  setns(fd: number, nstype: number): number;
  /** `readlinkat(2)`: the length of the target written to `buf` (not NUL-terminated), or -1. */
  readlinkat(dirfd: number, path: string, buf: Buffer, size: number): number;
  /**
   * Memory outside the JS heap that does not move, for structs that hold pointers (`struct
   * ifconf`): its address, a Buffer view of it (valid until `free`), and `free`.
   */
  memory(size: number): { address: bigint; view: Buffer; free(): void };
  /** errno of the last synchronous call on the main thread (read it right after the call). */
  errno(): number;
  /** koffi's version, for `-v` and bug reports. */
  version: string;
}

/** Candidate names of the C library (glibc, then musl on x86-64/aarch64, then the process itself). */
const LIBC_NAMES: (string | null)[] = ['libc.so.6', 'libc.musl-x86_64.so.1', 'libc.musl-aarch64.so.1', null];

/**
 * koffi's native addon, opened by its path: `node_modules/koffi` found the way Node looks for it
 * (from this file's directory up), and the addon of this platform in the package koffi installs
 * beside it (`@koromix/koffi-linux-ARCH/linux_ARCH/koffi.node`, its own first candidate). Going
 * through `import('koffi')` costs some 33 M instructions more than the dlopen itself (4 M): Node's
 * exports-map resolver, and koffi's platform detection, which reads the ELF headers of the node
 * binary. Returns null when the addon is not there, does not load (a musl system) or is not the
 * version of the package; then koffi is imported as usual.
 */
function koffiAddon(): KoffiLike | null {
  if (process.platform !== 'linux') return null;
  // The CLI's bundle is CommonJS (__filename); the library is an ES module.
  let dir: string;
  try {
    dir = dirname(typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url));
  } catch {
    return null;
  }
  for (;;) {
    let real: string | undefined;
    try {
      real = realpathSync(join(dir, 'node_modules', 'koffi'));
    } catch {
      // not in this directory's node_modules: look further up
    }
    if (real !== undefined) {
      try {
        const { version } = JSON.parse(readFileSync(join(real, 'package.json'), 'utf8')) as {
          version?: string;
        };
        const arch = process.arch;
        const m = { exports: {} as KoffiLike };
        process.dlopen(
          m,
          join(dirname(real), '@koromix', `koffi-linux-${arch}`, `linux_${arch}`, 'koffi.node'),
        );
        return m.exports.version === version ? m.exports : null;
      } catch {
        return null;
      }
    }
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** Imports koffi and binds libc; throws (with koffi's or the loader's message) when it cannot. */
export async function bindLibc(): Promise<Libc> {
  let koffi = koffiAddon();
  if (!koffi) {
    const mod = (await import('koffi')) as unknown as { default?: KoffiLike } & KoffiLike;
    koffi = mod.default ?? mod;
  }
  let lib: KoffiLib | null = null;
  let lastErr: unknown;
  for (const name of LIBC_NAMES) {
    try {
      lib = koffi.load(name);
      break;
    } catch (err) {
      lastErr = err;
    }
  }
  if (!lib) throw lastErr instanceof Error ? lastErr : new Error('cannot load the C library');
  const f = (proto: string) => lib.func(proto);
  const poll = f('int poll(void *fds, unsigned long nfds, int timeout)');
  return {
    socket: f('int socket(int domain, int type, int protocol)'),
    bind: f('int bind(int fd, void *addr, uint32_t len)'),
    getsockname: f('int getsockname(int fd, void *addr, void *lenp)'),
    setsockopt: f('int setsockopt(int fd, int level, int name, void *value, uint32_t len)'),
    send: f('long send(int fd, void *buf, size_t len, int flags)'),
    recv: f('long recv(int fd, void *buf, size_t len, int flags)'),
    read: f('long read(int fd, void *buf, size_t len)'),
    write: f('long write(int fd, void *buf, size_t len)'),
    close: f('int close(int fd)'),
    eventfd: f('int eventfd(unsigned int initval, int flags)'),
    poll,
    pollAsync: (fds, nfds, timeout, cb) => poll.async(fds, nfds, timeout, cb),
    ioctl: f('int ioctl(int fd, unsigned long request, void *arg)'),
    setns: f('int setns(int fd, int nstype)'),
    readlinkat: f('long readlinkat(int dirfd, const char *path, void *buf, size_t size)'),
    memory(size) {
      const p = koffi.alloc('uint8_t', size);
      let freed = false;
      return {
        address: koffi.address(p),
        view: Buffer.from(koffi.view(p, size)),
        free() {
          if (!freed) koffi.free(p);
          freed = true;
        },
      };
    },
    errno: () => koffi.errno(),
    version: String(koffi.version ?? 'unknown'),
  } as Libc;
}

// The slice of koffi's API used above (kept local so no other module needs koffi's types).
type KoffiFn = ((...args: unknown[]) => number) & { async: (...args: unknown[]) => void };
interface KoffiLib {
  func(proto: string): KoffiFn;
}
interface KoffiLike {
  load(path: string | null): KoffiLib;
  alloc(type: string, len: number): unknown;
  address(p: unknown): bigint;
  view(p: unknown, len: number): ArrayBuffer;
  free(p: unknown): void;
  errno(): number;
  version?: string;
}
