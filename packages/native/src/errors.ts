/** Errors of the native layer, carrying the errno they came from, and errno helpers. */
import { constants } from 'node:os';
import { getSystemErrorMap } from 'node:util';

/** errno values by name on this platform (`ENOBUFS`, `EAGAIN`, …), from Node's `os.constants`. */
export const ERRNO: Readonly<Record<string, number>> = constants.errno;

/** The name of an errno value (`ENOBUFS`), or `E<number>` when unknown. */
export function errnoName(errno: number): string {
  return getSystemErrorMap().get(-errno)?.[0] ?? `E${errno}`;
}

/** A short description of an errno value (libuv's text, e.g. `no buffer space available`). */
export function errnoMessage(errno: number): string {
  return getSystemErrorMap().get(-errno)?.[1] ?? `error ${errno}`;
}

/**
 * A failed system call, or an NLMSG_ERROR answer from the kernel (`syscall` is then
 * `netlink`). `code` is the errno name (`ENOBUFS`, `EPERM`, …), `errno` its positive number.
 */
export class NativeError extends Error {
  readonly errno: number;
  readonly code: string;
  readonly syscall: string;
  constructor(syscall: string, errno: number, detail?: string) {
    super(`${syscall}: ${errnoMessage(errno)} (${errnoName(errno)})${detail ? `: ${detail}` : ''}`);
    this.name = 'NativeError';
    this.errno = errno;
    this.code = errnoName(errno);
    this.syscall = syscall;
  }
}

/** Whether `err` is a {@link NativeError} with the given errno name. */
export function isErrno(err: unknown, code: string): err is NativeError {
  return err instanceof NativeError && err.code === code;
}
