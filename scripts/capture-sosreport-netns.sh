#!/usr/bin/env bash
# Adds two network namespaces to fixtures/sosreport-ns the way sos's networking plugin keeps them
# (sos/report/plugins/networking.py): `ip netns` -> sos_commands/networking/ip_netns, and for each
# namespace NAME the outputs of `ip netns exec NAME CMD` under
# sos_commands/networking/namespaces/NAME/ip_netns_exec_NAME_<CMD, blanks as _> for the commands
# sos runs there: ip -d address show, ip route show table all, ip -s -s neigh show, ip -4/-6 rule
# list, ip vrf show, sysctl -a, netstat -W -neopa, netstat -s, netstat -W -agn, nstat -zas,
# ss -peaonmi (iptables-save only with nf_tables: not here). sos copies no /proc/net of a
# namespace. The golden output: the reference netstat run inside each namespace at the same
# moment (fixtures/sosreport-ns/expected-netns/NAME/). The namespaces are real (made here, ns2-*),
# joined by a veth pair, with addresses, routes (a gateway, a host route, an unreachable one),
# TCP/UDP/UNIX listeners, connections across the pair and a multicast membership.
# Needs root, iproute2, procps, util-linux and the reference netstat (NETSTAT_REFERENCE).
#   scripts/capture-sosreport-netns.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
ref=${NETSTAT_REFERENCE:-/tmp/netstat-reference-2.10-0.1+deb12u2/bin/netstat}
[ -x "$ref" ] || { echo "no reference netstat at $ref" >&2; exit 1; }
a=ns2-sos-web
b=ns2-sos-db
fixture="$here/fixtures/sosreport-ns"
net="$fixture/root/sos_commands/networking"
tmp=""
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  ip netns del "$a" 2>/dev/null || true
  ip netns del "$b" 2>/dev/null || true
  [ -n "$tmp" ] && rm -rf "$tmp"
  rm -f /run/ns2-sos-web.sock
}
trap cleanup EXIT
cleanup; pids=()
tmp=$(mktemp -d /tmp/ns2-sos.XXXXXX)
ip netns add "$a"; ip netns add "$b"
ip link add ns2-sos-v0 type veth peer name ns2-sos-v1
ip link set ns2-sos-v0 netns "$a"; ip link set ns2-sos-v1 netns "$b"
ip netns exec "$a" sh -c 'ip link set lo up; ip link set ns2-sos-v0 up
  ip addr add 198.18.5.1/24 brd 198.18.5.255 dev ns2-sos-v0
  ip addr add 198.18.5.5/24 dev ns2-sos-v0 label ns2-sos-v0:api
  ip addr add 2001:db8:5::1/64 dev ns2-sos-v0 nodad
  ip route add default via 198.18.5.2
  ip route add 203.0.113.7 via 198.18.5.2 metric 5
  ip route add unreachable 192.0.2.128/25'
ip netns exec "$b" sh -c 'ip link set lo up; ip link set ns2-sos-v1 up
  ip addr add 198.18.5.2/24 dev ns2-sos-v1
  ip addr add 2001:db8:5::2/64 dev ns2-sos-v1 nodad
  ip route add 10.50.0.0/16 dev ns2-sos-v1 metric 30'
cat > "$tmp/web.cjs" <<'EOF'
const net=require('net'),dgram=require('dgram');
net.createServer(()=>{}).listen(80,'0.0.0.0');
net.createServer(()=>{}).listen(8443,'::');
net.createServer(()=>{}).listen('/run/ns2-sos-web.sock');
dgram.createSocket('udp4').bind(514,'198.18.5.1');
const m=dgram.createSocket({type:'udp4',reuseAddr:true});
m.bind(5007,()=>m.addMembership('239.1.2.3','198.18.5.1'));
setTimeout(()=>{net.connect(5432,'198.18.5.2');net.connect('/run/ns2-sos-web.sock');},1200);
setTimeout(()=>process.exit(0),60000);
EOF
cat > "$tmp/db.cjs" <<'EOF'
const net=require('net'),dgram=require('dgram');
net.createServer(()=>{}).listen(5432,'0.0.0.0');
net.createServer(()=>{}).listen(6379,'127.0.0.1');
dgram.createSocket('udp6').bind(5353,'::');
setTimeout(()=>{net.connect(80,'198.18.5.1');net.connect(8443,'2001:db8:5::1');},600);
setTimeout(()=>process.exit(0),60000);
EOF
ip netns exec "$a" node "$tmp/web.cjs" & pids+=($!)
ip netns exec "$b" node "$tmp/db.cjs" & pids+=($!)
sleep 3   # connections made, IPv6 autoconfiguration settled; the namespaces are then quiet

run() { env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C ip netns exec "$@"; }
ip netns list | grep -E "^($a|$b)( |$)" > "$net/ip_netns" # this machine's other namespaces left out
for ns in "$a" "$b"; do
  d="$net/namespaces/$ns"; rm -rf "$d"; mkdir -p "$d"
  keep() { local cmd="$*"; local name; name="ip_netns_exec_${ns}_$(printf '%s' "$cmd" | tr ' /' '_.')"; run "$ns" "$@" > "$d/$name" 2>&1 || true; }
  keep ip -d address show
  keep ip route show table all
  keep ip -s -s neigh show
  keep ip -4 rule list
  keep ip -6 rule list
  keep ip vrf show
  keep sysctl -a
  keep nstat -zas
  keep ss -peaonmi
  # netstat as sos runs it (the reference binary, saved under the command's name)
  run "$ns" "$ref" -W -neopa > "$d/ip_netns_exec_${ns}_netstat_-W_-neopa" 2>&1 || true
  run "$ns" "$ref" -s > "$d/ip_netns_exec_${ns}_netstat_-s" 2>&1 || true
  run "$ns" "$ref" -W -agn > "$d/ip_netns_exec_${ns}_netstat_-W_-agn" 2>&1 || true
  # the golden output at the same moment
  exp="$fixture/expected-netns/$ns"; rm -rf "$exp"; mkdir -p "$exp"
  for c in '-tan' '-tulpn' '-xa' '-an' '-tanp' '-anp' '-tuwanpeo' '-tulpen' '-rn' '-rne' '-gn' '-s' '-st' '-su' '-s -6'; do
    slug=$(printf '%s' "$c" | tr ' ' '_')
    printf '%s\n' "$c" > "$exp/$slug.args"
    set +e
    # shellcheck disable=SC2086
    run "$ns" "$ref" $c > "$exp/$slug.out" 2> "$exp/$slug.err"
    echo $? > "$exp/$slug.code"
    set -e
  done
  sed -i 's#^/[^:]*/netstat: #netstat: #' "$exp"/*.err
done
printf 'Network namespaces %s and %s, as a sosreport keeps them (sos_commands/networking/ip_netns and\nsos_commands/networking/namespaces/NAME/ip_netns_exec_NAME_*), made by\nscripts/capture-sosreport-netns.sh on %s, kernel %s. Expected output: the reference net-tools 2.10\n(Debian 2.10-0.1+deb12u2) run inside each namespace (ip netns exec) at the same moment.\n' "$a" "$b" "$(date -u +%F)" "$(uname -r)" > "$fixture/expected-netns/SOURCE"
echo "namespaces written to $net/namespaces"
