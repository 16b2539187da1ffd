//! The whole built-in pack on long runs of one construct — a call with thousands of arguments,
//! an object of thousands of keys, a module of thousands of statements, a chain of thousands of
//! operators — must finish inside its work budget (counted in steps, so the same on any
//! machine). A pattern of two unanchored siblings (`(module (a) (b))`) tries every pair of
//! children, and an alternation (`operator: ["==" "!="]`) stays alive through a left-deep
//! chain; either spends the whole budget on such a file and leaves it unchecked.

use super::RuleSet;
use crate::lang::Language;

/// Long enough that a quadratic pattern spends the budget, short enough for a debug build.
const N: usize = 3000;

/// A name, and the text before, repeated (`{i}` is the repetition's number), between and after.
type Shape = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const PYTHON: &[Shape] = &[
    ("chained comparison", "x = ", "sig_digest", " == ", "\n"),
    ("arguments", "app.add(CORSMiddleware, ", "a", ", ", ")\n"),
    ("keywords", "run(cmd, ", "k{i}=password", ", ", ")\n"),
    ("list", "x = [", "password", ", ", "]\n"),
    ("dict", "x = {", "'password': secret", ", ", "}\n"),
    ("statements", "", "DEBUG = True", "\n", "\n"),
    (
        "function body",
        "def f(request):\n    x = request.args['q']\n    ",
        "x = x.a",
        "\n    ",
        "\n",
    ),
    ("concatenation", "x = ", "'SELECT '", " ", "\n"),
    ("sum", "x = ", "request.args['a']", " + ", "\n"),
    (
        "decorators",
        "",
        "@app.route('/x')",
        "\n",
        "\ndef f(): pass\n",
    ),
];

/// JavaScript and TypeScript.
const SCRIPT: &[Shape] = &[
    ("arguments", "exec(cmd, ", "a", ", ", ");\n"),
    ("array", "const x = [", "password", ", ", "];\n"),
    ("object", "const x = {", "origin{i}: '*'", ", ", "};\n"),
    ("statements", "", "el.innerHTML = req.query.a;", "\n", "\n"),
    ("sum", "const x = ", "req.query.a", " + ", ";\n"),
    ("comparisons", "const x = ", "signature", " === ", ";\n"),
    ("declarators", "let ", "v{i} = req.body", ", ", ";\n"),
    ("class body", "class A { ", "m{i}() {}", "\n", " }\n"),
    (
        "function body",
        "function f() { ",
        "x.innerHTML = location.hash;",
        "\n",
        " }\n",
    ),
    (
        "declarations",
        "function f(req) { ",
        "const v{i} = req.query.a;",
        "\n",
        " }\n",
    ),
    (
        "assignments",
        "function f(req) { let x = req.query.a;\n",
        "x = x + 'a';",
        "\n",
        " }\n",
    ),
    (
        "jsx children",
        "const e = <div>",
        "<a href={u}>x</a>",
        "",
        "</div>;\n",
    ),
];

const RUST: &[Shape] = &[
    ("arguments", "fn f() { g(", "a", ", ", "); }\n"),
    ("macro", "fn f() { let v = vec![", "a", ", ", "]; }\n"),
    (
        "struct literal",
        "fn f() { S { ",
        "f{i}: a",
        ", ",
        " }; }\n",
    ),
    (
        "statements",
        "fn f() { ",
        "let x = std::env::args();",
        "\n",
        " }\n",
    ),
    (
        "match arms",
        "fn f() { match x { ",
        "1 => unsafe { a },",
        "\n",
        " } }\n",
    ),
    ("sum", "fn f() { let x = ", "a", " + ", "; }\n"),
    (
        "assignments",
        "fn f() { let mut x = std::env::args().nth(1).unwrap();\n",
        "x = x + \"a\";",
        "\n",
        " }\n",
    ),
    ("comparisons", "fn f() { let x = ", "sig", " == ", "; }\n"),
    ("impl items", "impl S { ", "fn m{i}(&self) {}", "\n", " }\n"),
    ("attributes", "", "#[allow(unused)]", "\n", "\nfn f() {}\n"),
];

/// Checks every shape with the whole compiled pack and names those it did not finish.
fn assert_within_budget(language: Language, shapes: &[Shape]) {
    let rules = RuleSet::builtin();
    let unfinished: Vec<String> = shapes
        .iter()
        .filter_map(|(name, before, piece, between, after)| {
            let pieces: Vec<String> = (0..N)
                .map(|i| piece.replace("{i}", &i.to_string()))
                .collect();
            let text = format!("{before}{}{after}", pieces.join(between));
            let tree = crate::analysis::parse(language, &text, None)?;
            let found = rules.check_tracked(Some(language), &text, Some(&tree));
            (!found.incomplete().is_empty()).then(|| format!("{name}: {:?}", found.incomplete()))
        })
        .collect();
    assert!(unfinished.is_empty(), "{}: {unfinished:?}", language.name());
}

#[test]
fn python_long_runs_are_matched_within_the_budget() {
    assert_within_budget(Language::Python, PYTHON);
}

#[test]
fn javascript_long_runs_are_matched_within_the_budget() {
    assert_within_budget(Language::JavaScript, SCRIPT);
}

#[test]
fn typescript_long_runs_are_matched_within_the_budget() {
    assert_within_budget(Language::TypeScript, SCRIPT);
}

#[test]
fn rust_long_runs_are_matched_within_the_budget() {
    assert_within_budget(Language::Rust, RUST);
}
