//! Unit tests of `slopguard.toml`: the default file, strict errors with file and line, the rule
//! policy and excludes.

use super::*;

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(text, Path::new("proj/slopguard.toml"))
}

#[test]
fn the_default_config_parses_to_the_defaults() {
    let config = parse(DEFAULT_CONFIG).unwrap();
    // Uncommented, the optional tables are valid too.
    let uncommented = DEFAULT_CONFIG
        .replace("# [", "[")
        .replace("# allow", "allow");
    let full = parse(&uncommented).unwrap();
    assert!(full.dependencies.contains_key("allow") && full.registry.is_empty());
    assert_eq!(config.fail_on, Some(Severity::Warning));
    assert_eq!(config.max_file_size, DEFAULT_MAX_FILE_SIZE);
    assert!(config.rules.enabled("python.anything"));
    assert!(config.extra_rule_dirs.is_empty());
}

#[test]
fn unknown_keys_name_the_file_line_and_key() {
    let error = parse("fail-on = \"error\"\n[rules]\ndisabel = [\"x\"]\n").unwrap_err();
    assert_eq!(error.line, Some(3));
    assert!(error.message.contains("disabel"), "{error}");
    assert!(error.to_string().starts_with("proj/slopguard.toml:3:"));
}

#[test]
fn bad_values_name_the_key_they_are_assigned_to() {
    for (text, line, key) in [
        ("fail-on = 3\n", 1, "`fail-on`"),
        (
            "[rules.severity]\n\"python.x\" = 1\n",
            2,
            "`rules.severity.\"python.x\"`",
        ),
        ("[rules]\ndisable = \"x\"\n", 2, "`rules.disable`"),
        ("exclude = [1]\n", 1, "`exclude`"),
    ] {
        let error = parse(text).unwrap_err();
        assert_eq!(error.line, Some(line), "{text}: {error}");
        assert!(error.message.starts_with(key), "{text}: {error}");
    }
}

#[test]
fn bad_values_are_errors() {
    let error = parse("fail-on = \"loud\"\n").unwrap_err();
    assert_eq!(error.line, Some(1));
    assert!(error.message.contains("loud"), "{error}");
    let error = parse("max-file-size = -3\n").unwrap_err();
    assert!(error.message.contains("max-file-size"), "{error}");
    let error = parse("exclude = [\"a/[b\"]\n").unwrap_err();
    assert!(error.message.contains("bad glob"), "{error}");
    let error = parse("[rules.severity]\n\"x.y\" = \"fatal\"\n").unwrap_err();
    assert_eq!(error.line, Some(2));
}

#[test]
fn reserved_tables_are_accepted_as_they_are() {
    let config = parse("[registry]\noffline = true\n[dependencies]\nallow = [\"x\"]\n").unwrap();
    assert_eq!(
        config.registry.get("offline"),
        Some(&toml::Value::Boolean(true))
    );
    assert!(config.dependencies.contains_key("allow"));
}

#[test]
fn rules_are_enabled_disabled_and_reweighted_by_id_or_glob() {
    let config = parse(
        "[rules]\nenable = [\"python.*\", \"any.*\"]\ndisable = [\"python.assert-used\"]\n\
         [rules.severity]\n\"python.*\" = \"info\"\n\"python.sql-*\" = \"error\"\n\
         \"python.sql-format\" = \"hint\"\n",
    )
    .unwrap();
    let policy = &config.rules;
    assert!(policy.enabled("python.yaml-load"));
    assert!(policy.enabled("any.aws-access-key"));
    assert!(!policy.enabled("js.eval"));
    assert!(!policy.enabled("python.assert-used"));
    assert_eq!(
        policy.severity("python.yaml-load", Severity::Error),
        Severity::Info
    );
    assert_eq!(
        policy.severity("python.sql-concat", Severity::Info),
        Severity::Error
    );
    assert_eq!(
        policy.severity("python.sql-format", Severity::Error),
        Severity::Hint
    );
    assert_eq!(
        policy.severity("js.eval", Severity::Warning),
        Severity::Warning
    );
}

#[test]
fn excludes_match_names_anywhere_and_paths_from_the_root() {
    let config = parse("exclude = [\"vendor\", \"tests/fixtures/**\", \"*.min.js\"]\n").unwrap();
    let cwd = Path::new("/work");
    let ex = &config.excludes;
    assert!(ex.is_excluded(Path::new("proj/vendor/x/a.py"), cwd));
    assert!(ex.is_excluded(Path::new("proj/src/vendor"), cwd));
    assert!(ex.is_excluded(Path::new("proj/tests/fixtures/a.py"), cwd));
    assert!(ex.is_excluded(Path::new("/work/proj/web/app.min.js"), cwd));
    assert!(!ex.is_excluded(Path::new("proj/src/tests/fixtures/a.py"), cwd));
    assert!(!ex.is_excluded(Path::new("proj/src/app.py"), cwd));
    // Outside the config's directory nothing is excluded.
    assert!(!ex.is_excluded(Path::new("other/vendor/a.py"), cwd));
}
