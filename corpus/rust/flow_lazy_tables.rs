// A table built once (`OnceLock::get_or_init` with a closure whose block ends in the table) holds
// the program's own values: the request picks an entry. A closure's block returns its tail, so a
// closure handing back request data is followed too.
use axum::extract::Path;
use std::collections::HashMap;
use std::process::Command;
use std::sync::OnceLock;

fn programs() -> &'static HashMap<&'static str, &'static str> {
    static PROGRAMS: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    PROGRAMS.get_or_init(|| {
        HashMap::from([
            ("git", "/usr/bin/git"),
            ("node", "/usr/local/bin/node"),
        ])
    })
}

pub async fn version(Path(tool): Path<String>) -> String {
    let Some(program) = programs().get(tool.as_str()) else {
        return "unknown tool".into();
    };
    // ok: rust.command-program-from-format
    let out = Command::new(program).arg("--version").output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub async fn run_named(Path(tool): Path<String>) -> String {
    let program = Some(tool).map(|t| {
        let trimmed = t.trim().to_string();
        trimmed
    });
    // ruleid: rust.command-program-from-format
    let out = Command::new(program.unwrap()).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}
