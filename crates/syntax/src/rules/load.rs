//! Reading rule files: the embedded pack and user directories, with validation that names the
//! file, the line and what is wrong. This file reads one rule file into a [`Rule`]; `files.rs`
//! finds the rule files of a directory, `query.rs` checks a query rule's query.

use super::model::*;
use super::template;
use super::{LazyRegex, RegexCompile};
use crate::lang::Language;
use regex::Regex;
use std::fmt;
use std::path::Path;
use std::sync::LazyLock;
use toml::Spanned;

mod files;
mod query;

pub use files::{load_dir, load_dir_within, paths_outside};
use query::validate_query;

/// A problem with one rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// The file: a path, or `builtin:<dir>/<file>` for the embedded pack.
    pub origin: String,
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.origin, line, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

impl std::error::Error for RuleError {}

/// Rule files compiled into the binary by `build.rs`: `(path under rules/, contents)`.
pub(crate) static EMBEDDED_RULES: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

/// `<namespace>.<name>`, both kebab-case. The built-in pack uses the language namespaces
/// (`python`, `js`, `ts`, `rust`, `any`); a user pack may use its own (`acme.requests-no-timeout`).
static RULE_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\.([a-z0-9]+(?:-[a-z0-9]+)*)$").unwrap()
});
/// Namespaces of findings slopguard produces in code: a rule file cannot take them.
const RESERVED_NAMESPACES: &[&str] = &["slopguard", "registry", "deps"];
/// What a taint rule's message may interpolate.
const FLOW_PLACEHOLDERS: [&str; 3] = ["source", "source_line", "sink"];

static CWE_ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^CWE-[1-9][0-9]*$").unwrap());

/// The embedded pack. Its queries are checked in full by the test suite, not at every start.
pub fn load_embedded() -> Result<Vec<Rule>, Vec<RuleError>> {
    load_embedded_checked(QueryChecks::Trusted)
}

fn load_embedded_checked(checks: QueryChecks) -> Result<Vec<Rule>, Vec<RuleError>> {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for (path, text) in EMBEDDED_RULES {
        let stem = Path::new(path).file_stem().and_then(|s| s.to_str());
        match parse_rule_checked(text, &format!("builtin:{path}"), stem, checks) {
            Ok(rule) => rules.push(rule),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

/// Parses and validates one rule file. `stem` is the file name without `.toml`, when known.
pub fn parse_rule(text: &str, origin: &str, stem: Option<&str>) -> Result<Rule, RuleError> {
    parse_rule_checked(text, origin, stem, QueryChecks::Full)
}

/// How much of a query rule to check when it is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QueryChecks {
    /// Compile the query for every grammar, check every pattern, its predicates and the
    /// captures templates use: for rule files given by users.
    Full,
    /// Skip the query compilation (about 30 ms per rule and grammar): for the embedded pack,
    /// which `the_embedded_pack_is_valid` checks in full at test time.
    Trusted,
}

fn parse_rule_checked(
    text: &str,
    origin: &str,
    stem: Option<&str>,
    checks: QueryChecks,
) -> Result<Rule, RuleError> {
    let line_of = |offset: usize| Some(text[..offset.min(text.len())].matches('\n').count() + 1);
    let error_at = |offset: usize, message: String| RuleError {
        origin: origin.to_string(),
        line: line_of(offset),
        message,
    };
    let file: RuleFile = toml::from_str(text).map_err(|e| RuleError {
        origin: origin.to_string(),
        line: e.span().and_then(|s| line_of(s.start)),
        message: e.message().trim().to_string(),
    })?;

    let id = file.id.get_ref().clone();
    let Some(parts) = RULE_ID.captures(&id) else {
        return Err(error_at(
            file.id.span().start,
            format!(
                "rule id `{id}` must look like `<namespace>.<kebab-case-name>`: a language \
                 (`python`, `js`, `ts`, `rust`, `any`) or your own (`acme.requests-no-timeout`)"
            ),
        ));
    };
    let (prefix, name) = (
        parts.get(1).unwrap().as_str(),
        parts.get(2).unwrap().as_str(),
    );
    if RESERVED_NAMESPACES.contains(&prefix) {
        return Err(error_at(
            file.id.span().start,
            format!(
                "rule id `{id}`: the namespace `{prefix}` is reserved for slopguard's own checks"
            ),
        ));
    }
    if let Some(stem) = stem
        && stem != name
    {
        return Err(error_at(
            file.id.span().start,
            format!("rule `{id}` must live in a file named `{name}.toml`, not `{stem}.toml`"),
        ));
    }

    let targets =
        parse_targets(&file.languages).map_err(|m| error_at(file.languages.span().start, m))?;
    let prefix_target = match prefix {
        "python" => Some(Target::Language(Language::Python)),
        "js" => Some(Target::Language(Language::JavaScript)),
        "ts" => Some(Target::Language(Language::TypeScript)),
        "rust" => Some(Target::Language(Language::Rust)),
        "any" => Some(Target::AnyFile),
        // A pack's own namespace: its `languages` say where it runs.
        _ => None,
    };
    if let Some(expected) = prefix_target
        && !targets.contains(&expected)
    {
        return Err(error_at(
            file.languages.span().start,
            format!("a `{prefix}.*` rule must list the language its prefix names"),
        ));
    }

    if file.cwe.get_ref().is_empty() {
        return Err(error_at(
            file.cwe.span().start,
            "`cwe` must name at least one CWE".into(),
        ));
    }
    if let Some(bad) = file.cwe.get_ref().iter().find(|c| !CWE_ID.is_match(c)) {
        return Err(error_at(
            file.cwe.span().start,
            format!("`{bad}` is not a CWE id like `CWE-78`"),
        ));
    }
    if file.message.get_ref().trim().is_empty() {
        return Err(error_at(
            file.message.span().start,
            "`message` is empty".into(),
        ));
    }
    for (field, value) in [
        ("what", &file.docs.what),
        ("why", &file.docs.why),
        ("example", &file.docs.example),
        ("fix", &file.docs.fix),
    ] {
        if value.trim().is_empty() {
            return Err(RuleError {
                origin: origin.to_string(),
                line: None,
                message: format!("`docs.{field}` is empty: every rule explains itself"),
            });
        }
    }

    let taint = match &file.taint {
        Some(table) => Some(std::sync::Arc::new(
            table
                .get_ref()
                .compile(file.matcher.is_some(), checks.regexes())
                .map_err(|m| error_at(table.span().start, m))?,
        )),
        None => None,
    };
    if taint.is_some() && targets.contains(&Target::AnyFile) {
        return Err(error_at(
            file.languages.span().start,
            "a `[taint]` rule needs a language with a grammar, not `any`".into(),
        ));
    }
    // Source queries compile when a text needs them; a user's broken one fails here.
    if let (Some(spec), Some(table), QueryChecks::Full) = (&taint, &file.taint, checks) {
        for language in targets.iter().filter_map(|t| match t {
            Target::Language(language) => Some(*language),
            Target::AnyFile => None,
        }) {
            for query in spec.source_queries() {
                crate::flow::check_source_query(query, language)
                    .map_err(|m| error_at(table.span().start, m))?;
            }
        }
    }
    if let (Some(spec), Some(table)) = (&taint, &file.taint)
        && let Some(message) = spec.message()
        && let Some(bad) = template::placeholders(message).find(|p| !FLOW_PLACEHOLDERS.contains(p))
    {
        return Err(error_at(
            table.span().start,
            format!(
                "the taint `message` uses `{{{{{bad}}}}}`; it may use `{{{{source}}}}`, `{{{{source_line}}}}` and `{{{{sink}}}}`"
            ),
        ));
    }
    let shape = file.matcher.unwrap_or_default();
    let (matcher, names) = match (&shape.query, &shape.regex) {
        (Some(query), None) => {
            if shape.scope.is_some()
                || shape.min_entropy.is_some()
                || shape.exclude.is_some()
                || shape.checksum.is_some()
            {
                return Err(error_at(
                    query.span().start,
                    "`scope`, `min-entropy`, `exclude` and `checksum` belong to `regex` matchers; in a query use predicates".into(),
                ));
            }
            if targets.contains(&Target::AnyFile) {
                return Err(error_at(
                    query.span().start,
                    "a rule for `any` file must use `regex`".into(),
                ));
            }
            let report = shape.report.clone().unwrap_or_else(|| "match".to_string());
            let names = match checks {
                QueryChecks::Full => Some(
                    validate_query(query, text, &targets, &report)
                        .map_err(|(offset, m)| error_at(offset, m))?,
                ),
                QueryChecks::Trusted => None,
            };
            let focus = match &shape.focus {
                Some(focus) => Some(LazyRegex::new(focus.get_ref(), checks.regexes()).map_err(
                    |e| error_at(focus.span().start, format!("invalid `focus` regex: {e}")),
                )?),
                None => None,
            };
            (
                Matcher::Query {
                    source: query.get_ref().clone(),
                    report,
                    focus,
                },
                names,
            )
        }
        (None, Some(regex_src)) => {
            if shape.report.is_some() || shape.focus.is_some() {
                return Err(error_at(
                    regex_src.span().start,
                    "`report` and `focus` belong to query matchers; a regex reports its named group `report`"
                        .into(),
                ));
            }
            let regex = LazyRegex::new(regex_src.get_ref(), checks.regexes())
                .map_err(|e| error_at(regex_src.span().start, format!("invalid regex: {e}")))?;
            let scope = match shape.scope.as_ref().map(|s| s.get_ref().as_str()) {
                None | Some("any") => RegexScope::Any,
                Some("string") => RegexScope::String,
                Some("comment") => RegexScope::Comment,
                Some(other) => {
                    return Err(error_at(
                        shape.scope.as_ref().unwrap().span().start,
                        format!("unknown scope `{other}` (expected any, string or comment)"),
                    ));
                }
            };
            let exclude = match &shape.exclude {
                Some(src) => Some(LazyRegex::new(src.get_ref(), checks.regexes()).map_err(
                    |e| error_at(src.span().start, format!("invalid `exclude` regex: {e}")),
                )?),
                None => None,
            };
            let checksum = match &shape.checksum {
                Some(name) => Some(super::checksum::Checksum::parse(name.get_ref()).ok_or_else(
                    || {
                        error_at(
                            name.span().start,
                            format!("unknown checksum `{}` (expected github)", name.get_ref()),
                        )
                    },
                )?),
                None => None,
            };
            if let Some(bits) = shape.min_entropy
                && !(0.0..=8.0).contains(&bits)
            {
                return Err(error_at(
                    regex_src.span().start,
                    format!("`min-entropy` {bits} is outside 0..=8"),
                ));
            }
            // Trusted rules are not compiled here, so their capture names are not checked.
            let names = match checks {
                QueryChecks::Full => Some(
                    regex
                        .get()
                        .capture_names()
                        .flatten()
                        .map(str::to_string)
                        .collect(),
                ),
                QueryChecks::Trusted => None,
            };
            (
                Matcher::Regex {
                    regex,
                    scope,
                    min_entropy: shape.min_entropy,
                    exclude,
                    checksum,
                },
                names,
            )
        }
        (None, None) if taint.is_some() => (
            Matcher::Flow,
            Some(FLOW_PLACEHOLDERS.map(String::from).to_vec()),
        ),
        _ => {
            return Err(RuleError {
                origin: origin.to_string(),
                line: None,
                message: "`[match]` needs exactly one of `query` or `regex` (or the rule needs `[taint]` sinks)".into(),
            });
        }
    };
    if let (Some(spec), Some(names)) = (&taint, &names)
        && let Some(capture) = spec.refined_capture()
        && !names.iter().any(|n| n == capture)
    {
        return Err(error_at(
            file.taint.as_ref().map_or(0, |t| t.span().start),
            format!("`refine` names `{capture}`, which the matcher does not capture"),
        ));
    }

    // Without the compiled query the capture names are unknown; trusted rules skip this check.
    let captured = |name: &str| {
        let name = name.strip_suffix(template::RESOLVED).unwrap_or(name);
        names
            .as_ref()
            .is_none_or(|names| names.iter().any(|n| n == name))
    };
    for placeholder in template::placeholders(file.message.get_ref()) {
        if !captured(placeholder) {
            return Err(error_at(
                file.message.span().start,
                format!(
                    "`message` uses `{{{{{placeholder}}}}}`, which the matcher does not capture"
                ),
            ));
        }
    }
    let fix = match file.fix {
        Some(fix) => {
            if !captured(fix.capture.get_ref()) {
                return Err(error_at(
                    fix.capture.span().start,
                    format!(
                        "fix capture `{}` is not captured by the matcher",
                        fix.capture.get_ref()
                    ),
                ));
            }
            if let Some(missing) = template::placeholders(&fix.replacement).find(|p| !captured(p)) {
                return Err(error_at(
                    fix.capture.span().start,
                    format!(
                        "fix replacement uses `{{{{{missing}}}}}`, which the matcher does not capture"
                    ),
                ));
            }
            Some(FixTemplate {
                capture: fix.capture.into_inner(),
                replacement: fix.replacement,
                safe: fix.safe,
            })
        }
        None => None,
    };

    let supersedes = match file.supersedes {
        Some(list) => {
            let start = list.span().start;
            let list = list.into_inner();
            for (i, other) in list.iter().enumerate() {
                if !RULE_ID.is_match(other) {
                    return Err(error_at(
                        start,
                        format!("`supersedes`: `{other}` is not a rule id like `python.eval-exec`"),
                    ));
                }
                if *other == id {
                    return Err(error_at(
                        start,
                        format!("`supersedes`: rule `{id}` cannot supersede itself"),
                    ));
                }
                if list[..i].contains(other) {
                    return Err(error_at(
                        start,
                        format!("`supersedes`: `{other}` is listed twice"),
                    ));
                }
            }
            list
        }
        None => Vec::new(),
    };

    Ok(Rule {
        id,
        targets,
        severity: file.severity,
        confidence: file.confidence,
        category: file.category,
        cwe: file.cwe.into_inner().into(),
        message: file.message.into_inner(),
        docs: file.docs,
        matcher,
        fix,
        taint,
        origin: origin.to_string(),
        contexts: file.contexts,
        supersedes,
    })
}

impl QueryChecks {
    /// Rule files checked in full compile their regexes when loaded; the trusted pack defers.
    fn regexes(self) -> RegexCompile {
        match self {
            QueryChecks::Full => RegexCompile::WhenLoaded,
            QueryChecks::Trusted => RegexCompile::OnFirstUse,
        }
    }
}

fn parse_targets(languages: &Spanned<Vec<String>>) -> Result<Vec<Target>, String> {
    if languages.get_ref().is_empty() {
        return Err("`languages` is empty".into());
    }
    let mut targets = Vec::new();
    for name in languages.get_ref() {
        let new: &[Target] = match name.as_str() {
            "python" => &[Target::Language(Language::Python)],
            "javascript" => &[Target::Language(Language::JavaScript)],
            // TSX is its own grammar, but to a rule author it is TypeScript.
            "typescript" => &[
                Target::Language(Language::TypeScript),
                Target::Language(Language::Tsx),
            ],
            "rust" => &[Target::Language(Language::Rust)],
            "any" => &[Target::AnyFile],
            other => {
                return Err(format!(
                    "unknown language `{other}` (expected python, javascript, typescript, rust or any)"
                ));
            }
        };
        for target in new {
            if !targets.contains(target) {
                targets.push(*target);
            }
        }
    }
    Ok(targets)
}

#[cfg(test)]
mod tests;
