#!/usr/bin/env bash
# Derives fixtures/compare-{before,after}/root from fixtures/sosreport-ns/root (a real capture)
# with hand-made, documented edits in "after" (see fixtures/compare-after/SOURCE), for the
# --compare golden tests. The expected reports in fixtures/compare-after/expected-compare/ are
# written by hand from those edits, not produced by netstat-ts.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
src="$here/fixtures/sosreport-ns/root"
for side in before after; do
  d="$here/fixtures/compare-$side/root"
  rm -rf "$d"; mkdir -p "$d/proc/4242/net" "$d/sos_commands/networking"
  cp -a "$src/proc/net" "$src/proc/self" "$d/proc/"
  for f in tcp tcp6 udp udp6 udplite udplite6 raw raw6 unix route ipv6_route dev if_inet6 igmp igmp6 snmp snmp6 netstat; do
    cp "$src/proc/4242/net/$f" "$d/proc/4242/net/$f"
  done
  cp -a "$src/sys" "$src/etc" "$d/"
  for f in ip_-o_addr ip_-s_-d_link ip_-d_address netstat_-W_-neopa; do
    cp "$src/sos_commands/networking/$f" "$d/sos_commands/networking/$f"
  done
done
a="$here/fixtures/compare-after/root"
python3 - "$a" <<'PY'
import sys, re
a = sys.argv[1]
net = f"{a}/proc/4242/net"
tcp = open(f"{net}/tcp").read().split("\n")
out = []
for l in tcp:
    if "0A0200C0:0016 010200C0:8002 01" in l:      # edit 1: the ssh connection from 192.0.2.1 ended
        continue
    if "0100007F:E68C 0100007F:1538 01" in l:      # edit 2: 127.0.0.1:59020 -> :5432 is now TIME_WAIT
        l = l.replace("0100007F:E68C 0100007F:1538 01", "0100007F:E68C 0100007F:1538 06")
    out.append(l)
# edit 3: a new listener on 0.0.0.0:8080
out.insert(len(out) - 1, "   5: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 49999 1 00000000d4e42c2c 100 0 0 10 0                     ")
open(f"{net}/tcp", "w").write("\n".join(out))
# edit 4: the listener on /run/nssos-app.sock is gone (its accepted connection stays)
unix = [l for l in open(f"{net}/unix").read().split("\n") if not (" 00010000 0001 01 " in l and l.endswith("/run/nssos-app.sock"))]
open(f"{net}/unix", "w").write("\n".join(unix))
# edit 5: a route to 203.0.113.0/24 via 192.0.2.254
route = open(f"{net}/route").read().rstrip("\n").split("\n")
route.append("nssos-eth0\t007100CB\tFE0200C0\t0003\t0\t0\t0\t00FFFFFF\t0\t0\t0" + " " * 73)
open(f"{net}/route", "w").write("\n".join(route) + "\n")
# edit 6: nssos-eth0's MTU is now 9000 (the capture sos keeps of ip -s -d link)
p = f"{a}/sos_commands/networking/ip_-s_-d_link"
t = open(p).read()
t = re.sub(r"(nssos-eth0@if\d+: <[^>]*> mtu )1500", r"\g<1>9000", t)
open(p, "w").write(t)
PY
