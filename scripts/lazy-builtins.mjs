// An esbuild plugin of the build's (scripts/bundle.mjs), also given to the
// benchmark's fastify floor (bench/footprint.ts) so that it is bundled as
// thincim's server is.

/**
 * Built-ins a dependency requires as it loads but uses only for what thincim
 * never asks of it: the dependency gets a stand-in that requires the module
 * on its first property read. The modules that hold each such require.
 */
const LAZY_BUILTINS = { 'node:http2': /[\\/]node_modules[\\/]fastify[\\/]lib[\\/]server\.js$/ };

export const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, ({ path, importer }) => (LAZY_BUILTINS[path]?.test(importer) ? { path, namespace: 'lazy-builtin' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, ({ path }) => ({
      contents: `let loaded; module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require(${JSON.stringify(path)}))[key] });`,
      loader: 'js',
    }));
  },
};
