import type { Plugin } from 'esbuild';

/** esbuild plugin: stand-ins for the built-ins a dependency requires as it loads but thincim never uses (lazy-builtins.mjs). */
export declare const lazyBuiltins: Plugin;
