import { FAMILY_KEYWORDS, OPTIONS, type OptionDef } from '@netstat-ts/core/args';

/**
 * bash and zsh completions for `netstat`, generated from the option table. `-A` families come
 * from `netstat --list-families` (which loads the plugins given on the line and in
 * NETSTAT_PLUGINS), falling back to 2.10's keywords; `-i`/`-I`/`--interfaces=` complete the
 * names in /sys/class/net. The committed files are checked against these by
 * apps/netstat/test/option-table.test.ts.
 */

const HEADER = 'generated from the option table (packages/core/src/args/option-table.ts); do not edit';

const keywords = () => FAMILY_KEYWORDS.map((k) => k.keyword).join(' ');
const argOf = (d: OptionDef) => (d.long ? (d.longArg ?? d.arg) : d.arg);

/** The bash completion script (`source` it, or install as /usr/share/bash-completion/completions/netstat). */
export function renderBash(): string {
  const shorts = OPTIONS.filter((d) => d.short && d.short !== '?').map((d) => `-${d.short}`);
  const longs = OPTIONS.filter((d) => d.long).map((d) => `--${d.long}`);
  const byCompletion = (c: string, withArg: boolean) =>
    OPTIONS.filter((d) => d.complete === c && (!withArg || argOf(d) === 'required'))
      .flatMap((d) => [d.short && d.arg === 'required' ? `-${d.short}` : '', d.long ? `--${d.long}` : ''])
      .filter(Boolean)
      .join('|');
  return `# bash completion for netstat (netstat-ts): ${HEADER}
_netstat_ts_families() {
  local words=() i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      --plugin) words+=(--plugin "\${COMP_WORDS[i+1]}") ;;
      --plugin=*) words+=("\${COMP_WORDS[i]}") ;;
    esac
  done
  local fams
  fams=$("\${COMP_WORDS[0]}" "\${words[@]}" --list-families 2>/dev/null) || fams=""
  [[ -n "$fams" ]] || fams="${keywords()}"
  local prefix="" last="$1"
  if [[ "$last" == *,* ]]; then prefix="\${last%,*},"; last="\${last##*,}"; fi
  COMPREPLY=($(compgen -P "$prefix" -W "$fams" -- "$last"))
}
_netstat_ts_ifaces() {
  local ifs=() f
  for f in /sys/class/net/*; do [[ -e "$f" ]] && ifs+=("\${f##*/}"); done
  COMPREPLY=($(compgen -P "$2" -W "\${ifs[*]}" -- "$1"))
}
_netstat_ts() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [[ "$prev" == "=" && $COMP_CWORD -ge 2 ]]; then prev="\${COMP_WORDS[COMP_CWORD-2]}="; fi
  if [[ "$cur" == "=" ]]; then prev="\${COMP_WORDS[COMP_CWORD-1]}="; cur=""; fi
  case "$prev" in
    ${byCompletion('families', true)}|--protocol=) _netstat_ts_families "$cur"; return ;;
    -i|--interfaces|--interfaces=) _netstat_ts_ifaces "$cur" ""; return ;;
    ${byCompletion('directories', true)}|--root=) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    ${byCompletion('plugins', true)}|--plugin=) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  case "$cur" in
    -A?*) _netstat_ts_families "\${cur#-A}"; COMPREPLY=("\${COMPREPLY[@]/#/-A}"); return ;;
    -I?*) _netstat_ts_ifaces "\${cur#-I}" "-I"; return ;;
    -*) COMPREPLY=($(compgen -W "${shorts.join(' ')} ${longs.join(' ')}" -- "$cur")); return ;;
  esac
}
complete -F _netstat_ts netstat
`;
}

/** Text safe inside a zsh single-quoted _arguments description. */
function zdesc(s: string): string {
  return s.replace(/'/g, "'\\''").replace(/[[\]]/g, '\\$&').replace(/:/g, ' -');
}

const ZACTION: Record<string, string> = {
  families: '_netstat_ts_families',
  interfaces: '_netstat_ts_ifaces',
  directories: '_files -/',
  files: '_files',
  plugins: '_files',
};

/** The zsh completion function (`_netstat`; put its directory on fpath before compinit). */
export function renderZsh(): string {
  const specs: string[] = [];
  for (const d of OPTIONS) {
    if (d.short === '?') continue;
    const text = zdesc(d.help ?? d.man ?? '');
    const act = d.complete ? ZACTION[d.complete] : '';
    const rep = d.key === 'e' || d.key === 'v' || d.key === 'g' ? '*' : '';
    const name = d.argName ?? 'value';
    if (d.short) {
      const suffix = d.arg === 'required' ? '+' : d.arg === 'optional' ? '-' : '';
      specs.push(`'${rep}-${d.short}${suffix}[${text}]${d.arg ? `:${name}:${act}` : ''}'`);
    }
    if (d.long) {
      const a = argOf(d);
      const suffix = a === 'required' ? '=' : a === 'optional' ? '=-' : '';
      specs.push(`'${rep}--${d.long}${suffix}[${text}]${a && a !== 'none' ? `:${name}:${act}` : ''}'`);
    }
  }
  return `#compdef netstat
# zsh completion for netstat (netstat-ts): ${HEADER}
_netstat_ts_families() {
  local -a fams plugins
  local i
  for (( i = 2; i < CURRENT; i++ )); do
    case $words[i] in
      --plugin) plugins+=(--plugin "$words[i+1]") ;;
      --plugin=*) plugins+=("$words[i]") ;;
    esac
  done
  fams=(\${(f)"$(\${words[1]} $plugins --list-families 2>/dev/null)"})
  (( $#fams )) || fams=(${keywords()})
  _values -s , 'address family' $fams
}
_netstat_ts_ifaces() {
  local -a ifs
  ifs=(/sys/class/net/*(N:t))
  compadd -a ifs
}
_netstat() {
  _arguments -s \\
    ${specs.join(' \\\n    ')} \\
    '*:interface (after -i):_netstat_ts_ifaces'
}
_netstat "$@"
`;
}
