/**
 * @netstat-ts/routing: IPv4 and IPv6 routing tables and caches (`netstat -r`) as net-tools 2.10
 * prints them. Library API (parsers, row builders, formatters) and the FamilyPlugin (default export).
 */
export { ipv4RouteFlags, ipv6RouteFlags, isReject, ndiscFlags, ndiscState, rtCacheFlags } from './flags.js';
export {
  groupsToAddress,
  type Ipv6RouteCursor,
  type Ipv6RouteRecord,
  ipv6RouteRecord,
  parseIpv6Route,
  RTF_CACHE,
  scanIpv6Route,
} from './ipv6-route.js';
export { type NdiscRecord, parseNdisc, scanNdisc } from './ndisc.js';
export {
  default,
  default as plugin,
  type Inet6RouteRow,
  type InetRouteRow,
  ipv4CacheSection,
  ipv4FibSection,
  ipv6CacheSection,
  ipv6RouteSection,
  type RouteRow,
  routeExt,
  routeNumeric,
  routeSections,
} from './plugin.js';
export { type FieldSpec, type HeaderFormat, headerFormat } from './proc-fmt.js';
export {
  type Ipv4RouteCursor,
  type Ipv4RouteHeader,
  type Ipv4RouteParse,
  type Ipv4RouteRecord,
  ipv4RouteRecord,
  parseProcNetRoute,
  procNetRouteHeader,
  RTF_UP,
  scanProcNetRoute,
} from './proc-net-route.js';
export {
  fibDestinationName,
  fibGatewayName,
  formatIpv4Route,
  formatRtCacheRow,
  type Ipv4RouteRow,
  ipv4FibHeader,
  ipv4RouteRow,
  isHostRoute,
  type RtCacheRow,
  rtCacheHeader,
  rtCacheRow,
} from './render-inet.js';
export {
  formatIpv6Route,
  formatNdiscRow,
  IPV6_ROUTE_HEADER,
  type Ipv6RouteRow,
  ipv6RouteRow,
  type NdiscRow,
  ndiscHeader,
  ndiscRow,
} from './render-inet6.js';
export { ipv4NumericRowWriter, ipv6NumericRowWriter } from './route-writer.js';
export {
  guessRtCacheFormat,
  parseRtCache,
  type RtCacheFormat,
  type RtCacheParse,
  type RtCacheRecord,
  scanRtCache,
} from './rt-cache.js';
export { type Conversion, ipv4FromRouteBytes, ipv4FromRouteHex, scanRanges } from './scan.js';
