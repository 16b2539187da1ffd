//! Data flow (taint): where a value comes from, through which steps, and whether it reaches a
//! sink unsanitised. A small language-neutral core (`core/`) walks each function once in
//! statement order; one adapter per language (`python.rs`, `javascript.rs`, `rust.rs`) maps its
//! syntax onto the core's few shapes. Sources, sinks, sanitizers, propagators and guards are rule
//! data (`[taint]` tables, `spec.rs`), never code. See `docs/dataflow.md`.
//!
//! The engine runs `FlowRules::file` once per file (after an edit, over the parts `reach`
//! finds the edit can change): taint rules turn its sink hits into findings, and shape rules
//! that `refine` a capture ask it whether that capture's value is tainted, constant or
//! sanitised.

mod adapter;
mod core;
mod javascript;
mod outline;
mod python;
mod reach;
mod rust;
mod source_query;
mod spec;

pub use self::core::Step;
pub(crate) use self::core::{ALL, FileFlow, SinkHit, Value};
pub use outline::Outline;
pub(crate) use reach::{merge as merge_ranges, reach};
pub(crate) use source_query::check as check_source_query;
pub(crate) use spec::TaintFile;
pub use spec::TaintSpec;

use crate::lang::Language;
use crate::names::Names;
use crate::rules::{Rule, RuleError};
use source_query::SourceQuery;
use spec::{CallPattern, GuardKind, Propagator, Sink, Source, SourceKind};
use std::collections::HashMap;
use std::ops::Range;
use streaming_iterator::StreamingIterator;
use tree_sitter::{QueryCursor, Tree};

/// Every taint table of one language, merged: library data for all rules, each rule's own data
/// for that rule alone (one bit per rule).
pub(crate) struct FlowRules {
    /// Each source, the rules it is untrusted for, and the rules that ignore it.
    sources: Vec<(Source, u64, u64)>,
    sinks: Vec<(Sink, u64)>,
    sanitizers: Vec<(CallPattern, u64)>,
    propagators: Vec<Propagator>,
    guards: Vec<GuardKind>,
    constant_names: Vec<String>,
    constant_calls: Vec<CallPattern>,
    queries: Vec<SourceQuery>,
    /// Per rule bit: literal starts its sinks trust.
    safe_prefixes: Vec<(u64, crate::rules::LazyRegex)>,
    /// The rule (index in the rule set) each bit stands for.
    pub rules: Vec<usize>,
}

/// The outermost functions containing both ends of `range` (nested functions and the code
/// between them included); `None` when an end lies in module-level code.
pub(crate) fn functions_around(
    language: Language,
    tree: &Tree,
    range: &Range<usize>,
) -> Option<Range<usize>> {
    reach::functions_around(adapter::for_language(language), tree, range)
}

/// Whether `old` (the previous parse, edited with `Tree::edit` in step with the text) and `new`
/// have the same module-level structure wherever a re-check of the `edited` ranges does not
/// look again: flow can then trust the functions and module-level code it keeps.
///
/// Each edited range must lie in the same outermost functions before and after the edit (or in
/// module-level code in both). A range in module-level code is re-analysed with every top-level
/// item it touches (`reach::units`), so those items may differ; every other top-level item must
/// be the same node in both trees: of the same kind at the same bytes, with the same nodes
/// outside functions below it, and each outermost function in it at the same bytes. The walk
/// stops at the first difference and never enters a function.
///
/// While a text does not parse, error recovery decides where functions end, and one keystroke
/// can move a function's end (and so what is module-level) far from the edit; comparing every
/// item the re-check keeps catches that. A pasted or deleted item at module level changes only
/// the items it touches, so it is re-checked incrementally in that state too.
pub(crate) fn same_module_structure(
    language: Language,
    old: &Tree,
    new: &Tree,
    edited: &[Range<usize>],
) -> bool {
    let adapter = adapter::for_language(language);
    let mut module_level = Vec::new();
    for range in edited {
        let around = reach::functions_around(adapter, new, range);
        if around != reach::functions_around(adapter, old, range) {
            return false;
        }
        if around.is_none() {
            module_level.push(range);
        }
    }
    // Touching counts, as in `reach::units`: typing right after an item's last byte extends it.
    let kept = |item: &tree_sitter::Node<'_>| {
        !module_level
            .iter()
            .any(|r| item.end_byte() >= r.start && item.start_byte() <= r.end)
    };
    let (old_root, new_root) = (old.root_node(), new.root_node());
    if old_root.kind_id() != new_root.kind_id() {
        return false;
    }
    let (mut a, mut b) = (old_root.walk(), new_root.walk());
    let mut old_items = old_root.children(&mut a).filter(kept);
    let mut new_items = new_root.children(&mut b).filter(kept);
    loop {
        match (old_items.next(), new_items.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if same_structure(adapter, x, y) => {}
            _ => return false,
        }
    }
}

/// Whether two subtrees have the same nodes outside functions (kind, bytes, number of children)
/// and their outermost functions at the same bytes.
fn same_structure(
    adapter: &dyn adapter::Adapter,
    old: tree_sitter::Node<'_>,
    new: tree_sitter::Node<'_>,
) -> bool {
    // A cursor made from a node never climbs above it.
    let (mut a, mut b) = (old.walk(), new.walk());
    loop {
        let (x, y) = (a.node(), b.node());
        if x.kind_id() != y.kind_id()
            || x.byte_range() != y.byte_range()
            || x.child_count() != y.child_count()
        {
            return false;
        }
        // Same kind, bytes and child count: both descend, or neither does.
        let inside_function = adapter.is_function(x.kind());
        if !inside_function && a.goto_first_child() {
            b.goto_first_child();
            continue;
        }
        // Next sibling, or the next sibling of the nearest ancestor that has one.
        loop {
            if a.goto_next_sibling() {
                if !b.goto_next_sibling() {
                    return false;
                }
                break;
            }
            if b.goto_next_sibling() {
                return false;
            }
            if !a.goto_parent() {
                return true;
            }
            b.goto_parent();
        }
    }
}

/// The most taint rules one language may have (one bit each).
const MAX_RULES: usize = 64;

impl FlowRules {
    /// The flow rules of `language` among `rules`; `None` when none has a `[taint]` table.
    pub fn compile(rules: &[Rule], language: Language) -> Result<Option<FlowRules>, RuleError> {
        let mut flow = FlowRules {
            sources: Vec::new(),
            sinks: Vec::new(),
            sanitizers: Vec::new(),
            propagators: Vec::new(),
            guards: Vec::new(),
            constant_names: Vec::new(),
            constant_calls: Vec::new(),
            queries: Vec::new(),
            safe_prefixes: Vec::new(),
            rules: Vec::new(),
        };
        let applying = rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.applies_to(Some(language)))
            .filter_map(|(i, r)| Some((i, r, r.taint.as_deref()?)));
        let mut libraries = Vec::new();
        let mut ignoring = Vec::new();
        for (index, rule, spec) in applying {
            if spec.library {
                libraries.push((rule, spec));
                continue;
            }
            if flow.rules.len() == MAX_RULES {
                return Err(RuleError {
                    origin: rule.origin.clone(),
                    line: None,
                    message: format!("more than {MAX_RULES} taint rules for {}", language.name()),
                });
            }
            let bit = 1u64 << flow.rules.len();
            flow.rules.push(index);
            flow.add(rule, spec, bit);
            if !spec.ignore_sources.is_empty() {
                ignoring.push((bit, &spec.ignore_sources));
            }
        }
        if flow.rules.is_empty() {
            return Ok(None);
        }
        let first_library_source = flow.sources.len();
        for (rule, spec) in libraries {
            flow.add(rule, spec, ALL);
        }
        // A rule that ignores a library source is not told about it, and holds its value as
        // harmless as a constant (a shape rule it refines stays quiet). An ignored name is a
        // source's path, the `call` or `method` of a call source (`input`, `parse_args`), or
        // its label (`route parameter`).
        for (bit, ignored) in ignoring {
            for (source, mask, ignored_by) in &mut flow.sources[first_library_source..] {
                let name = match &source.kind {
                    SourceKind::Path(path) => Some(path),
                    SourceKind::Call(call) => call.call.as_ref().or(call.method.as_ref()),
                    _ => None,
                };
                if name.is_some_and(|name| ignored.contains(name))
                    || source.label.as_ref().is_some_and(|l| ignored.contains(l))
                {
                    *mask &= !bit;
                    *ignored_by |= bit;
                }
            }
        }
        Ok(Some(flow))
    }

    fn add(&mut self, rule: &Rule, spec: &TaintSpec, mask: u64) {
        for source in &spec.sources {
            if let SourceKind::Query(text) = &source.kind {
                self.queries.push(SourceQuery::new(
                    text.clone(),
                    source.label.clone().unwrap_or_default(),
                    mask,
                    rule.origin.clone(),
                ));
            } else {
                self.sources.push((source.clone(), mask, 0));
            }
        }
        if let Some(prefix) = &spec.safe_prefix {
            self.safe_prefixes.push((mask, prefix.clone()));
        }
        self.sinks
            .extend(spec.sinks.iter().map(|s| (s.clone(), mask)));
        self.sanitizers
            .extend(spec.sanitizers.iter().map(|s| (s.clone(), mask)));
        self.propagators.extend(spec.propagators.iter().cloned());
        self.guards.extend(spec.guards.iter().cloned());
        self.constant_names
            .extend(spec.constant_names.iter().cloned());
        self.constant_calls
            .extend(spec.constant_calls.iter().cloned());
    }

    /// The flow analysis of one file, ready to [`FileFlow::run`]: its functions listed and the
    /// rules' source queries matched.
    pub fn file<'t, 'r>(
        &'r self,
        language: Language,
        text: &'t str,
        tree: &'t Tree,
        names: &'r Names,
    ) -> FileFlow<'t, 'r> {
        let root = tree.root_node();
        let mut query_sources = HashMap::new();
        let folded = std::cell::OnceCell::new();
        for source in &self.queries {
            let Some(query) = source.for_text(language, text, &folded) else {
                continue;
            };
            let (label, mask) = (&source.label, source.mask);
            let capture = query.capture_index_for_name("source").expect("checked");
            let entry = query.capture_index_for_name("entry");
            let mut cursor = QueryCursor::new();
            let mut matches = cursor.matches(query, root, text.as_bytes());
            while let Some(m) = matches.next() {
                // `@entry` names a function the framework calls (a view): a function this
                // file calls itself is a helper, and its arguments are the caller's.
                if let Some(entry) = entry
                    && m.nodes_for_capture_index(entry)
                        .any(|name| called_in(text, name.byte_range()))
                {
                    continue;
                }
                for node in m.nodes_for_capture_index(capture) {
                    let entry = query_sources
                        .entry(node.byte_range())
                        .or_insert_with(|| (label.clone(), 0));
                    entry.1 |= mask;
                }
            }
        }
        FileFlow::new(
            adapter::for_language(language),
            self,
            names,
            text,
            root,
            query_sources,
        )
    }

    /// Compiles every source query now (they compile on first need otherwise) and reports
    /// the first that fails.
    pub(crate) fn compile_source_queries(&self, language: Language) -> Result<(), RuleError> {
        for source in &self.queries {
            if let Err(message) = source.compiled(language) {
                return Err(RuleError {
                    origin: source.origin.clone(),
                    line: None,
                    message: message.clone(),
                });
            }
        }
        Ok(())
    }

    /// How many source queries are compiled so far.
    #[cfg(test)]
    pub(crate) fn compiled_source_queries(&self) -> usize {
        self.queries.iter().filter(|q| q.is_compiled()).count()
    }

    /// Whether rule `bit` trusts a value starting with `prefix`.
    pub(crate) fn trusts_prefix(&self, bit: u64, prefix: Option<&str>) -> bool {
        prefix.is_some_and(|prefix| {
            self.safe_prefixes
                .iter()
                .any(|(mask, regex)| mask & bit != 0 && regex.get().is_match(prefix))
        })
    }

    /// The bit of the rule with index `rule`, if it is a taint rule here.
    pub fn bit_of(&self, rule: usize) -> Option<u64> {
        self.rules.iter().position(|r| *r == rule).map(|b| 1 << b)
    }
}

/// Whether `text` calls the function whose name is written at `name` (`name(` anywhere else, at
/// the start of a word).
fn called_in(text: &str, name: Range<usize>) -> bool {
    let Some(written) = text.get(name.clone()) else {
        return false;
    };
    let call = format!("{written}(");
    text.match_indices(&call).any(|(at, _)| {
        at != name.start
            && !text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[cfg(test)]
mod tests {
    use crate::analysis::analyze;
    use crate::lang::Language;
    use tree_sitter::Tree;

    fn flagged(language: Language, rule: &str, text: &str) -> Vec<(u32, String)> {
        analyze(language, text)
            .into_iter()
            .filter(|f| f.rule_id == rule)
            .map(|f| (f.span.start.line, f.message))
            .collect()
    }

    #[test]
    fn a_source_reaching_a_sink_is_named_with_its_path() {
        let text = "def view():\n    u = request.args['u']\n    v = u\n    requests.get(v)\n";
        let findings = analyze(Language::Python, text);
        let ssrf = findings
            .iter()
            .find(|f| f.rule_id == "python.ssrf")
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
        let view =
            "@app.route('/a')\ndef a():\n    n = request.args['n']\n    return f'<p>{n}</p>'\n";
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
        let other =
            "router.get('/', async (ctx) => {\n  page.body = `<p>${ctx.query.q}</p>`;\n});\n";
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
        let text = "fn fetch(url: &str) {\n    reqwest::get(url);\n}\nfn main() {\n    let a: Vec<String> = std::env::args().collect();\n    fetch(&a[1]);\n}\n";
        let found = flagged(Language::Rust, "rust.ssrf", text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 1);
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
        let shadowed = "import requests as r\ndef view():\n    r = {}\n    u = request.args['u']\n    r.get(u)\n";
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
        let local = "import { exec } from './db';\napp.get('/', (req, res) => {\n  exec(req.query.sql);\n});\n";
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
        let js =
            "function a() {\n  run(1);\n\nconst CMD = 'ls';\nfunction f() {\n  exec(CMD);\n}\n";
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
        let other =
            "y = [1]]\n\nX = 'ls'\n\ndef g(a):\n    return a\n\nZ = 2\n\nclass F:\n    pass\n";
        let other = crate::analysis::parse(Language::Python, other, None).unwrap();
        assert!(!super::same_module_structure(
            Language::Python,
            &old,
            &other,
            &[edited]
        ));
    }
}
