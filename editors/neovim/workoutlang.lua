-- workoutlang in Neovim: `.wol` files get the filetype `workoutlang` (comments
-- `# `, two-space indent), and each is attached to the language server
-- `workoutlang lsp`: diagnostics, hover (K), completion, formatting
-- (vim.lsp.buf.format()), go to definition and quick fixes
-- (vim.lsp.buf.code_action()).
--
-- Copy this file into your init.lua, or load it from there:
--   dofile("/path/to/workoutlang/editors/neovim/workoutlang.lua")
-- When `workoutlang` is not on PATH (a virtual environment), name the command first:
--   vim.g.workoutlang_cmd = { "/path/to/.venv/bin/workoutlang", "lsp" }
--
-- Neovim 0.8 and later start one server per project with vim.lsp.start; 0.7
-- (Debian 12's) has no vim.lsp.start, so the same is done by hand below.

local modern = vim.fn.has("nvim-0.8") == 1

if modern then
  vim.filetype.add({ extension = { wol = "workoutlang" } })
else
  -- 0.7 reads vim.filetype.add only when g:do_filetype_lua was set before startup.
  vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
    pattern = "*.wol",
    command = "setfiletype workoutlang",
  })
end

-- The project a file belongs to: the folder of the nearest pyproject.toml or
-- .git above it, else its own folder. One server runs per project.
local function root_dir(buf)
  local folder = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ":p:h")
  local pyproject = vim.fn.findfile("pyproject.toml", folder .. ";")
  if pyproject ~= "" then
    return vim.fn.fnamemodify(pyproject, ":p:h")
  end
  local git = vim.fn.finddir(".git", folder .. ";")
  if git ~= "" then
    return vim.fn.fnamemodify(git, ":p:h:h")
  end
  return folder
end

local started_by_root = {} -- 0.7 only: the client id serving each project

local function attach(buf)
  local config = {
    name = "workoutlang",
    cmd = vim.g.workoutlang_cmd or { "workoutlang", "lsp" },
    root_dir = root_dir(buf),
  }
  if modern then
    vim.lsp.start(config, { bufnr = buf })
    return
  end
  local id = started_by_root[config.root_dir]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(config)
    started_by_root[config.root_dir] = id
  end
  if id then
    vim.lsp.buf_attach_client(buf, id)
  end
end

vim.api.nvim_create_autocmd("FileType", {
  group = vim.api.nvim_create_augroup("workoutlang", { clear = true }),
  pattern = "workoutlang",
  callback = function(args)
    vim.bo[args.buf].commentstring = "# %s"
    vim.bo[args.buf].expandtab = true
    vim.bo[args.buf].shiftwidth = 2
    vim.bo[args.buf].softtabstop = 2
    attach(args.buf)
  end,
})
