//! Smoke test of the Helix setup users copy from `editors/helix/languages.toml`: it must parse
//! as TOML, start `slopguard lsp`, carry the server's configuration keys, and add slopguard to
//! every language slopguard analyses without displacing that language's own server.

use std::path::PathBuf;

use toml::{Table, Value};

fn snippet() -> Table {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../editors/helix/languages.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.parse::<Table>()
        .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", path.display()))
}

fn slopguard_server(table: &Table) -> &Table {
    table["language-server"]["slopguard"]
        .as_table()
        .expect("[language-server.slopguard] is a table")
}

/// `name` → its `language-servers` list, for every `[[language]]` entry.
fn language_servers(table: &Table) -> Vec<(String, Vec<String>)> {
    let languages = table["language"].as_array().expect("[[language]] entries");
    languages
        .iter()
        .map(|language| {
            let name = language["name"].as_str().expect("language name").to_owned();
            let servers = language["language-servers"]
                .as_array()
                .unwrap_or_else(|| panic!("{name} has a language-servers list"))
                .iter()
                .map(|server| match server {
                    Value::String(s) => s.clone(),
                    Value::Table(t) => t["name"].as_str().expect("server name").to_owned(),
                    other => panic!("{name}: unexpected server entry {other}"),
                })
                .collect();
            (name, servers)
        })
        .collect()
}

#[test]
fn starts_slopguard_lsp() {
    let table = snippet();
    let server = slopguard_server(&table);
    assert_eq!(server["command"].as_str(), Some("slopguard"));
    let args: Vec<&str> = server["args"]
        .as_array()
        .expect("args")
        .iter()
        .map(|a| a.as_str().expect("string arg"))
        .collect();
    assert_eq!(args, ["lsp"]);
}

#[test]
fn config_has_exactly_the_server_keys_with_their_defaults() {
    let table = snippet();
    let config = slopguard_server(&table)["config"]
        .as_table()
        .expect("[language-server.slopguard.config]");
    let mut keys: Vec<&str> = config.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "enable",
            "extraRuleDirs",
            "offline",
            "onlyChangedLines",
            "registry",
            "severityOverrides"
        ]
    );
    assert_eq!(config["enable"].as_bool(), Some(true));
    assert_eq!(config["onlyChangedLines"].as_bool(), Some(true));
    assert_eq!(config["offline"].as_bool(), Some(false));
    assert!(
        config["severityOverrides"]
            .as_table()
            .is_some_and(Table::is_empty)
    );
    assert!(
        config["extraRuleDirs"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
    let registry = config["registry"].as_table().expect("registry table");
    for key in registry.keys() {
        assert!(
            ["pypiUrl", "npmUrl", "cratesIndexUrl"].contains(&key.as_str()),
            "unknown registry key {key}"
        );
    }
}

#[test]
fn every_analysed_language_runs_slopguard_after_its_own_server() {
    let table = snippet();
    let languages = language_servers(&table);
    for wanted in [
        "python",
        "javascript",
        "jsx",
        "typescript",
        "tsx",
        "rust",
        "toml",
        "json",
        "markdown",
        "bash",
        "dockerfile",
        "yaml",
    ] {
        let (_, servers) = languages
            .iter()
            .find(|(name, _)| name == wanted)
            .unwrap_or_else(|| panic!("no [[language]] entry for {wanted}"));
        assert_eq!(
            servers.iter().filter(|s| *s == "slopguard").count(),
            1,
            "{wanted}: {servers:?}"
        );
        assert_eq!(
            servers.last().map(String::as_str),
            Some("slopguard"),
            "{wanted}"
        );
        assert!(
            servers.len() >= 2,
            "{wanted} keeps its default server first: {servers:?}"
        );
    }
}

/// The languages that exist only for slopguard (or have no server of their own): `name` →
/// its `file-types` globs, served by slopguard alone.
fn slopguard_only_language(table: &Table, name: &str) -> Vec<String> {
    let languages = table["language"].as_array().expect("[[language]] entries");
    let language = languages
        .iter()
        .find(|l| l["name"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("a {name} language"));
    let servers = language["language-servers"].as_array().expect("servers");
    assert_eq!(servers.len(), 1, "{name}: {servers:?}");
    assert_eq!(servers[0].as_str(), Some("slopguard"), "{name}");
    language
        .get("file-types")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|t| t.get("glob").and_then(Value::as_str))
        .map(str::to_owned)
        .collect()
}

#[test]
fn requirement_files_get_a_language_that_runs_slopguard() {
    let table = snippet();
    let globs = slopguard_only_language(&table, "pip-requirements");
    assert_eq!(globs, ["requirements*.txt"]);
}

#[test]
fn makefiles_and_cursorrules_run_slopguard_for_their_install_commands() {
    let table = snippet();
    // Helix's own `make` language: its file types are Helix's, the server list is ours.
    assert!(slopguard_only_language(&table, "make").is_empty());
    let globs = slopguard_only_language(&table, "cursorrules");
    assert_eq!(globs, [".cursorrules"]);
}
