/** The IPv6 counter tables of `netstat -s` (spec §9.5), exact array order (note the trailing blank in one Icmp6 key). */
import { type CounterTable, table } from './tables.js';
import { TCP_TABLE } from './tables-ipv4.js';

/** Table `Ip6` (22 entries). */
export const IP6_TABLE: CounterTable = table('Ip6', 'raw', [
  ['Ip6FragCreates', '%llu fragments created', 'opt'],
  ['Ip6FragFails', '%llu outgoing packets failed fragmentation', 'opt'],
  ['Ip6FragOKs', '%llu outgoing packets fragmented ok', 'opt'],
  ['Ip6InAddrErrors', '%llu with invalid addresses', 'opt'],
  ['Ip6InDelivers', '%llu incoming packets delivered', 'number'],
  ['Ip6InDiscards', '%llu incoming packets discarded', 'number'],
  ['Ip6InHdrErrors', '%llu with invalid headers', 'opt'],
  ['Ip6InMcastPkts', '%llu incoming multicast packets', 'opt'],
  ['Ip6InNoRoutes', '%llu incoming packets with no route', 'opt'],
  ['Ip6InReceives', '%llu total packets received', 'number'],
  ['Ip6InTooBigErrors', '%llu with packets too big', 'opt'],
  ['Ip6InTruncatedPkts', '%llu with truncated packets', 'opt'],
  ['Ip6InUnknownProtos', '%llu with unknown protocol', 'opt'],
  ['Ip6OutDiscards', '%llu outgoing packets dropped', 'opt'],
  ['Ip6OutForwDatagrams', '%llu forwarded', 'number'],
  ['Ip6OutMcastPkts', '%llu outgoing multicast packets', 'opt'],
  ['Ip6OutNoRoutes', '%llu dropped because of missing route', 'opt'],
  ['Ip6OutRequests', '%llu requests sent out', 'number'],
  ['Ip6ReasmFails', '%llu packet reassemblies failed', 'opt'],
  ['Ip6ReasmOKs', '%llu packets reassembled ok', 'opt'],
  ['Ip6ReasmReqds', '%llu reassemblies required', 'opt'],
  ['Ip6ReasmTimeout', '%llu fragments dropped after timeout', 'opt'],
]);

/** Table `Icmp6` (31 entries). */
export const ICMP6_TABLE: CounterTable = table('Icmp6', 'raw', [
  ['Icmp6InDestUnreachs', 'destination unreachable: %llu', 'inHist'],
  ['Icmp6InEchoReplies', 'echo replies: %llu', 'inHist'],
  ['Icmp6InEchos', 'echo requests: %llu', 'inHist'],
  ['Icmp6InErrors', '%llu input ICMP message failed', 'number'],
  ['Icmp6InGroupMembQueries', 'group member queries: %llu', 'inHist'],
  ['Icmp6InGroupMembReductions', 'group member reductions: %llu', 'inHist'],
  ['Icmp6InGroupMembResponses', 'group member responses: %llu', 'inHist'],
  ['Icmp6InMsgs', '%llu ICMP messages received', 'number'],
  ['Icmp6InNeighborAdvertisements', 'neighbour advertisement: %llu', 'inHist'],
  ['Icmp6InNeighborSolicits', 'neighbour solicits: %llu', 'inHist'],
  ['Icmp6InParmProblems', 'parameter problem: %llu', 'inHist'],
  ['Icmp6InPktTooBigs', 'packets too big: %llu', 'inHist'],
  ['Icmp6InRedirects', 'redirects: %llu', 'inHist'],
  ['Icmp6InRouterAdvertisements', 'router advertisement: %llu', 'inHist'],
  ['Icmp6InRouterSolicits', 'router solicits: %llu', 'inHist'],
  ['Icmp6InTimeExcds', 'received ICMPv6 time exceeded: %llu', 'inHist'],
  ['Icmp6OutDestUnreachs', 'destination unreachable: %llu', 'outHist'],
  ['Icmp6OutEchoReplies', 'echo replies: %llu', 'outHist'],
  ['Icmp6OutEchos', 'echo requests: %llu', 'outHist'],
  ['Icmp6OutGroupMembQueries', 'group member queries: %llu', 'outHist'],
  ['Icmp6OutGroupMembReductions', 'group member reductions: %llu', 'outHist'],
  ['Icmp6OutGroupMembResponses', 'group member responses: %llu', 'outHist'],
  ['Icmp6OutMsgs', '%llu ICMP messages sent', 'number'],
  ['Icmp6OutNeighborAdvertisements', 'neighbor advertisements: %llu', 'outHist'],
  ['Icmp6OutNeighborSolicits', 'neighbor solicits: %llu', 'outHist'],
  ['Icmp6OutParmProblems', 'parameter problem: %llu', 'outHist'],
  ['Icmp6OutPktTooBigs', 'packets too big: %llu', 'outHist'],
  ['Icmp6OutRedirects', 'redirects: %llu', 'outHist'],
  ['Icmp6OutRouterAdvertisements ', 'router advertisement: %llu', 'outHist'],
  ['Icmp6OutRouterSolicits', 'router solicits: %llu', 'outHist'],
  ['Icmp6OutTimeExcds', 'sent ICMPv6 time exceeded: %llu', 'outHist'],
]);

/** Table `Udp6` (4 entries). */
export const UDP6_TABLE: CounterTable = table('Udp6', 'udp', [
  ['Udp6InDatagrams', '%llu packets received', 'number'],
  ['Udp6InErrors', '%llu packet receive errors', 'number'],
  ['Udp6NoPorts', '%llu packets to unknown port received', 'number'],
  ['Udp6OutDatagrams', '%llu packets sent', 'number'],
]);

/** The tables of /proc/net/snmp6 by title; `Tcp6` uses the Tcp entries with the tcp flag. */
export const IPV6_TABLES: ReadonlyMap<string, CounterTable> = new Map([
  ['Ip6', IP6_TABLE],
  ['Icmp6', ICMP6_TABLE],
  ['Udp6', UDP6_TABLE],
  ['Tcp6', { ...TCP_TABLE, title: 'Tcp6' }],
]);
