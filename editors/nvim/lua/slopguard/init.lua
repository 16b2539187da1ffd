-- slopguard for Neovim: starts `slopguard lsp` for Python, JavaScript, TypeScript and Rust
-- buffers, dependency manifests, and the files assistants write install commands in. Neovim >=
-- 0.11 uses vim.lsp.config/vim.lsp.enable; older versions (0.7+) start one client per project
-- root and attach buffers to it.
local M = {}

M.defaults = {
  cmd = { "slopguard", "lsp" },
  filetypes = {
    "python", "javascript", "javascriptreact", "typescript", "typescriptreact", "rust",
    -- Manifests: Cargo.toml and pyproject.toml, package.json, requirements*.txt (Neovim 0.10+
    -- calls them "requirements"; older versions "text", which is not attached).
    "toml", "json", "requirements",
    -- Install commands (`pip install x`, `npm i x`, `cargo add x`): Markdown (README, AGENTS.md,
    -- CLAUDE.md), shell scripts, Dockerfiles, Makefiles, GitHub workflows. The server reads
    -- each by its file name and ignores the rest of these types (a YAML file outside
    -- .github/workflows, a JSON file that is not package.json) at no cost.
    "markdown", "sh", "bash", "dockerfile", "make", "yaml",
  },
  root_markers = { "slopguard.toml", ".git" },
  -- The settings object shared with the VS Code extension: enable, onlyChangedLines, offline,
  -- severityOverrides, extraRuleDirs, registry = { pypiUrl, npmUrl, cratesIndexUrl }.
  settings = {},
  -- Called with (client, bufnr) when a buffer attaches.
  on_attach = nil,
}

local function find_root(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir = name ~= "" and vim.fn.fnamemodify(name, ":p:h") or vim.loop.cwd()
  while dir and dir ~= "" do
    for _, marker in ipairs(markers) do
      if vim.loop.fs_stat(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      break
    end
    dir = parent
  end
  return name ~= "" and vim.fn.fnamemodify(name, ":p:h") or vim.loop.cwd()
end

local function client_config(opts, root)
  return {
    name = "slopguard",
    cmd = opts.cmd,
    root_dir = root,
    workspace_folders = root and { { uri = vim.uri_from_fname(root), name = root } } or nil,
    init_options = opts.settings,
    settings = { slopguard = opts.settings },
    on_attach = opts.on_attach,
  }
end

-- Neovim 0.7-0.10: one client per root, reused for every buffer below it.
local clients_by_root = {}

local function attach_legacy(opts, bufnr)
  local root = find_root(bufnr, opts.root_markers)
  local config = client_config(opts, root)
  if vim.lsp.start then
    config.bufnr = nil
    vim.lsp.start(config, { bufnr = bufnr })
    return
  end
  local id = clients_by_root[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    if not id then
      vim.notify("slopguard: could not start " .. table.concat(opts.cmd, " "), vim.log.levels.ERROR)
      return
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
end

function M.setup(user)
  local opts = vim.tbl_deep_extend("force", {}, M.defaults, user or {})
  if vim.lsp.config and vim.lsp.enable then
    vim.lsp.config("slopguard", {
      cmd = opts.cmd,
      filetypes = opts.filetypes,
      root_markers = opts.root_markers,
      init_options = opts.settings,
      settings = { slopguard = opts.settings },
      on_attach = opts.on_attach,
    })
    vim.lsp.enable("slopguard")
    return
  end
  local group = vim.api.nvim_create_augroup("slopguard", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = opts.filetypes,
    callback = function(args)
      attach_legacy(opts, args.buf)
    end,
  })
  -- Buffers already open when setup runs.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(opts.filetypes, vim.bo[bufnr].filetype) then
      attach_legacy(opts, bufnr)
    end
  end
end

return M
