# Differential search for issue 11 item 7 (ipv6_route lines after a corrupt one); see docs/ipv6-route-corrupt-lines.md.
# usage (root): python3 bench/ipv6-route-fuzz.py "node apps/netstat/dist/cli.js" CASES SEED   (trees under /dev/shm/stream-i3)
import os, random, subprocess, sys
ours = sys.argv[1]; N = int(sys.argv[2]); seed = int(sys.argv[3])
rnd = random.Random(seed)
Z = "0"*32
def line(dst, plen="40", src=Z, slen="00", gw=Z, metric="00000400", ref="00000001", use="00000000", flags="00000003", iface="eth0"):
    return [dst, plen, src, slen, gw, metric, ref, use, flags, iface]
def join(f): return f"{f[0]} {f[1]} {f[2]} {f[3]} {f[4]} {f[5]} {f[6]} {f[7]} {f[8]} {f[9]:>8}\n"
HEX = "0123456789abcdef"
def mutate(f):
    f = list(f); kind = rnd.randrange(9)
    i = rnd.randrange(len(f))
    if kind == 0: f = f[:rnd.randrange(len(f))]          # missing fields
    elif kind == 1:                                      # bad hex char
        s = list(f[i]) or ['x']; s[rnd.randrange(len(s))] = rnd.choice("zZ-+x:%. \t"); f[i] = "".join(s)
    elif kind == 2: f[i] = f[i] + "".join(rnd.choice(HEX) for _ in range(rnd.randrange(1, 40)))  # overlong
    elif kind == 3: f[i] = f[i][:rnd.randrange(len(f[i]) + 1)]   # short field
    elif kind == 4: f.insert(i, rnd.choice(["", "x", "0", "ffff"]))  # extra field
    elif kind == 5: return "".join(rnd.choice(HEX + "  \n") for _ in range(rnd.randrange(0, 300))) + "\n"
    elif kind == 6: f[i] = f[i] + "e" * rnd.randrange(900, 1100)
    elif kind == 7: f[4] = "".join(rnd.choice(HEX) for _ in range(32)); f[i] = f[i][:rnd.randrange(len(f[i])+1)]
    else: f[i] = ""
    t = " ".join(f)
    if t.count("\n") == 0: t += "\n"
    return t
def rgw(): return "".join(rnd.choice(HEX) for _ in range(32))
diffs = 0
for n in range(N):
    lines = []
    lines.append(join(line("20010db8000100000000000000000000", gw=rgw() if rnd.random()<0.7 else Z)))
    k = rnd.randrange(1, 4)
    for j in range(k):
        if rnd.random() < 0.6:
            lines.append(mutate(line("20010db8%04x0000000000000000%08x" % (j+5, n), gw=rgw() if rnd.random()<0.5 else Z, flags=rnd.choice(["00000003","00000001","01000003","00200001"]))))
        else:
            lines.append(join(line("20010db8%04x0000000000000000%08x" % (j+9, n), gw=rgw() if rnd.random()<0.5 else Z, iface=rnd.choice(["eth1","lo","wlan0"]))))
    lines.append(join(line("20010db8000f00000000000000000000", gw=Z, iface="eth9")))
    text = "".join(lines)
    d = f"/dev/shm/stream-i3/f{seed}/{n}"
    os.makedirs(d + "/proc/net", exist_ok=True); os.makedirs(d + "/etc", exist_ok=True)
    open(d + "/proc/net/ipv6_route", "w", encoding="latin1").write(text)
    for args in (["-rn", "-A", "inet6"], ["-r", "-A", "inet6"], ["-rn", "-A", "inet6", "-C"], ["-rne", "-A", "inet6"]):
        e = subprocess.run(["/work/shared/tools/oracle.sh", d + "/proc", "--"] + args, capture_output=True)
        a = subprocess.run(ours.split() + ["--root", d] + args, capture_output=True)
        if e.stdout != a.stdout or e.returncode != a.returncode:
            diffs += 1
            print("DIFF", d, " ".join(args), flush=True)
            break
print("cases", N, "diffs", diffs)
