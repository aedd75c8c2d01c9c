// errtriage for Node, ESM entry: the same module instance as `require('errtriage')`; the
// names come from the one export list (js/index.d.ts, written in by js/build.mjs).
import errtriage from './index.cjs';

export const { /* @exports */ } = errtriage;
