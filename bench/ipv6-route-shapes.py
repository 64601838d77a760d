# Hand-picked corrupt ipv6_route line shapes for issue 11 item 7; see docs/ipv6-route-corrupt-lines.md.
# usage: python3 bench/ipv6-route-shapes.py  (writes /dev/shm/stream-i3/t/NAME/proc/net/ipv6_route)
import os, sys
GOOD_GW = "20010db8000000000000000000000001"
Z = "0"*32
def line(dst="20010db8000100000000000000000000", plen="40", src=Z, slen="00", gw=Z, metric="00000400", ref="00000001", use="00000000", flags="00000003", iface="eth0"):
    return f"{dst} {plen} {src} {slen} {gw} {metric} {ref} {use} {flags} {iface:>8}\n"
good_gw = line(gw=GOOD_GW)
good_zero = line(dst="20010db8000200000000000000000000", gw=Z, iface="eth1")
corrupt = {
 "short": "20010db8 40\n",
 "empty": "\n",
 "badhex_gw": line(gw="2001zzzz000000000000000000000001"),
 "badhex_gw2": line(gw="zzzz0db8000000000000000000000001"),
 "missing_fields": " ".join(line().split()[:5]) + "\n",
 "missing_after_gw": " ".join(line(gw=GOOD_GW).split()[:4]) + "\n",
 "overlong_gw": line(gw="2001"*12),
 "overlong_dst": line(dst="2001"*12),
 "overlong_iface": line(iface="x"*40),
 "gw_short": line(gw="2001"),
 "gw_space": line(gw="2001 0db8"),
 "percent": line(gw="2001%db8000000000000000000000001"),
 "colon": line(gw="2001:db80000000000000000000000001"),
 "nul": line(gw="2001\x00db8000000000000000000000001"),
 "only_dst": "20010db8000300000000000000000000\n",
 "bad_plen": line(plen="zz"),
 "bad_metric": line(metric="zzzzzzzz"),
 "long_line": line(iface="e"*1100),
}
seqs = {}
for k, c in corrupt.items():
    seqs[f"gw_{k}_zero"] = good_gw + c + good_zero
    seqs[f"zero_{k}_gw"] = good_zero + c + good_gw
    seqs[f"gw_{k}_gw"] = good_gw + c + line(dst="20010db8000400000000000000000000", gw="fe800000000000000000000000000001", iface="eth2")
    seqs[f"{k}_zero"] = c + good_zero
for name, text in seqs.items():
    d = f"/dev/shm/stream-i3/t/{name}"
    os.makedirs(d + "/proc/net", exist_ok=True)
    os.makedirs(d + "/etc", exist_ok=True)
    open(d + "/proc/net/ipv6_route", "w", encoding="latin1").write(text)
print(len(seqs))
