import { OPTIONS, type OptionDef } from '@netstat-ts/core/args';
import { Command, Option } from 'commander';

/** commander's flags string of an option (`-A, --protocol <families>`, `-i, --interfaces [iface]`). */
export function commanderFlags(d: OptionDef): string {
  const names = [d.short && `-${d.short}`, d.long && `--${d.long}`].filter(Boolean).join(', ');
  const a = d.long ? (d.longArg ?? d.arg) : d.arg;
  const name = d.argName ?? 'value';
  return a === 'required' ? `${names} <${name}>` : a === 'optional' ? `${names} [${name}]` : names;
}

/** The options `--help-all` lists: those of the table with a help line, in table order. */
export function helpOptions(): OptionDef[] {
  return OPTIONS.filter((d) => d.help !== undefined);
}

/**
 * The full help (`--help-all`), rendered by commander from the option table (OPTIONS in
 * @netstat-ts/core/args): the 2.10 options plus netstat-ts's extensions. (`-h`/`--help` print
 * 2.10's usage text verbatim.)
 */
export function helpAll(version: string): string {
  const cmd = new Command('netstat')
    .usage('[options] [-A family] [-r | -i [iface] | -g | -s | -M]')
    .description(
      `netstat-ts ${version}: print network connections, routing tables, interface statistics, masquerade connections and multicast memberships, as net-tools 2.10 netstat does.`,
    )
    .helpOption(false)
    .configureHelp({ sortOptions: false, helpWidth: 100 });
  for (const d of helpOptions())
    cmd.addOption(new Option(commanderFlags(d), d.extension ? `netstat-ts: ${d.help}` : d.help));
  return cmd.helpInformation();
}
