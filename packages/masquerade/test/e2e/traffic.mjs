// Traffic for the -M end-to-end test (runs inside a namespace with `ip netns exec`).
//   server PORT...          TCP and UDP echo on every port (dual-stack), prints "ready"
//   tcp HOST PORT LPORT     connects from LPORT, waits for the echo, prints "tcp ok", holds the
//                           connection open until stdin closes (or 120 s)
//   udp HOST PORT LPORT     one datagram from LPORT, waits for the echo, prints "udp ok", exits
//                           (after 3 s without an echo: "udp no reply", status 1)
import dgram from 'node:dgram';
import net from 'node:net';

const [mode, ...args] = process.argv.slice(2);
const quit = setTimeout(() => process.exit(3), 120_000);
if (mode === 'server') {
  for (const p of args.map(Number)) {
    net.createServer((s) => s.on('data', (d) => s.write(d)).on('error', () => {})).listen(p, '::');
    const u = dgram.createSocket({ type: 'udp6' });
    u.on('message', (m, r) => u.send(m, r.port, r.address));
    u.bind(p, '::');
  }
  setTimeout(() => console.log('ready'), 200);
  process.stdin.on('end', () => process.exit(0)).resume();
} else if (mode === 'tcp') {
  const [host, port, lport] = args;
  const s = net.connect({ host, port: Number(port), localPort: Number(lport) }, () => s.write('hello'));
  s.once('data', () => console.log('tcp ok'));
  s.on('error', (e) => {
    console.log(`tcp error ${e.message}`);
    process.exit(1);
  });
  process.stdin.on('end', () => process.exit(0)).resume();
} else if (mode === 'udp') {
  const [host, port, lport] = args;
  const u = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
  u.bind(Number(lport), () => u.send('hello', Number(port), host));
  const give = setTimeout(() => {
    console.log('udp no reply');
    process.exit(1);
  }, 3000);
  u.on('message', () => {
    console.log('udp ok');
    clearTimeout(quit);
    clearTimeout(give);
    u.close();
  });
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
