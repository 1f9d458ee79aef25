// The VS Code client: starts `workoutlang lsp` and talks to it over stdio.
// Everything the editor shows (diagnostics, completion, hover, formatting,
// outline, quick fixes) comes from the server; this file only starts it.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function createClient() {
  const config = vscode.workspace.getConfiguration("workoutlang");
  const command = config.get("server.path", "workoutlang");
  const args = config.get("server.args", ["lsp"]);
  const server = { command, args, transport: TransportKind.stdio };
  return new LanguageClient("workoutlang", "workoutlang", server, {
    documentSelector: [{ language: "workoutlang" }],
  });
}

async function start() {
  client = createClient();
  try {
    await client.start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `workoutlang: could not start the language server (${error.message}). ` +
        "Install workoutlang (pip install workoutlang) or set workoutlang.server.path."
    );
  }
}

async function restart() {
  if (client) {
    await client.stop().catch(() => undefined);
  }
  await start();
}

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand("workoutlang.restartServer", restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("workoutlang.server")) {
        restart();
      }
    })
  );
  return start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
