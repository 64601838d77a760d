/** Placeholder. */
import type { PluginContext, Section } from '@netstat-ts/core';

/** Multicast group sections. */
export async function inetGroups(_ctx: PluginContext): Promise<Section[]> {
  return [];
}
