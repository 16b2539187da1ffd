-- End-to-end test of `slopguard lsp` in a real editor, driven by server/tests/lsp_nvim.rs.
--
-- Environment:
--   SLOPGUARD_PLUGIN   editors/nvim (the plugin under test; the server is started through it)
--   SLOPGUARD_BIN      the slopguard binary
--   SLOPGUARD_RULES    the fixture rule directory
--   SLOPGUARD_WORKDIR  a git repository with committed app.py, web.js, view.ts, src/net.rs
--   SLOPGUARD_LOG      where this script writes its report; the last line is E2E OK or E2E FAILED
--   SLOPGUARD_BUILTIN  optional "FILE|RULE_ID": a file on which a built-in rule must fire
--   SLOPGUARD_INSTALL_CASES  "FILE|PACKAGE,...": untracked files (README.md, Dockerfile...) whose
--                      install command or manifest entry names PACKAGE, which does not exist
local env = vim.env
local log = assert(io.open(env.SLOPGUARD_LOG, "w"))

local function say(fmt, ...)
  log:write(string.format(fmt, ...) .. "\n")
  log:flush()
end

-- Generous: a debug build compiles the full rule pack at startup.
local TIMEOUT = 60000

local function check(cond, fmt, ...)
  if not cond then
    error(string.format(fmt, ...), 2)
  end
end

local function diagnostics_of(buf, rule)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == "slopguard" and (rule == nil or d.code == rule) then
      table.insert(out, d)
    end
  end
  return out
end

local function wait_for(what, predicate)
  local ok = vim.wait(TIMEOUT, predicate, 20)
  check(ok, "timed out waiting for %s", what)
end

local function lsp_diagnostic(d)
  local lsp = (d.user_data or {}).lsp or {}
  return {
    range = {
      start = { line = d.lnum, character = d.col },
      ["end"] = { line = d.end_lnum, character = d.end_col },
    },
    severity = d.severity,
    code = d.code,
    source = d.source,
    message = lsp.message or d.message,
  }
end

local function code_actions(buf, d)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = lsp_diagnostic(d).range,
    context = { diagnostics = { lsp_diagnostic(d) } },
  }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, TIMEOUT)
  check(responses, "no answer to textDocument/codeAction")
  local actions = {}
  for _, response in pairs(responses) do
    check(not response.err, "codeAction error: %s", vim.inspect(response.err))
    for _, action in ipairs(response.result or {}) do
      table.insert(actions, action)
    end
  end
  return actions
end

local function apply_action(buf, d, title_prefix)
  local actions = code_actions(buf, d)
  local titles = {}
  for _, action in ipairs(actions) do
    table.insert(titles, action.title)
    if action.title:sub(1, #title_prefix) == title_prefix then
      check(action.edit, "action %q has no edit", action.title)
      vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
      return action
    end
  end
  error(string.format("no code action starting with %q among %s", title_prefix, vim.inspect(titles)))
end

local function open(path)
  vim.cmd("edit " .. vim.fn.fnameescape(env.SLOPGUARD_WORKDIR .. "/" .. path))
  local buf = vim.api.nvim_get_current_buf()
  wait_for("the slopguard client to attach to " .. path, function()
    for _, client in pairs(vim.lsp.buf_get_clients(buf)) do
      if client.name == "slopguard" and client.initialized then
        return true
      end
    end
    return false
  end)
  return buf
end

local function line(buf, n)
  return vim.api.nvim_buf_get_lines(buf, n, n + 1, true)[1]
end

-- One language: insert an assistant's snippet, expect the diagnostic, apply the fix, expect it
-- gone. The committed file has a legacy finding that onlyChangedLines must hide.
local function fix_case(case)
  local buf = open(case.file)
  local at = case.at or vim.api.nvim_buf_line_count(buf)
  -- What accepting a multi-line completion does: lines appear at once.
  vim.api.nvim_buf_set_lines(buf, at, at, true, case.snippet)
  local flagged_line = at + case.flagged
  wait_for(case.rule .. " in " .. case.file, function()
    return #diagnostics_of(buf, case.rule) > 0
  end)
  local found = diagnostics_of(buf, case.rule)
  check(#found == 1, "%s: expected 1 diagnostic (legacy line hidden by onlyChangedLines), got %s",
    case.file, vim.inspect(found))
  local d = found[1]
  check(d.lnum == flagged_line, "%s: diagnostic on line %d, expected %d", case.file, d.lnum, flagged_line)
  check(d.severity == case.severity, "%s: severity %s", case.file, tostring(d.severity))
  say("%s: %s at %d:%d-%d:%d: %s", case.file, d.code, d.lnum, d.col, d.end_lnum, d.end_col, d.message)

  apply_action(buf, d, "Fix " .. case.rule)
  check(line(buf, flagged_line) == case.fixed, "%s: after the fix the line is %q", case.file,
    line(buf, flagged_line))
  wait_for("the diagnostic in " .. case.file .. " to clear", function()
    return #diagnostics_of(buf, case.rule) == 0
  end)
  say("%s: fixed and cleared: %s", case.file, case.fixed)
  return buf
end

local function main()
  vim.opt.runtimepath:prepend(env.SLOPGUARD_PLUGIN)
  vim.cmd("filetype on")
  require("slopguard").setup({
    cmd = { env.SLOPGUARD_BIN, "lsp", "--rules", env.SLOPGUARD_RULES },
    settings = { onlyChangedLines = true },
  })
  local E, W = vim.diagnostic.severity.ERROR, vim.diagnostic.severity.WARN

  fix_case({
    file = "app.py",
    snippet = { "", "def load_config(request):", "    return yaml.load(request.data)" },
    flagged = 2,
    rule = "python.fixture-yaml-load",
    severity = E,
    fixed = "    return yaml.safe_load(request.data)",
  })
  local js = fix_case({
    file = "web.js",
    snippet = { "function show(el, userInput) {", "  el.innerHTML = userInput;", "}" },
    flagged = 1,
    rule = "js.fixture-inner-html",
    severity = W,
    fixed = "  el.textContent = userInput;",
  })
  fix_case({
    file = "view.ts",
    snippet = {
      "export function render(el: HTMLElement, message: string): void {",
      "  el.innerHTML = `<b>${message}</b>`; // é😀 before the fix",
      "}",
    },
    flagged = 1,
    rule = "js.fixture-inner-html",
    severity = W,
    fixed = "  el.textContent = `<b>${message}</b>`; // é😀 before the fix",
  })
  fix_case({
    file = "src/net.rs",
    at = 1,
    snippet = {
      "    let client = reqwest::Client::builder().danger_accept_invalid_certs(true).build()?;",
    },
    flagged = 0,
    rule = "rust.fixture-accept-invalid-certs",
    severity = E,
    fixed = "    let client = reqwest::Client::builder().danger_accept_invalid_certs(false).build()?;",
  })

  -- "Ignore <rule> on this line" writes the comment in the file's syntax.
  vim.cmd("buffer " .. js)
  local at = vim.api.nvim_buf_line_count(js)
  vim.api.nvim_buf_set_lines(js, at, at, true, { "document.body.innerHTML = banner;" })
  wait_for("a second js finding", function()
    return #diagnostics_of(js, "js.fixture-inner-html") == 1
  end)
  apply_action(js, diagnostics_of(js, "js.fixture-inner-html")[1], "Ignore js.fixture-inner-html")
  local ignored = line(js, at)
  check(ignored == "document.body.innerHTML = banner;  // slopguard: ignore[js.fixture-inner-html]",
    "ignore comment: %q", ignored)
  say("web.js: ignore comment written: %s", ignored)
  -- The server honours the comment it wrote: the finding on that line is gone.
  wait_for("the suppressed js finding to clear", function()
    for _, d in ipairs(diagnostics_of(js, "js.fixture-inner-html")) do
      if d.lnum == at then
        return false
      end
    end
    return true
  end)
  say("web.js: suppressed finding cleared")

  if env.SLOPGUARD_BUILTIN and env.SLOPGUARD_BUILTIN ~= "" then
    local file, rule = env.SLOPGUARD_BUILTIN:match("^(.*)|(.*)$")
    vim.cmd("edit " .. vim.fn.fnameescape(file))
    local buf = vim.api.nvim_get_current_buf()
    wait_for("built-in rule " .. rule .. " on " .. file, function()
      return #diagnostics_of(buf, rule) > 0
    end)
    say("built-in rule %s fired on %s", rule, file)
  else
    say("no built-in rules in this build: built-in check not applicable")
  end

  -- The plugin attaches to Markdown, Dockerfiles, Makefiles, shell scripts, workflows and
  -- manifests, and the server checks the packages their install commands name.
  for case in (env.SLOPGUARD_INSTALL_CASES or ""):gmatch("[^,]+") do
    local file, package = case:match("^(.*)|(.*)$")
    local buf = open(file)
    local rule = "registry.hallucinated-package"
    wait_for(rule .. " in " .. file, function()
      return #diagnostics_of(buf, rule) > 0
    end)
    local d = diagnostics_of(buf, rule)[1]
    check(d.message:find(package, 1, true), "%s: %s", file, d.message)
    say("%s: %s at %d:%d (%s)", file, rule, d.lnum, d.col, vim.bo[buf].filetype)
  end
end

local ok, err = xpcall(main, debug.traceback)
if ok then
  say("E2E OK")
  log:close()
  vim.cmd("qall!")
else
  say("E2E FAILED: %s", err)
  log:close()
  vim.cmd("cquit 1")
end
