#!/usr/bin/env bash
# Three network namespaces joined by veth pairs, for the -M end-to-end test and the live fixtures:
#
#   <P>-c (client)  <P>c0 10.77.1.2/24 fd77:1::2/64
#        | veth
#   <P>-r (router)  <P>r0 10.77.1.1/24 fd77:1::1/64   <P>r1 10.77.2.1/24 fd77:2::1/64  (forwarding on)
#        | veth                                        nft: masquerade out of <P>r1
#   <P>-s (server)  <P>s0 10.77.2.2/24 fd77:2::2/64   (no route back to 10.77.1.0/24: only NAT works)
#
# usage: topology.sh up PREFIX [extra-nft-file] | down PREFIX
# PREFIX must start with "ct" and be at most 9 characters (veth names are PREFIX + 2).
set -euo pipefail
cmd=$1 P=$2
case "$P" in ct*) ;; *) echo "prefix must start with ct" >&2; exit 2 ;; esac
if [ "$cmd" = down ]; then
  for n in c r s; do ip netns del "$P-$n" 2>/dev/null || true; done
  exit 0
fi
for n in c r s; do ip netns add "$P-$n"; done
ip link add "${P}c0" netns "$P-c" type veth peer name "${P}r0" netns "$P-r"
ip link add "${P}s0" netns "$P-s" type veth peer name "${P}r1" netns "$P-r"
ip -n "$P-c" addr add 10.77.1.2/24 dev "${P}c0"
ip -n "$P-c" -6 addr add fd77:1::2/64 dev "${P}c0" nodad
ip -n "$P-r" addr add 10.77.1.1/24 dev "${P}r0"
ip -n "$P-r" -6 addr add fd77:1::1/64 dev "${P}r0" nodad
ip -n "$P-r" addr add 10.77.2.1/24 dev "${P}r1"
ip -n "$P-r" -6 addr add fd77:2::1/64 dev "${P}r1" nodad
ip -n "$P-s" addr add 10.77.2.2/24 dev "${P}s0"
ip -n "$P-s" -6 addr add fd77:2::2/64 dev "${P}s0" nodad
for n in c r s; do ip -n "$P-$n" link set lo up; done
ip -n "$P-c" link set "${P}c0" up
ip -n "$P-r" link set "${P}r0" up
ip -n "$P-r" link set "${P}r1" up
ip -n "$P-s" link set "${P}s0" up
ip -n "$P-c" route add default via 10.77.1.1
ip -n "$P-c" -6 route add default via fd77:1::1
ip netns exec "$P-r" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
ip netns exec "$P-r" nft -f - <<NFT
table inet ${P}nat {
  chain post {
    type nat hook postrouting priority srcnat;
    oifname "${P}r1" masquerade
  }
}
NFT
if [ "${3:-}" != "" ]; then sed "s/@P@/$P/g" "$3" | ip netns exec "$P-r" nft -f -; fi
