// Helpers called inside macro arguments (`println!("{}", helper(&x))`): tree-sitter leaves the
// macro's tokens unparsed, but the call still hands the helper its argument.
use axum::extract::Query;
use std::collections::HashMap;
use std::process::Command;

fn disk_usage(dir: &str) -> String {
    // ruleid: rust.shell-command-injection
    let out = Command::new("sh").arg("-c").arg(format!("du -sh {}", dir)).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn uptime(label: &str) -> String {
    // ok: rust.shell-command-injection
    let out = Command::new("sh").arg("-c").arg("uptime").output().unwrap();
    format!("{}: {}", label, String::from_utf8_lossy(&out.stdout))
}

pub async fn usage(Query(q): Query<HashMap<String, String>>) -> String {
    let dir = q.get("dir").cloned().unwrap_or_default();
    format!("usage: {}\n{}", disk_usage(&dir), uptime("host"))
}

fn render(name: &str) -> String {
    format!("<p>Hello {}</p>", name)
}

pub async fn hello(Query(q): Query<HashMap<String, String>>) -> axum::response::Html<String> {
    let name = q.get("name").cloned().unwrap_or_default();
    // ruleid: rust.html-format-response
    axum::response::Html(format!("<main>{}</main>", render(&name)))
}

pub async fn hello_escaped(Query(q): Query<HashMap<String, String>>) -> axum::response::Html<String> {
    let name = q.get("name").cloned().unwrap_or_default();
    // ok: rust.html-format-response
    axum::response::Html(format!("<main>{}</main>", render(&html_escape::encode_text(&name))))
}

fn evaluate(expression: &str) -> i64 {
    let engine = rhai::Engine::new();
    // ruleid: rust.script-eval-untrusted
    engine.eval::<i64>(expression).unwrap_or(0)
}

fn evaluate_builtin(expression: &str) -> i64 {
    let engine = rhai::Engine::new();
    // ok: rust.script-eval-untrusted
    engine.eval::<i64>("6 * 7").unwrap_or(0) + expression.len() as i64
}

fn main() {
    let formula = std::env::args().nth(1).expect("usage: calc <formula>");
    println!("{} {}", evaluate(&formula), evaluate_builtin(&formula));
}

pub async fn check_rule(Query(q): Query<HashMap<String, String>>) -> String {
    let rule = q.get("rule").cloned().unwrap_or_default();
    // ruleid: rust.script-eval-untrusted
    let allowed = evalexpr::eval_boolean(&format!("{} && true", rule)).unwrap_or(false);
    // ok: rust.script-eval-untrusted
    let limit = evalexpr::eval_int("60 * 60").unwrap_or(0);
    format!("{} {}", allowed, limit)
}

pub fn run_snippet(runtime: &mut deno_core::JsRuntime) {
    let mut code = String::new();
    std::io::stdin().read_line(&mut code).unwrap();
    // ruleid: rust.script-eval-untrusted
    runtime.execute_script("<stdin>", code).unwrap();
    // ok: rust.script-eval-untrusted
    runtime.execute_script("<boot>", "globalThis.ready = true;").unwrap();
}
