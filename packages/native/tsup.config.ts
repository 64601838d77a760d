import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/codec/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node20',
  // koffi stays external: it is imported with import() only when a command needs the kernel.
  external: ['koffi'],
});
