-- Drives the workoutlang language server from headless Neovim through the
-- snippet in editors/neovim (tests/test_neovim.py runs it). It opens a plan
-- with problems, waits for the server's diagnostics, asks for hover on an
-- exercise, formats a mis-indented plan, and writes what it saw as JSON to
-- $WOL_NVIM_OUT; then Neovim quits. Inputs come in environment variables.
local env = vim.env
local timeout = tonumber(env.WOL_NVIM_TIMEOUT_MS)
local seen = { version = vim.version(), modern = vim.lsp.start ~= nil }

local function clients_of(buf)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = buf })
  end
  return vim.tbl_values(vim.lsp.buf_get_clients(buf))
end

-- True once a client attached to `buf` has finished its initialize handshake.
local function ready(buf)
  for _, client in ipairs(clients_of(buf)) do
    if client.server_capabilities and next(client.server_capabilities) then
      return true
    end
  end
  return false
end

local function open(path)
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

local function drive()
  dofile(env.WOL_NVIM_SNIPPET)

  local problems = open(env.WOL_NVIM_PROBLEMS)
  seen.filetype = vim.bo[problems].filetype
  seen.commentstring = vim.bo[problems].commentstring
  seen.shiftwidth = vim.bo[problems].shiftwidth
  seen.ready = vim.wait(timeout, function() return ready(problems) end, 50)
  seen.clients = vim.tbl_map(function(client) return client.name end, clients_of(problems))
  if not seen.ready then
    error("no language server got ready for " .. env.WOL_NVIM_PROBLEMS)
  end
  seen.got_diagnostics = vim.wait(timeout, function()
    return #vim.diagnostic.get(problems) > 0
  end, 50)
  seen.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(problems)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(seen.diagnostics, {
      line = d.lnum, column = d.col, severity = d.severity, message = d.message,
      source = d.source, code = d.code or lsp.code,
    })
  end

  local line = tonumber(env.WOL_NVIM_HOVER_LINE)
  local column = tonumber(env.WOL_NVIM_HOVER_COLUMN)
  local answers = vim.lsp.buf_request_sync(problems, "textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(problems) },
    position = { line = line, character = column },
  }, timeout)
  for _, answer in pairs(answers or {}) do
    if answer.result then
      seen.hover = answer.result.contents.value
    end
  end

  local misindented = open(env.WOL_NVIM_MISINDENTED)
  seen.ready_to_format = vim.wait(timeout, function() return ready(misindented) end, 50)
  -- its warnings (no single-leg or mobility work) say the server has read it
  vim.wait(timeout, function() return #vim.diagnostic.get(misindented) > 0 end, 50)
  if vim.lsp.buf.format then
    vim.lsp.buf.format({ bufnr = misindented, timeout_ms = timeout })
  else -- 0.7
    vim.lsp.buf.formatting_sync(nil, timeout)
  end
  seen.formatted = table.concat(vim.api.nvim_buf_get_lines(misindented, 0, -1, true), "\n")
end

local ok, failure = pcall(drive)
seen.error = not ok and tostring(failure) or nil
local file = assert(io.open(env.WOL_NVIM_OUT, "w"))
file:write(vim.fn.json_encode(seen))
file:close()
vim.cmd("qall!")
