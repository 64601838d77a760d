/**
 * `@netstat-ts/native/codec`: a pure TypeScript netlink codec (no koffi, no I/O): nlmsghdr
 * framing, rtattr/nlattr attributes, nfgenmsg, rtnetlink payload decoders and dump builders.
 */
export * from './address.js';
export * from './attrs.js';
export * from './constants.js';
export * from './nfgen.js';
export * from './nlmsg.js';
export * from './rtnl.js';
