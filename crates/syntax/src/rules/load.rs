//! Reading rule files: the embedded pack and user directories, with validation that names the
//! file, the line and what is wrong.

use super::model::*;
use super::predicates::CustomPredicate;
use super::template;
use super::{LazyRegex, RegexCompile};
use crate::lang::Language;
use regex::Regex;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use toml::Spanned;

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

/// Reads every `*.toml` below `dir` (sorted, so errors and ids come in a stable order).
pub fn load_dir(dir: &Path) -> Result<Vec<Rule>, Vec<RuleError>> {
    load_dir_bounded(dir, None)
}

/// [`load_dir`] for a directory a scanned repository names (`[rules] extra-dirs` in its
/// `slopguard.toml`): nothing outside `root` is read, through `..` or a symbolic link; each
/// such path is an error instead, so a repository cannot make slopguard read the user's files.
pub fn load_dir_within(dir: &Path, root: &Path) -> Result<Vec<Rule>, Vec<RuleError>> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    load_dir_bounded(dir, Some(&root))
}

/// The paths below `dir` (or `dir` itself) that lead outside `root`, which
/// [`load_dir_within`] refuses: for a shell that loads the directory later and must refuse it
/// now. A directory that cannot be listed has none.
pub fn paths_outside(dir: &Path, root: &Path) -> Vec<PathBuf> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    list_bounded(dir, Some(&root)).map_or_else(|_| Vec::new(), |(_, outside)| outside)
}

/// The `*.toml` files below `dir`, and the paths not read because they lead outside `within`.
fn list_bounded(
    dir: &Path,
    within: Option<&Path>,
) -> std::io::Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let outside = |path: &Path| {
        within.is_some_and(|root| {
            path.canonicalize()
                .is_ok_and(|real| !real.starts_with(root))
        })
    };
    let (mut files, mut refused) = (Vec::new(), Vec::new());
    if outside(dir) {
        refused.push(dir.to_path_buf());
    } else {
        collect_toml_files(dir, &mut files, &outside, &mut refused)?;
    }
    Ok((files, refused))
}

fn load_dir_bounded(dir: &Path, within: Option<&Path>) -> Result<Vec<Rule>, Vec<RuleError>> {
    let mut errors = Vec::new();
    let (mut files, outside_paths) = list_bounded(dir, within).map_err(|e| {
        vec![RuleError {
            origin: dir.display().to_string(),
            line: None,
            message: e.to_string(),
        }]
    })?;
    for path in outside_paths {
        errors.push(RuleError {
            origin: path.display().to_string(),
            line: None,
            message: "outside the project: a repository's rule directories must be inside \
                      it (not read)"
                .into(),
        });
    }
    files.sort();
    let mut rules = Vec::new();
    for path in files {
        let origin = path.display().to_string();
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    match parse_rule(&text, &origin, path.file_stem().and_then(|s| s.to_str())) {
                        Ok(rule) => rules.push(rule),
                        Err(e) => errors.push(e),
                    }
                }
                Err(_) => errors.push(RuleError {
                    origin,
                    line: None,
                    message: "not valid UTF-8".into(),
                }),
            },
            Err(e) => errors.push(RuleError {
                origin,
                line: None,
                message: e.to_string(),
            }),
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

/// The `*.toml` files below `dir`; paths `outside` says may not be read are listed apart.
fn collect_toml_files(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    outside: &dyn Fn(&Path) -> bool,
    refused: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if outside(&path) {
            refused.push(path);
            continue;
        }
        // Follow symbolic links: a corpus or rule directory may link in another.
        if std::fs::metadata(&path)?.is_dir() {
            collect_toml_files(&path, out, outside, refused)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

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
            (
                Matcher::Query {
                    source: query.get_ref().clone(),
                    report,
                },
                names,
            )
        }
        (None, Some(regex_src)) => {
            if shape.report.is_some() {
                return Err(error_at(
                    regex_src.span().start,
                    "`report` belongs to query matchers; a regex reports its named group `report`"
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

    Ok(Rule {
        id,
        targets,
        severity: file.severity,
        confidence: file.confidence,
        category: file.category,
        cwe: file.cwe.into_inner(),
        message: file.message.into_inner(),
        docs: file.docs,
        matcher,
        fix,
        taint,
        origin: origin.to_string(),
        contexts: file.contexts,
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

/// Compiles the query for every target grammar and checks its captures and predicates.
/// Returns the capture names, or an error with the byte offset (in the rule file) it concerns.
fn validate_query(
    query: &Spanned<String>,
    file_text: &str,
    targets: &[Target],
    report: &str,
) -> Result<Vec<String>, (usize, String)> {
    let content_offset = string_content_offset(file_text, query.span().start);
    for target in targets {
        let Target::Language(language) = target else {
            continue;
        };
        let compiled =
            tree_sitter::Query::new(&language.grammar(), query.get_ref()).map_err(|e| {
                let offset = content_offset + e.offset.min(query.get_ref().len());
                (
                    offset,
                    format!(
                        "query does not compile for {}: {} ({:?})",
                        language.name(),
                        e.message.trim(),
                        e.kind
                    ),
                )
            })?;
        if compiled.capture_index_for_name(report).is_none() {
            return Err((
                content_offset,
                format!("query has no `@{report}` capture to report"),
            ));
        }
        for pattern in 0..compiled.pattern_count() {
            let pattern_start = content_offset + compiled.start_byte_for_pattern(pattern);
            check_pattern(&compiled, query.get_ref(), pattern, report, *language)
                .map_err(|m| (pattern_start, m))?;
            for predicate in compiled.general_predicates(pattern) {
                CustomPredicate::parse(predicate).map_err(|m| (pattern_start, m))?;
            }
        }
    }
    // Capture names are the same for every grammar; read them from the first.
    let first = targets.iter().find_map(|t| match t {
        Target::Language(l) => Some(*l),
        Target::AnyFile => None,
    });
    let names = first
        .and_then(|l| tree_sitter::Query::new(&l.grammar(), query.get_ref()).ok())
        .map(|q| q.capture_names().iter().map(|s| s.to_string()).collect())
        .unwrap_or_default();
    Ok(names)
}

/// Checks one pattern of a query: the API does not list captures per pattern, so compile the
/// pattern's own source (predicates included) alone.
fn check_pattern(
    query: &tree_sitter::Query,
    source: &str,
    pattern: usize,
    report: &str,
    language: Language,
) -> Result<(), String> {
    let text =
        source[query.start_byte_for_pattern(pattern)..query.end_byte_for_pattern(pattern)].trim();
    if text.starts_with("(#") {
        // tree-sitter reads a predicate outside any pattern group as a pattern of its own, which
        // matches nothing and leaves the pattern above it unfiltered: a silent false positive.
        return Err(
            "this predicate stands outside a pattern: wrap the pattern and its predicates in one \
                    group, `((call ...) @match (#eq? @f \"x\"))`"
                .into(),
        );
    }
    match tree_sitter::Query::new(&language.grammar(), text) {
        Ok(alone) if alone.capture_index_for_name(report).is_some() => Ok(()),
        Ok(_) => Err(format!("this pattern has no `@{report}` capture to report")),
        Err(e) => Err(format!(
            "this pattern does not compile on its own: {}",
            e.message.trim()
        )),
    }
}

/// The byte offset where a TOML string's content begins, given the offset of its opening quote:
/// multi-line strings drop a newline right after the opening delimiter.
fn string_content_offset(text: &str, quote_start: usize) -> usize {
    let rest = &text[quote_start.min(text.len())..];
    for delimiter in ["'''", "\"\"\""] {
        if let Some(after) = rest.strip_prefix(delimiter) {
            let skip = if after.starts_with("\r\n") {
                2
            } else if after.starts_with('\n') {
                1
            } else {
                0
            };
            return quote_start + 3 + skip;
        }
    }
    quote_start + 1
}

#[cfg(test)]
mod tests;
