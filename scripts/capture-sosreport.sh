#!/usr/bin/env bash
# Builds fixtures/sosreport-ns: a sosreport-shaped snapshot of a real network namespace, laid out
# the way sos's networking plugin (sos/report/plugins/networking.py) stores it, plus the output
# of the reference netstat run inside that namespace at the same moment (the golden files).
#
# What sos keeps, and so what the fixture holds:
#   - add_copy_spec("/proc/net/"): /proc/net is a symlink to self/net, and /proc/self to sos's
#     own pid, so the report has proc/net -> self/net, proc/self -> PID and proc/PID/net/*;
#   - "/sys/class/net/*/flags" and "/sys/class/net/*/statistics/" only (no mtu, type, address);
#     sys/class/net/DEV is a symlink into sys/devices/virtual/net/DEV as on the real sysfs;
#   - command outputs under sos_commands/networking/, named after the command (blanks -> _):
#     ip_-o_addr, ip_route_show_table_all, ip_-6_route_show_table_all, netstat_-W_-neopa,
#     netstat_-s, netstat_-W_-agn, ip_-s_-d_link, ip_-d_address, ip_maddr_show, ss_-peaonmi,
#     ip_-4_rule_list, ip_neigh_show_nud_noarp, nstat_-zas; root symlinks ip_addr, ip_route and
#     netstat pointing at them (add_cmd_output(..., root_symlink=...));
#   - /etc/hosts, nsswitch.conf, resolv.conf (networking) and passwd, services (other plugins);
#   - no /proc/PID/fd: sos never copies descriptors, so -p must come from the netstat capture.
# Needs root, iproute2, util-linux and the reference netstat (../shared/tools/oracle.sh unpacks it).
#   scripts/capture-sosreport.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
ref=${NETSTAT_REFERENCE:-/tmp/netstat-reference-2.10-0.1+deb12u2/bin/netstat}
[ -x "$ref" ] || bash "$here/../shared/tools/oracle.sh" /proc -- -V >/dev/null 2>&1 || true
[ -x "$ref" ] || { echo "no reference netstat at $ref" >&2; exit 1; }
ns=nssos-host
peer=nssos-peer
fixture="$here/fixtures/sosreport-ns"
root="$fixture/root"
tmp=""
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  ip netns del "$ns" 2>/dev/null || true
  ip netns del "$peer" 2>/dev/null || true
  [ -n "$tmp" ] && rm -rf "$tmp"
  rm -f /run/nssos-app.sock
}
trap cleanup EXIT
cleanup; pids=()
tmp=$(mktemp -d /tmp/netns-sos.XXXXXX)
ip netns add "$ns"; ip netns add "$peer"
ip link add nssos-eth0 type veth peer name nssos-p0
ip link set nssos-eth0 netns "$ns"; ip link set nssos-p0 netns "$peer"
inns() { ip netns exec "$ns" "$@"; }
inns ip link set lo up
inns ip link set nssos-eth0 up
inns ip addr add 192.0.2.10/24 brd 192.0.2.255 dev nssos-eth0
inns ip addr add 192.0.2.11/24 dev nssos-eth0 label nssos-eth0:web
inns ip addr add 2001:db8:10::10/64 dev nssos-eth0 nodad
inns ip route add default via 192.0.2.1
inns ip route add 198.51.100.0/24 via 192.0.2.254 metric 20
inns ip -6 route add default via 2001:db8:10::1
ip netns exec "$peer" sh -c 'ip link set lo up; ip link set nssos-p0 up; ip addr add 192.0.2.1/24 dev nssos-p0; ip addr add 2001:db8:10::1/64 dev nssos-p0 nodad'
cat > "$tmp/server.cjs" <<'EOF'
const net=require('net'),dgram=require('dgram');
net.createServer(()=>{}).listen(22,'0.0.0.0');
net.createServer(()=>{}).listen(443,'::');
net.createServer(()=>{}).listen(5432,'127.0.0.1');
net.createServer(()=>{}).listen('/run/nssos-app.sock');
net.createServer(()=>{}).listen('\0nssos-abstract');
dgram.createSocket('udp4').bind(123,'192.0.2.10');
dgram.createSocket('udp6').bind(546,'::');
const m=dgram.createSocket({type:'udp4',reuseAddr:true});
m.bind(5353,()=>m.addMembership('224.0.0.251','192.0.2.10'));
setTimeout(()=>{net.connect(5432,'127.0.0.1');net.connect('/run/nssos-app.sock');},200);
setTimeout(()=>process.exit(0),30000);
EOF
cat > "$tmp/client.cjs" <<'EOF'
const net=require('net');
setTimeout(()=>{net.connect(22,'192.0.2.10');net.connect(443,'2001:db8:10::10');},100);
setTimeout(()=>process.exit(0),30000);
EOF
ip netns exec "$ns" node "$tmp/server.cjs" & pids+=($!)
sleep 0.4
ip netns exec "$peer" node "$tmp/client.cjs" & pids+=($!)
sleep 3   # IPv6 autoconfiguration and the connections settle; the namespace is then quiet

rm -rf "$root"; mkdir -p "$root/proc/4242" "$root/sys/class/net" "$root/etc" "$root/sos_commands/networking"
# proc/net -> self/net -> 4242/net, as sos copies the /proc/net symlink and its target
ln -s self/net "$root/proc/net"
ln -s 4242 "$root/proc/self"
server=${pids[0]}
mkdir -p "$root/proc/4242/net"
for f in $(cd /proc/$server/net && ls); do
  [ -f "/proc/$server/net/$f" ] && [ -r "/proc/$server/net/$f" ] && cat "/proc/$server/net/$f" > "$root/proc/4242/net/$f" 2>/dev/null || true
done
rm -f "$root/proc/4242/net/"{ip_tables_names,ip_tables_targets,ip_tables_matches,ip6_tables_names,ip6_tables_targets,ip6_tables_matches} 2>/dev/null || true
# sysfs: flags and statistics only, through the class symlink as on the real sysfs
inns bash -c '
for d in /sys/class/net/*; do
  dev=$(basename "$d")
  dst="'"$root"'/sys/devices/virtual/net/$dev"
  mkdir -p "$dst/statistics"
  cat "$d/flags" > "$dst/flags"
  for s in "$d"/statistics/*; do cat "$s" > "$dst/statistics/$(basename "$s")"; done
  ln -s "../../devices/virtual/net/$dev" "'"$root"'/sys/class/net/$dev"
done'
# the command outputs (sos keeps stdout and stderr in one file)
cmd() { local name; name=$(printf '%s' "$*" | tr ' /' '_.'); inns env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C "$@" > "$root/sos_commands/networking/$name" 2>&1 || true; }
nscmd() { local name=$1; shift; inns env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C "$@" > "$root/sos_commands/networking/$name" 2>&1 || true; }
cmd ip -o addr
cmd ip route show table all
cmd ip -6 route show table all
cmd ip -s -d link
cmd ip -d address
cmd ip maddr show
cmd ip -4 rule list
cmd ip neigh show nud noarp
cmd ss -peaonmi
cmd nstat -zas
nscmd netstat_-W_-neopa "$ref" -W -neopa
nscmd netstat_-s "$ref" -s
nscmd netstat_-W_-agn "$ref" -W -agn
ln -s sos_commands/networking/ip_-o_addr "$root/ip_addr"
ln -s sos_commands/networking/ip_route_show_table_all "$root/ip_route"
ln -s sos_commands/networking/netstat_-W_-neopa "$root/netstat"
# etc as sos copies it (files only, so no name lookup ever leaves the snapshot)
printf '127.0.0.1\tlocalhost\n192.0.2.10\tsos-host.example.test sos-host\n192.0.2.1\tgw.example.test\n::1\tlocalhost ip6-localhost\n' > "$root/etc/hosts"
printf 'passwd: files\ngroup: files\nhosts: files\nnetworks: files\nservices: files\nprotocols: files\n' > "$root/etc/nsswitch.conf"
printf 'nameserver 192.0.2.53\n' > "$root/etc/resolv.conf"
grep -E '^(root|daemon|nobody):' /etc/passwd > "$root/etc/passwd"
cp /etc/services /etc/protocols "$root/etc/"
# the golden output: the reference netstat inside the namespace, at the same moment
exp="$fixture/expected"; rm -rf "$exp"; mkdir -p "$exp"
for c in '-tan' '-tulpn' '-xa' '-rn' '-i' '-ie' '-ia' '-gn' '-s' '-an' '-tanp' '-xanp' '-rn -6' '-s -6' '-st' '-tuwanpeo' '-anp'; do
  slug=$(printf '%s' "$c" | tr ' ' '_')
  printf '%s\n' "$c" > "$exp/$slug.args"
  set +e
  # shellcheck disable=SC2086
  inns env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C "$ref" $c > "$exp/$slug.out" 2> "$exp/$slug.err"
  echo $? > "$exp/$slug.code"
  set -e
done
sed -i 's#^/tmp/netstat-reference[^:]*/netstat: #netstat: #' "$exp"/*.err
printf 'A sosreport-shaped snapshot (layout of sos/report/plugins/networking.py: proc/net -> self/net,\nproc/PID/net/*, sysfs flags and statistics only, sos_commands/networking/* command outputs, no\n/proc/PID/fd) of a real network namespace made by scripts/capture-sosreport.sh on %s, kernel %s:\na veth with IPv4/IPv6 addresses and an alias label, routes, TCP/UDP/UNIX listeners, connections\nfrom a peer namespace, a multicast membership. The processes of the namespace are gone; sos\nnever copies their descriptors, so -p owners come from the netstat_-W_-neopa capture.\nExpected output: the reference net-tools 2.10 (Debian 2.10-0.1+deb12u2) run inside that namespace\n(ip netns exec) at the same moment.\n' "$(date -u +%F)" "$(uname -r)" > "$fixture/SOURCE"
echo "fixture written to $fixture"
