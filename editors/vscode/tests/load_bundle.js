// Loads a bundled client (argument 1) outside VS Code and prints its exports as JSON.
// `vscode` exists only inside the editor, so a stub stands in for it: every property,
// call or `new` gives the stub back. Any other module the bundle requires must be
// a Node built-in; run from a folder without node_modules, a require of
// vscode-languageclient left out of the bundle fails here.
"use strict";

const Module = require("module");

const stub = new Proxy(function () {}, {
  get: (_, key) => (key === "then" ? undefined : stub),
  apply: () => stub,
  construct: () => stub,
});
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === "vscode" ? stub : load.call(this, request, ...rest);
};

const extension = require(require("path").resolve(process.argv[2]));
console.log(JSON.stringify(Object.keys(extension).sort()));
