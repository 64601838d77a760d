#!/bin/sh
# Runs "$@" with /proc/net/nf_conntrack replaced by an empty file, in a private mount namespace
# (run it under `unshare -m`). A bind mount straight onto /proc/net/nf_conntrack does not hide
# it: /proc/net is a symlink to self/net and the per-process net directory is looked up afresh
# on every access, so a mount on /proc/PID/net/nf_conntrack is never crossed (seen on 6.18).
# Instead: the real procfs is mounted aside, /proc becomes a tmpfs of symlinks into it, and
# /proc/net a directory of symlinks to the real net files, with nf_conntrack an empty file.
set -eu
# One fixed, empty mount point (the mount itself lives only in the private namespace).
real=/run/ctproc-real
mkdir -p "$real"
mount --make-rprivate /
mount -t proc proc "$real"
mount -t tmpfs tmpfs /proc
for f in "$real"/* "$real"/.[!.]*; do [ -e "$f" ] || [ -L "$f" ] || continue; ln -s "$f" "/proc/${f##*/}"; done
rm /proc/net
mkdir /proc/net
for f in "$real"/self/net/*; do ln -s "$f" "/proc/net/${f##*/}"; done
rm /proc/net/nf_conntrack
: > /proc/net/nf_conntrack
exec "$@"
