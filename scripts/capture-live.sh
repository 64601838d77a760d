#!/usr/bin/env bash
# Captures this machine's real /proc/net tables into a fixture root and the reference netstat's
# output for them. Runs, as root, inside a private network namespace (unshare -n) where it first
# opens a few loopback sockets (tcp, tcp6, udp, udp6, unix), so that the tables hold known,
# local-only entries. The fixture keeps the namespace's /proc/net files, the /proc/<pid>/fd
# links and cmdline of the processes that own the sockets, and a files-only etc/.
#   scripts/capture-live.sh [NAME]      (default NAME: live-capture)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
name=${1:-live-capture}
shared=${NETSTAT_SHARED:-$here/../shared}
if [ "${INSIDE_NETNS:-}" != 1 ]; then
  exec unshare -n env INSIDE_NETNS=1 "$0" "$@"
fi
ip link set lo up
fixture="$here/fixtures/$name"
root="$fixture/root"
rm -rf "$root"; mkdir -p "$root/proc/net" "$root/etc"
# A server process with listeners and established connections, on loopback only.
node -e '
const net=require("net"),dgram=require("dgram");
const s=net.createServer(c=>{}).listen(8022,"127.0.0.1");
const s6=net.createServer(c=>{}).listen(8443,"::1");
const sa=net.createServer(c=>{}).listen(9000);
net.createServer(()=>{}).listen("/tmp/netstat-capture.sock");
net.createServer(()=>{}).listen("\0netstat-capture-abstract");
dgram.createSocket("udp4").bind(5353,"127.0.0.1");
dgram.createSocket("udp6").bind(5354,"::1");
const u=dgram.createSocket("udp4");u.bind(0,"127.0.0.1",()=>u.connect(5353,"127.0.0.1"));
setTimeout(()=>{net.connect(8022,"127.0.0.1");net.connect(8443,"::1");net.connect(9000,"127.0.0.2");net.connect("/tmp/netstat-capture.sock");},100);
setTimeout(()=>process.exit(0),4000);
' &
server=$!
sleep 1
for f in tcp tcp6 udp udp6 udplite udplite6 raw raw6 unix route ipv6_route igmp igmp6 snmp snmp6 netstat dev if_inet6 rt_cache; do
  [ -r /proc/net/$f ] && cat /proc/net/$f > "$root/proc/net/$f"
done
for pid in $(ls /proc | grep -E '^[0-9]+$' | sort -n); do
  [ -d /proc/$pid/fd ] || continue
  links=$(cd /proc/$pid/fd 2>/dev/null && for fd in *; do l=$(readlink "$fd" 2>/dev/null) || continue; case $l in socket:*) echo "$fd $l";; esac; done) || true
  [ -n "$links" ] || continue
  mkdir -p "$root/proc/$pid/fd"
  cat /proc/$pid/cmdline > "$root/proc/$pid/cmdline" 2>/dev/null || true
  while read -r fd l; do ln -s "$l" "$root/proc/$pid/fd/$fd"; done <<<"$links"
done
cp /etc/services /etc/protocols "$root/etc/" 2>/dev/null || true
grep -E '^(root|daemon|nobody):' /etc/passwd > "$root/etc/passwd"
printf '127.0.0.1\tlocalhost\n127.0.0.2\tcapture-peer\n::1\tip6-localhost ip6-loopback\n' > "$root/etc/hosts"
printf 'loopback\t127.0.0.0\n' > "$root/etc/networks"
printf 'passwd: files\ngroup: files\nhosts: files\nnetworks: files\nservices: files\nprotocols: files\n' > "$root/etc/nsswitch.conf"
wait $server || true
printf 'This machine'"'"'s real /proc/net tables (inside a fresh network namespace with loopback sockets\nopened by scripts/capture-live.sh), captured on %s, kernel %s.\nExpected output captured from net-tools 2.10 (Debian 2.10-0.1+deb12u2) with ../shared/tools/oracle.sh.\n' "$(date -u +%F)" "$(uname -r)" > "$fixture/SOURCE"
cd "$here"
args=()
for c in '-tan' '-tuan' '-xa' '-tulpn' '-n' '-an' '-anp' '-tanpe' '-rn' '-r' '-rne' '-rn -6' '-gn' '-g' '-s' '-s -6' '-st' '-xanp' '-tuwanpeo' '-anW' '(none)' '-l' '-a'; do args+=(--case "$c"); done
node scripts/capture-golden.mjs --name "$name" --only-capture "${args[@]}"
