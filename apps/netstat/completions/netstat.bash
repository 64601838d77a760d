# bash completion for netstat (netstat-ts): generated from the option table (packages/core/src/args/option-table.ts); do not edit
_netstat_ts_families() {
  local words=() i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "${COMP_WORDS[i]}" in
      --plugin) words+=(--plugin "${COMP_WORDS[i+1]}") ;;
      --plugin=*) words+=("${COMP_WORDS[i]}") ;;
    esac
  done
  local fams
  fams=$("${COMP_WORDS[0]}" "${words[@]}" --list-families 2>/dev/null) || fams=""
  [[ -n "$fams" ]] || fams="inet inet6 unix ipx ax25 netrom rose x25 ddp econet ash bluetooth netlink"
  local prefix="" last="$1"
  if [[ "$last" == *,* ]]; then prefix="${last%,*},"; last="${last##*,}"; fi
  COMPREPLY=($(compgen -P "$prefix" -W "$fams" -- "$last"))
}
_netstat_ts_ifaces() {
  local ifs=() f
  for f in /sys/class/net/*; do [[ -e "$f" ]] && ifs+=("${f##*/}"); done
  COMPREPLY=($(compgen -P "$2" -W "${ifs[*]}" -- "$1"))
}
_netstat_ts() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
  if [[ "$prev" == "=" && $COMP_CWORD -ge 2 ]]; then prev="${COMP_WORDS[COMP_CWORD-2]}="; fi
  if [[ "$cur" == "=" ]]; then prev="${COMP_WORDS[COMP_CWORD-1]}="; cur=""; fi
  case "$prev" in
    -A|--protocol|--protocol=) _netstat_ts_families "$cur"; return ;;
    -i|--interfaces|--interfaces=) _netstat_ts_ifaces "$cur" ""; return ;;
    --root|--root=) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --plugin|--plugin=) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  case "$cur" in
    -A?*) _netstat_ts_families "${cur#-A}"; COMPREPLY=("${COMPREPLY[@]/#/-A}"); return ;;
    -I?*) _netstat_ts_ifaces "${cur#-I}" "-I"; return ;;
    -*) COMPREPLY=($(compgen -W "-r -i -I -g -s -M -L -v -W -n -N -e -p -o -c -l -a -F -C -Z -t -u -U -S -w -x -A -4 -6 -2 -f -d -V -h --route --interfaces --groups --statistics --masquerade --netlink --verbose --wide --numeric --numeric-hosts --numeric-ports --numeric-users --symbolic --extend --programs --timers --continuous --listening --all --fib --cache --context --tcp --udp --udplite --sctp --raw --unix --protocol --ax25 --x25 --ip --ipx --appletalk --netrom --inet --inet6 --ddp --rose --unix --bluetooth --tcpip --l2cap --rfcomm --version --help --json --root --plugin --list-families --help-all" -- "$cur")); return ;;
  esac
}
complete -F _netstat_ts netstat
