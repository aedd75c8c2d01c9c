// errtriage for Node (CommonJS entry; index.mjs re-exports it for `import`): loads the
// native addon for this platform and puts the shared JS layer (api.cjs) in front of it.
'use strict';

const { createApi } = require('./api.cjs');
const { createAdapters } = require('./adapters.cjs');
const { version } = require('./version.cjs');

const file = `./errtriage.${process.platform}-${process.arch}.node`;
let native;
try {
  native = require(file);
} catch (error) {
  throw new Error(`errtriage: no native addon for ${process.platform}-${process.arch} in this package (${file}); build it from source with \`npm run build\``, { cause: error });
}

const { load, api, clients } = createApi(native, version);
load();

/** Nothing to load in Node: resolves at once (kept so code written for errtriage-wasm runs unchanged). */
async function init() {}

const adapters = createAdapters(api, clients);

module.exports = { init, ...api, ...adapters, version };
