use crate::analysis::analyze;
use crate::lang::Language;
use tree_sitter::Tree;

/// The line and message of each finding of `rule` in `text`.
pub(super) fn flagged(language: Language, rule: &str, text: &str) -> Vec<(u32, String)> {
    analyze(language, text)
        .into_iter()
        .filter(|f| &*f.rule_id == rule)
        .map(|f| (f.span.start.line, f.message.to_string()))
        .collect()
}

#[test]
fn a_source_reaching_a_sink_is_named_with_its_path() {
    let text = "def view():\n    u = request.args['u']\n    v = u\n    requests.get(v)\n";
    let findings = analyze(Language::Python, text);
    let ssrf = findings
        .iter()
        .find(|f| &*f.rule_id == "python.ssrf")
        .unwrap();
    assert_eq!(ssrf.span.start.line, 3);
    assert!(
        ssrf.message
            .starts_with("`request.args['u']` (line 2) reaches `requests.get()`")
    );
    let path = ssrf.flow.as_ref().unwrap();
    assert_eq!(path.source.span.start.line, 1);
    let notes: Vec<&str> = path.steps.iter().map(|s| s.note.as_str()).collect();
    assert_eq!(notes, ["assigned to `u`", "assigned to `v`"]);
}

#[test]
fn a_shape_match_in_a_helper_names_the_earliest_caller_source() {
    // The helper's parameter is no source in its own pass; its callers' paths name one, the
    // earliest whichever pass found it first; a method inherited from a class of the file too.
    let text = "import subprocess\n\nclass Runner:\n    def run_shell(self, c):\n        return subprocess.run(c, shell=True)\n\nclass Ping(Runner):\n    def ping(self, host):\n        return self.run_shell('ping ' + host)\n\ndef late():\n    return Ping().ping(request.args['late'])\n\ndef early():\n    return Ping().ping(request.form['early'])\n";
    let found = flagged(Language::Python, "python.subprocess-shell", text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .1
            .ends_with("the value comes from `request.args['late']` (line 12)"),
        "{found:?}"
    );
}

#[test]
fn a_refined_match_a_caller_reaches_is_reported_as_the_match() {
    // The helper's own pass knows nothing of `tool`; the caller's value brings the match back
    // with its span and message, not a finding at the watched value.
    let text = "import subprocess\n\ndef run_tool(tool):\n    return subprocess.check_output([tool, '-v'])\n\ndef view():\n    run_tool(request.args['t'])\n";
    let findings = analyze(Language::Python, text);
    let found: Vec<_> = findings
        .iter()
        .filter(|f| &*f.rule_id == "python.untrusted-program")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].span.start.column, 11, "{found:?}");
    assert_eq!(
        &*found[0].message,
        "`subprocess.check_output()` runs a program whose name comes from untrusted input; the value comes from `request.args['t']` (line 7)"
    );
}

#[test]
fn keyword_and_spread_arguments_reach_their_parameters() {
    let keyword = "def rows(table, order='id', limit=10):\n    cur.execute('SELECT * FROM t ORDER BY ' + order)\n\ndef view():\n    rows('t', limit=5, order=request.args['o'])\n";
    let found = flagged(Language::Python, "python.sql-string-formatting", keyword);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].1.contains("`request.args['o']` (line 5)"),
        "{found:?}"
    );
    // A keyword naming another parameter does not reach this one.
    let other = "def rows(table, order='id', limit=10):\n    cur.execute('SELECT * FROM t ORDER BY ' + order)\n\ndef view():\n    rows('t', limit=request.args['n'])\n";
    let found = flagged(Language::Python, "python.sql-string-formatting", other);
    assert!(found.iter().all(|f| !f.1.contains("request")), "{found:?}");
    let spread = "from flask import request\ndef update(pid, **fields):\n    sql = 'UPDATE p SET ' + ', '.join(fields.values())\n    cur.execute(sql)\n\ndef view():\n    update(1, **request.get_json())\n";
    let found = flagged(Language::Python, "python.sql-string-formatting", spread);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].1.contains("`request.get_json()` (line 7)"),
        "{found:?}"
    );
}

#[test]
fn sanitisers_guards_and_constants_keep_flow_quiet() {
    let sanitised = "def view():\n    n = int(request.args['n'])\n    requests.get(n)\n";
    assert!(flagged(Language::Python, "python.ssrf", sanitised).is_empty());
    let guarded = "def view():\n    h = request.args['h']\n    if h not in ALLOWED:\n        abort(400)\n    requests.get(h)\n";
    assert!(flagged(Language::Python, "python.ssrf", guarded).is_empty());
    let unguarded = "def view():\n    h = request.args['h']\n    if h not in ALLOWED:\n        log(h)\n    requests.get(h)\n";
    assert_eq!(flagged(Language::Python, "python.ssrf", unguarded).len(), 1);
    let constant = "function build() {\n  const s = path.join(__dirname, 'b.sh');\n  execSync(`bash ${s}`);\n}\n";
    assert!(
        flagged(
            Language::JavaScript,
            "js.exec-command-interpolation",
            constant
        )
        .is_empty()
    );
    let untrusted = "app.get('/', (req, res) => {\n  execSync(`bash ${req.query.s}`);\n});\n";
    let found = flagged(
        Language::JavaScript,
        "js.exec-command-interpolation",
        untrusted,
    );
    assert_eq!(found.len(), 1);
    assert!(found[0].1.contains("`req.query.s` (line 2)"), "{found:?}");
}

#[test]
fn a_view_returning_markup_is_a_sink_only_for_route_decorators() {
    let view = "@app.route('/a')\ndef a():\n    n = request.args['n']\n    return f'<p>{n}</p>'\n";
    let found = flagged(Language::Python, "python.xss", view);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("reaches `return`"), "{found:?}");
    // A tuple's first element is the body.
    let tuple = "@app.route('/b/<s>')\ndef b(s):\n    return '<h1>' + s + '</h1>', 404\n";
    assert_eq!(flagged(Language::Python, "python.xss", tuple).len(), 1);
    // No markup, no decorator, or JSON: not the page.
    let text = "@app.route('/c')\ndef c():\n    return request.args['n']\n";
    let helper = "def d():\n    return f\"<p>{request.args['n']}</p>\"\n";
    let json = "@api.get('/e')\ndef e(n: str):\n    return f'<p>{n}</p>'\n";
    for quiet in [text, helper, json] {
        assert!(
            flagged(Language::Python, "python.xss", quiet).is_empty(),
            "{quiet}"
        );
    }
}

#[test]
fn a_property_sink_can_name_its_object_and_the_value_start() {
    let koa = "router.get('/', async (ctx) => {\n  ctx.body = `<p>${ctx.query.q}</p>`;\n});\n";
    assert_eq!(
        flagged(Language::JavaScript, "js.xss-response", koa).len(),
        1
    );
    let plain = "router.get('/', async (ctx) => {\n  ctx.body = `Hi ${ctx.query.q}`;\n});\n";
    let other = "router.get('/', async (ctx) => {\n  page.body = `<p>${ctx.query.q}</p>`;\n});\n";
    for quiet in [plain, other] {
        assert!(
            flagged(Language::JavaScript, "js.xss-response", quiet).is_empty(),
            "{quiet}"
        );
    }
}

#[test]
fn an_entry_source_holds_only_for_functions_the_file_never_calls() {
    let view = "def export(request, name):\n    return open(name)\n";
    assert_eq!(
        flagged(Language::Python, "python.path-traversal", view).len(),
        1
    );
    let helper = "def export(request, name):\n    return open(name)\n\ndef view(request):\n    return export(request, 'a.csv')\n";
    assert!(flagged(Language::Python, "python.path-traversal", helper).is_empty());
    assert!(!super::called_in("f(x)\nab_f(1)", 0..1));
    assert!(super::called_in("def f(x):\n    f(1)", 4..5));
}

#[test]
fn a_helper_that_reads_a_source_hands_it_to_its_callers() {
    let python = "def arg(name):\n    return request.args.get(name)\n\n@app.route('/f')\ndef view():\n    requests.get(arg('u'))\n";
    let found = flagged(Language::Python, "python.ssrf", python);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("(line 2)"), "{found:?}");
    let js = "const filterOf = (req) => req.query.filter;\napp.get('/r', async (req, res) => {\n  const sql = 'SELECT * FROM r WHERE ' + filterOf(req);\n  await pool.query(sql);\n});\n";
    let found = flagged(Language::JavaScript, "js.sql-injection-query", js);
    assert_eq!(found.len(), 1, "{found:?}");
    let constant = "def arg(name):\n    return DEFAULTS.get(name)\n\n@app.route('/f')\ndef view():\n    requests.get(arg('u'))\n";
    assert!(flagged(Language::Python, "python.ssrf", constant).is_empty());
}

#[test]
fn a_condition_that_reads_its_own_variable_ends() {
    // `ok = ok and ...` then `if ok:` once overflowed the stack (Django's numberformat.py).
    let own = "def v(request):\n    u = request.GET['next']\n    ok = ok and url_has_allowed_host_and_scheme(url=u, allowed_hosts=None)\n    if ok:\n        return HttpResponseRedirect(u)\n    return HttpResponseRedirect(u)\n";
    assert_eq!(
        flagged(Language::Python, "python.open-redirect", own).len(),
        1
    );
    let cycle = "def v(request):\n    u = request.GET['next']\n    a = b and c\n    b = a or d\n    if a:\n        return HttpResponseRedirect(u)\n";
    assert_eq!(
        flagged(Language::Python, "python.open-redirect", cycle).len(),
        1
    );
}

#[test]
fn a_check_kept_in_a_variable_guards_like_the_check() {
    let guarded = "def v(request):\n    u = request.GET['next']\n    ok = url_has_allowed_host_and_scheme(url=u, allowed_hosts=None)\n    return HttpResponseRedirect(u if ok else '/')\n";
    assert!(flagged(Language::Python, "python.open-redirect", guarded).is_empty());
    let unrelated = "def v(request):\n    u = request.GET['next']\n    ok = len(u) < 100\n    return HttpResponseRedirect(u if ok else '/')\n";
    assert_eq!(
        flagged(Language::Python, "python.open-redirect", unrelated).len(),
        1
    );
    let rebound = "def v(request):\n    u = request.GET['next']\n    ok = url_has_allowed_host_and_scheme(url=u, allowed_hosts=None)\n    ok = True\n    return HttpResponseRedirect(u if ok else '/')\n";
    assert_eq!(
        flagged(Language::Python, "python.open-redirect", rebound).len(),
        1
    );
    // A condition that names its own variable is followed once, not forever.
    let accumulated = "def v(request):\n    u = request.GET['next']\n    ok = True\n    ok = ok and url_has_allowed_host_and_scheme(url=u, allowed_hosts=None)\n    return HttpResponseRedirect(u if ok else '/')\n";
    assert!(flagged(Language::Python, "python.open-redirect", accumulated).is_empty());
}

#[test]
fn local_helpers_carry_taint_to_their_sinks() {
    // (A request extractor: `rust.ssrf` ignores the command line, which is its user's own.)
    let text = "fn fetch(url: &str) {\n    reqwest::get(url);\n}\nasync fn h(Query(q): Query<P>) {\n    let a: Vec<String> = q.urls.clone();\n    fetch(&a[1]);\n}\n";
    let found = flagged(Language::Rust, "rust.ssrf", text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 1);
}

#[test]
fn a_helper_called_at_module_level_sees_the_module_constants_it_reads() {
    // The module pass calls `render()` before it has bound `BANNER`: the summary made then
    // must not decide what the shape rule sees in `render`'s own pass.
    let text = "const BANNER = \"<b>sale</b>\";\nfunction render() {\n  return h(\"div\", { innerHTML: BANNER });\n}\nrender();\n";
    assert!(flagged(Language::JavaScript, "js.vue-v-html", text).is_empty());
    let early = "render();\nconst BANNER = \"<b>sale</b>\";\nfunction render() {\n  return h(\"div\", { innerHTML: BANNER });\n}\n";
    assert!(flagged(Language::JavaScript, "js.vue-v-html", early).is_empty());
    let untrusted = "const BANNER = location.hash;\nfunction render() {\n  return h(\"div\", { innerHTML: BANNER });\n}\nrender();\n";
    assert_eq!(
        flagged(Language::JavaScript, "js.vue-v-html", untrusted).len(),
        1
    );
}

#[test]
fn helpers_keep_the_clean_bits_of_what_they_return() {
    let quoted =
        "def q(v):\n    return shlex.quote(v)\n\ndef run(name):\n    os.system('ls ' + q(name))\n";
    assert!(flagged(Language::Python, "python.os-system", quoted).is_empty());
    let passed = "def wrap(v):\n    return f'origin/{v}'\n\ndef run():\n    os.system('git checkout ' + wrap('main'))\n";
    assert!(flagged(Language::Python, "python.os-system", passed).is_empty());
    let unknown = "def wrap(v):\n    return f'origin/{v}'\n\ndef run(branch):\n    os.system('git checkout ' + wrap(branch))\n";
    assert_eq!(
        flagged(Language::Python, "python.os-system", unknown).len(),
        1
    );
}

#[test]
fn sinks_match_every_spelling_of_their_canonical_name() {
    let python = "import requests as r\nfrom subprocess import run as go\ndef view():\n    u = request.args['u']\n    r.get(u)\n    go(u, shell=True)\n";
    let found = flagged(Language::Python, "python.ssrf", python);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("reaches `r.get()`"), "{found:?}");
    let shell = flagged(Language::Python, "python.subprocess-shell", python);
    assert_eq!(shell.len(), 1, "{shell:?}");
    // A local variable that shadows the import is not the module.
    let shadowed =
        "import requests as r\ndef view():\n    r = {}\n    u = request.args['u']\n    r.get(u)\n";
    assert!(flagged(Language::Python, "python.ssrf", shadowed).is_empty());
    // An aliased request object is still a source.
    let aliased_source = "from flask import request as rq\nimport requests\ndef view():\n    requests.get(rq.args['u'])\n";
    assert_eq!(
        flagged(Language::Python, "python.ssrf", aliased_source).len(),
        1
    );

    let js = "import { exec as run } from 'node:child_process';\nimport f from 'node-fetch';\napp.get('/', (req, res) => {\n  const c = req.query.c;\n  run(c);\n  f(req.query.u);\n});\n";
    // `run(c)` is the shell: a variable command is `js.exec-command-variable`'s, which takes
    // the flow finding of the same weakness and names the source.
    let exec = flagged(Language::JavaScript, "js.exec-command-variable", js);
    assert_eq!(
        exec.iter().map(|f| f.0).collect::<Vec<_>>(),
        [4],
        "{exec:?}"
    );
    assert!(exec[0].1.contains("`req.query.c` (line 4)"), "{exec:?}");
    let ssrf = flagged(Language::JavaScript, "js.ssrf", js);
    assert_eq!(
        ssrf.iter().map(|f| f.0).collect::<Vec<_>>(),
        [5],
        "{ssrf:?}"
    );
    // The same bare name imported from a module of the project is not the shell.
    let local =
        "import { exec } from './db';\napp.get('/', (req, res) => {\n  exec(req.query.sql);\n});\n";
    for rule in ["js.exec-command-interpolation", "js.exec-command-variable"] {
        assert!(
            flagged(Language::JavaScript, rule, local).is_empty(),
            "{rule}"
        );
    }

    let rust = "use std::fs::read_to_string as slurp;\nasync fn file(Path(name): Path<String>) {\n    slurp(&name);\n}\n";
    assert_eq!(
        flagged(Language::Rust, "rust.path-traversal", rust).len(),
        1
    );
    // A command-line tool reading the file its user names is not a traversal.
    let cli = "use std::fs::read_to_string as slurp;\nfn main() {\n    let a: Vec<String> = std::env::args().collect();\n    slurp(&a[1]);\n}\n";
    assert!(flagged(Language::Rust, "rust.path-traversal", cli).is_empty());
}

/// The old tree edited to follow `before` → `after` (one replacement), the new parse, and
/// the edited bytes grown by one on each side (as the re-check grows them).
fn trees(
    language: Language,
    before: &str,
    from: &str,
    to: &str,
) -> (Tree, Tree, std::ops::Range<usize>) {
    let at = before.find(from).expect("the edited text is in the sample");
    let after = format!("{}{to}{}", &before[..at], &before[at + from.len()..]);
    let point = |text: &str, offset: usize| {
        let row = text[..offset].matches('\n').count();
        let column = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1);
        tree_sitter::Point::new(row, column)
    };
    let mut old = crate::analysis::parse(language, before, None).unwrap();
    old.edit(&tree_sitter::InputEdit {
        start_byte: at,
        old_end_byte: at + from.len(),
        new_end_byte: at + to.len(),
        start_position: point(before, at),
        old_end_position: point(before, at + from.len()),
        new_end_position: point(&after, at + to.len()),
    });
    let new = crate::analysis::parse(language, &after, Some(&old)).unwrap();
    (
        old,
        new,
        at.saturating_sub(1)..(at + to.len() + 1).min(after.len()),
    )
}

/// Whether flow keeps the module structure after `from` in `before` becomes `to`.
fn structure_kept(language: Language, before: &str, from: &str, to: &str) -> bool {
    let (old, new, edited) = trees(language, before, from, to);
    super::same_module_structure(language, &old, &new, &[edited])
}

#[test]
fn an_edit_inside_a_function_keeps_the_module_structure_while_elsewhere_does_not_parse() {
    // The struct's fields hold a stray statement: the file does not parse, but typing
    // inside `run` changes nothing outside it.
    let rust = "struct S {\n    a: u8,\n    let x = 1;\n}\n\nconst CMD: &str = \"ls\";\n\nfn run(v: &str) {\n    let w = v;\n}\n";
    assert!(structure_kept(
        Language::Rust,
        rust,
        "let w = v;",
        "let w = v.trim();"
    ));
    let python = "y = [1]]\n\ndef f(a):\n    return a\n";
    assert!(structure_kept(
        Language::Python,
        python,
        "return a",
        "return a.strip()"
    ));
}

#[test]
fn a_brace_that_closes_a_function_changes_the_module_structure() {
    // Before: `a` is open, so error recovery decides what the constant belongs to; after
    // the brace, `CMD` is module-level and `f` reads it.
    let js = "function a() {\n  run(1);\n\nconst CMD = 'ls';\nfunction f() {\n  exec(CMD);\n}\n";
    assert!(!structure_kept(
        Language::JavaScript,
        js,
        "run(1);\n",
        "run(1);\n}\n"
    ));
    // Deleting a `def` line leaves its body a stray indented block.
    let python = "X = 'ls'\n\ndef g(a):\n    return a\n\ndef f():\n    run(X)\n";
    assert!(!structure_kept(Language::Python, python, "def g(a):\n", ""));
    // An unchanged file keeps its structure.
    let tree = crate::analysis::parse(Language::Python, python, None).unwrap();
    assert!(super::same_module_structure(
        Language::Python,
        &tree,
        &tree,
        &[]
    ));
}

#[test]
fn a_module_level_edit_while_the_file_does_not_parse_keeps_the_rest_of_its_structure() {
    // A stray statement among a struct's fields: the file does not parse. Pasting a whole
    // function after `run`, or deleting `CMD`, changes only the items the edit touches.
    let rust = "struct S {\n    a: u8,\n    let x = 1;\n}\n\nconst CMD: &str = \"ls\";\n\nfn run(v: &str) {\n    let w = v;\n}\n\nfn tail() {}\n";
    let run = "fn run(v: &str) {\n    let w = v;\n}\n";
    let pasted = format!("{run}\nfn helper(x: u8) -> u8 {{\n    x + 1\n}}\n");
    assert!(structure_kept(Language::Rust, rust, run, &pasted));
    assert!(structure_kept(
        Language::Rust,
        rust,
        "const CMD: &str = \"ls\";\n",
        ""
    ));
    // Python: an unbalanced bracket at module level does not parse; a pasted function after
    // it leaves `f` as it was.
    let python = "y = [1]]\n\nX = 'ls'\n\nZ = 2\n\ndef f():\n    run(X)\n";
    let pasted = "X = 'ls'\n\ndef g(a):\n    return a\n";
    assert!(structure_kept(
        Language::Python,
        python,
        "X = 'ls'\n",
        pasted
    ));
    // But an item the edit does not touch must stay as it was: `f` turned into a class
    // beyond the pasted function is a different structure.
    let (old, _, edited) = trees(Language::Python, python, "X = 'ls'\n", pasted);
    let other = "y = [1]]\n\nX = 'ls'\n\ndef g(a):\n    return a\n\nZ = 2\n\nclass F:\n    pass\n";
    let other = crate::analysis::parse(Language::Python, other, None).unwrap();
    assert!(!super::same_module_structure(
        Language::Python,
        &old,
        &other,
        &[edited]
    ));
}

#[test]
fn a_path_of_thousands_of_segments_costs_no_stack() {
    // Found by the fuzzer: a path was turned into a name one stack frame per segment, and a
    // hostile file overflowed the analysis thread's stack.
    let rust_path = vec!["m"; 20_000].join("::");
    let dotted = vec!["m"; 20_000].join(".");
    let files = [
        (
            Language::Rust,
            format!("fn main() {{\n    let x = {rust_path}(1);\n}}\n"),
        ),
        (
            Language::Python,
            format!("def main():\n    x = {dotted}(1)\n"),
        ),
        (
            Language::JavaScript,
            format!("function main() {{\n  const x = {dotted}(1);\n}}\n"),
        ),
        // Found by the fuzzer: a chain of calls of calls (`f()()()...`) nests evaluations to
        // the depth limit, each with the frame of a call; it must fit in a debug build.
        (
            Language::Tsx,
            format!(
                "export function W() {{\n  return <div onClick={{() => setN(f{})}}>x</div>;\n}}\n",
                "()".repeat(1_000)
            ),
        ),
        (
            Language::Python,
            format!(
                "def view(request):\n    return f{}\n",
                "(request.args['x'])".repeat(1_000)
            ),
        ),
    ];
    for (language, text) in files {
        let analysed = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || analyze(language, &text).len())
            .unwrap()
            .join();
        assert!(analysed.is_ok(), "{language:?}");
    }
}
