//! Running rules: every query rule of a language is compiled once into one combined query and
//! matched in one pass over the tree; regex rules run over the text.

use super::RuleError;
use super::model::{Matcher, RegexScope, Rule, Target};
use super::predicates::{CustomPredicate, shannon_entropy, strip_quotes};
use super::template;
use crate::finding::{Finding, Fix};
use crate::lang::Language;
use crate::text::LineIndex;
use std::collections::HashSet;
use std::ops::ControlFlow;
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use streaming_iterator::StreamingIterator;
use tree_sitter::{Node, Query, QueryCursor, QueryCursorOptions, Tree};

/// How long matching may run on one document before it stops with what it has: a pathological
/// input must not hang an editor or a CI job.
pub const MATCH_TIME_LIMIT: Duration = Duration::from_secs(10);

/// The query rules of one language, compiled together.
struct CompiledLanguage {
    query: Query,
    /// For each pattern of the combined query: the rule it belongs to, the capture it reports,
    /// and its custom predicates.
    patterns: Vec<PatternInfo>,
}

struct PatternInfo {
    rule: usize,
    report: u32,
    predicates: Vec<CustomPredicate>,
}

/// A set of validated rules, ready to run on any number of documents.
///
/// Each language's combined query is compiled on first use: tree-sitter's query analysis costs
/// hundreds of milliseconds for the TypeScript grammars, which a Python-only run should not pay.
pub struct RuleSet {
    rules: Vec<Rule>,
    compiled: [OnceLock<Result<Option<CompiledLanguage>, RuleError>>; Language::ALL.len()],
}

impl std::fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleSet")
            .field("rules", &self.rules.len())
            .finish()
    }
}

impl RuleSet {
    /// Compiles rules. Ids must be unique.
    pub fn new(rules: Vec<Rule>) -> Result<RuleSet, Vec<RuleError>> {
        let mut seen = HashSet::new();
        let duplicates: Vec<RuleError> = rules
            .iter()
            .filter(|r| !seen.insert(r.id.clone()))
            .map(|r| RuleError {
                origin: r.origin.clone(),
                line: None,
                message: format!("rule id `{}` is defined more than once", r.id),
            })
            .collect();
        if !duplicates.is_empty() {
            return Err(duplicates);
        }
        Ok(RuleSet {
            rules,
            compiled: Default::default(),
        })
    }

    fn compiled(&self, language: Language) -> &Result<Option<CompiledLanguage>, RuleError> {
        self.compiled[language as usize].get_or_init(|| compile_language(&self.rules, language))
    }

    /// Compiles the queries of these languages now, in parallel, instead of on first use.
    pub fn prepare(&self, languages: &[Language]) {
        std::thread::scope(|scope| {
            for &language in languages {
                scope.spawn(move || {
                    let _ = self.compiled(language);
                });
            }
        });
    }

    /// Compiles every language's combined query and reports any that fails (the rules were
    /// validated one by one when loaded, so this only fails if they conflict when combined).
    pub fn compile_all(&self) -> Result<(), Vec<RuleError>> {
        self.prepare(&Language::ALL);
        let errors: Vec<RuleError> = Language::ALL
            .iter()
            .filter_map(|&l| self.compiled(l).as_ref().err().cloned())
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Runs every rule that applies to a file of `language` (`None`: no grammar, so only the
    /// rules for any file) on `text`, whose syntax tree is `tree` when it has one.
    pub fn check(
        &self,
        language: Option<Language>,
        text: &str,
        tree: Option<&Tree>,
    ) -> Vec<Finding> {
        let lines = LineIndex::new(text);
        let mut findings = Vec::new();
        if let (Some(language), Some(tree)) = (language, tree)
            && let Ok(Some(compiled)) = self.compiled(language)
        {
            self.run_queries(compiled, text, tree, &lines, &mut findings);
        }
        for rule in &self.rules {
            if let Matcher::Regex { .. } = rule.matcher
                && rule.applies_to(language)
            {
                run_regex(rule, language, text, tree, &lines, &mut findings);
            }
        }
        // Several patterns of one rule can match the same node: report it once.
        findings.sort_by(|a, b| {
            (a.span.start_byte, a.span.end_byte, &a.rule_id).cmp(&(
                b.span.start_byte,
                b.span.end_byte,
                &b.rule_id,
            ))
        });
        findings.dedup_by(|a, b| a.rule_id == b.rule_id && a.span == b.span);
        findings
    }

    fn run_queries(
        &self,
        compiled: &CompiledLanguage,
        text: &str,
        tree: &Tree,
        lines: &LineIndex<'_>,
        findings: &mut Vec<Finding>,
    ) {
        let source = text.as_bytes();
        let deadline = Instant::now() + MATCH_TIME_LIMIT;
        let mut stop_when_late = |_: &tree_sitter::QueryCursorState| {
            if Instant::now() > deadline {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let mut cursor = QueryCursor::new();
        let options = QueryCursorOptions::new().progress_callback(&mut stop_when_late);
        let mut matches =
            cursor.matches_with_options(&compiled.query, tree.root_node(), source, options);
        let names = compiled.query.capture_names();
        while let Some(query_match) = matches.next() {
            let pattern = &compiled.patterns[query_match.pattern_index];
            if !pattern
                .predicates
                .iter()
                .all(|p| p.holds(query_match, source))
            {
                continue;
            }
            let Some(reported) = query_match.nodes_for_capture_index(pattern.report).next() else {
                continue;
            };
            let rule = &self.rules[pattern.rule];
            let capture_text = |name: &str| -> Option<(Node<'_>, String)> {
                let index = names.iter().position(|n| *n == name)? as u32;
                let node = query_match.nodes_for_capture_index(index).next()?;
                Some((node, node.utf8_text(source).ok()?.to_string()))
            };
            let message =
                template::render_message(&rule.message, |name| capture_text(name).map(|(_, t)| t));
            let fix = rule.fix.as_ref().and_then(|fix| {
                let (node, _) = capture_text(&fix.capture)?;
                Some(Fix {
                    span: lines.span(node.start_byte(), node.end_byte()),
                    replacement: template::render(&fix.replacement, |name| {
                        capture_text(name).map(|(_, t)| t)
                    }),
                    safe: fix.safe,
                })
            });
            findings.push(finding(
                rule,
                message,
                lines.span(reported.start_byte(), reported.end_byte()),
                fix,
            ));
        }
    }
}

fn finding(rule: &Rule, message: String, span: crate::text::Span, fix: Option<Fix>) -> Finding {
    Finding {
        rule_id: rule.id.clone(),
        category: rule.category,
        severity: rule.severity,
        confidence: rule.confidence,
        message,
        span,
        cwe: rule.cwe.clone(),
        fix,
        package: None,
    }
}

fn run_regex(
    rule: &Rule,
    language: Option<Language>,
    text: &str,
    tree: Option<&Tree>,
    lines: &LineIndex<'_>,
    findings: &mut Vec<Finding>,
) {
    let Matcher::Regex {
        regex,
        scope,
        min_entropy,
        exclude,
    } = &rule.matcher
    else {
        return;
    };
    let report_group = regex.capture_names().position(|n| n == Some("report"));
    // With a scope and a tree, a match counts only inside a string or comment node.
    let scoped_ranges = match (scope, language, tree) {
        (RegexScope::Any, _, _) | (_, None, _) | (_, _, None) => None,
        (scope, Some(language), Some(tree)) => Some(node_ranges(tree, |kind| match scope {
            RegexScope::String => language.is_string_kind(kind),
            RegexScope::Comment => language.is_comment_kind(kind),
            RegexScope::Any => true,
        })),
    };
    for caps in regex.captures_iter(text) {
        let Some(reported) = report_group
            .and_then(|g| caps.get(g))
            .or_else(|| caps.get(0))
        else {
            continue;
        };
        if reported.is_empty() {
            continue;
        }
        let value = reported.as_str();
        if let Some(bits) = min_entropy
            && shannon_entropy(strip_quotes(value)) < *bits
        {
            continue;
        }
        if exclude.as_ref().is_some_and(|e| e.is_match(value)) {
            continue;
        }
        if let Some(ranges) = &scoped_ranges
            && !contains(ranges, reported.start(), reported.end())
        {
            continue;
        }
        let message = template::render_message(&rule.message, |name| {
            caps.name(name).map(|m| m.as_str().to_string())
        });
        let fix = rule.fix.as_ref().and_then(|fix| {
            let target = caps.name(&fix.capture)?;
            Some(Fix {
                span: lines.span(target.start(), target.end()),
                replacement: template::render(&fix.replacement, |name| {
                    caps.name(name).map(|m| m.as_str().to_string())
                }),
                safe: fix.safe,
            })
        });
        findings.push(finding(
            rule,
            message,
            lines.span(reported.start(), reported.end()),
            fix,
        ));
    }
}

/// Byte ranges of the outermost nodes whose kind passes `wanted`, in document order.
fn node_ranges(tree: &Tree, wanted: impl Fn(&str) -> bool) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut cursor = tree.walk();
    'walk: loop {
        let node = cursor.node();
        let take = wanted(node.kind());
        if take {
            ranges.push((node.start_byte(), node.end_byte()));
        }
        if !take && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                continue 'walk;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    ranges
}

fn contains(ranges: &[(usize, usize)], start: usize, end: usize) -> bool {
    let index = ranges.partition_point(|(s, _)| *s <= start);
    index > 0 && ranges[index - 1].1 >= end
}

fn compile_language(
    rules: &[Rule],
    language: Language,
) -> Result<Option<CompiledLanguage>, RuleError> {
    let mut source = String::new();
    let mut owners: Vec<(usize, usize)> = Vec::new(); // (start offset in combined source, rule)
    for (index, rule) in rules.iter().enumerate() {
        if let Matcher::Query { source: query, .. } = &rule.matcher
            && rule.targets.contains(&Target::Language(language))
        {
            owners.push((source.len(), index));
            source.push_str(query);
            source.push('\n');
        }
    }
    if owners.is_empty() {
        return Ok(None);
    }
    let query = Query::new(&language.grammar(), &source).map_err(|e| {
        let owner = owners
            .iter()
            .rev()
            .find(|(start, _)| *start <= e.offset)
            .map(|(_, r)| &rules[*r]);
        RuleError {
            origin: owner.map(|r| r.origin.clone()).unwrap_or_default(),
            line: None,
            message: format!(
                "query does not compile for {} with the rest of the pack: {}",
                language.name(),
                e.message
            ),
        }
    })?;
    let mut patterns = Vec::with_capacity(query.pattern_count());
    for pattern in 0..query.pattern_count() {
        let start = query.start_byte_for_pattern(pattern);
        let rule = owners
            .iter()
            .rev()
            .find(|(offset, _)| *offset <= start)
            .map(|(_, r)| *r)
            .expect("pattern has an owner");
        let Matcher::Query { report, .. } = &rules[rule].matcher else {
            unreachable!()
        };
        let report = query
            .capture_index_for_name(report)
            .expect("validated at load");
        let predicates = query
            .general_predicates(pattern)
            .iter()
            .map(CustomPredicate::parse)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|message| RuleError {
                origin: rules[rule].origin.clone(),
                line: None,
                message,
            })?;
        patterns.push(PatternInfo {
            rule,
            report,
            predicates,
        });
    }
    Ok(Some(CompiledLanguage { query, patterns }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::parse_rule;

    pub(crate) fn rule(id: &str, languages: &str, matcher: &str, fix: &str) -> Rule {
        let text = format!(
            "id = \"{id}\"\nlanguages = {languages}\nseverity = \"error\"\ncwe = [\"CWE-1\"]\nmessage = \"found {{{{f}}}}\"\n\
             [docs]\nwhat = \"w\"\nwhy = \"y\"\nexample = \"e\"\nfix = \"f\"\n[match]\n{matcher}\n{fix}"
        );
        parse_rule(&text, "test.toml", None).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    fn run(rules: Vec<Rule>, language: Language, text: &str) -> Vec<Finding> {
        let set = RuleSet::new(rules).unwrap();
        set.compile_all().unwrap();
        crate::analysis::analyze_with(&set, language.into(), text)
    }

    #[test]
    fn text_predicates_filter_matches() {
        let yaml = rule(
            "python.yaml-load",
            "[\"python\"]",
            "query = '''\n((call function: (attribute object: (identifier) @m attribute: (identifier) @f) arguments: (argument_list) @args) @match\n(#eq? @m \"yaml\")\n(#any-of? @f \"load\" \"load_all\")\n(#not-match? @args \"Loader\\\\s*=\\\\s*(yaml\\\\.)?SafeLoader\"))\n'''",
            "[fix]\ncapture = \"f\"\nreplacement = \"safe_{{f}}\"\nsafe = true",
        );
        let found = run(
            vec![yaml],
            Language::Python,
            "yaml.load(a)\nyaml.safe_load(b)\nyaml.load(c, Loader=yaml.SafeLoader)\nother.load(d)\nyaml.load_all(e)\n",
        );
        let lines: Vec<u32> = found.iter().map(|f| f.span.start.line).collect();
        assert_eq!(lines, [0, 4], "{found:#?}");
        assert_eq!(found[0].message, "found load");
        let fix = found[0].fix.as_ref().unwrap();
        assert_eq!(fix.replacement, "safe_load");
        assert_eq!((fix.span.start_byte, fix.span.end_byte), (5, 9));
    }

    fn regex_rule(regex: &str, extra: &str) -> Rule {
        let text = format!(
            "id = \"any.t\"\nlanguages = [\"any\"]\nseverity = \"warning\"\ncwe = [\"CWE-798\"]\nmessage = \"secret {{{{report}}}}\"\n\
             [docs]\nwhat = \"w\"\nwhy = \"y\"\nexample = \"e\"\nfix = \"f\"\n[match]\nregex = '''{regex}'''\n{extra}\n"
        );
        parse_rule(&text, "t.toml", None).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    fn lines(findings: &[Finding]) -> Vec<u32> {
        findings.iter().map(|f| f.span.start.line).collect()
    }

    #[test]
    fn regex_scope_limits_matches_to_strings_or_comments() {
        let text = "k = 'tok_ABC'\n# tok_DEF\ntok_GHI = 1\n";
        let any = run(
            vec![regex_rule("(?P<report>tok_[A-Z]+)", "")],
            Language::Python,
            text,
        );
        assert_eq!(lines(&any), [0, 1, 2]);
        assert_eq!(any[0].message, "secret tok_ABC");
        assert_eq!((any[0].span.start.column, any[0].span.end.column), (5, 12));
        let strings = run(
            vec![regex_rule("(?P<report>tok_[A-Z]+)", "scope = \"string\"")],
            Language::Python,
            text,
        );
        assert_eq!(lines(&strings), [0]);
        let comments = run(
            vec![regex_rule("(?P<report>tok_[A-Z]+)", "scope = \"comment\"")],
            Language::Python,
            text,
        );
        assert_eq!(lines(&comments), [1]);
        // Without a grammar the scope cannot be known: the whole text is searched.
        let set = RuleSet::new(vec![regex_rule(
            "(?P<report>tok_[A-Z]+)",
            "scope = \"string\"",
        )])
        .unwrap();
        assert_eq!(lines(&set.check(None, text, None)), [0, 1, 2]);
    }

    #[test]
    fn entropy_and_exclusions_filter_regex_matches() {
        let rule = regex_rule(
            "key = \"(?P<report>[^\"]+)\"",
            "min-entropy = 3.5\nexclude = '(?i)example'",
        );
        let text = "key = \"aaaaaaaaaaaa\"\nkey = \"Zq8vR2mX7pL4wK9t\"\nkey = \"EXAMPLEq8vR2mX7pL4wK9t\"\n";
        assert_eq!(lines(&run(vec![rule], Language::Python, text)), [1]);
    }

    #[test]
    fn custom_predicates_decide_matches() {
        let query = |predicates: &str| {
            rule(
                "js.t",
                "[\"javascript\", \"typescript\"]",
                &format!(
                    "query = '''\n((call_expression function: (identifier) @f arguments: (arguments . (_) @arg)) @match\n (#eq? @f \"run\") {predicates})\n'''"
                ),
                "",
            )
        };
        let text =
            "run('ls');\nrun(`ls ${dir}`);\nrun(cmd);\nfunction f() { run(x); }\nrun('a' + 'b');\n";
        assert_eq!(
            lines(&run(
                vec![query("(#not-literal? @arg)")],
                Language::JavaScript,
                text
            )),
            [1, 2, 3]
        );
        assert_eq!(
            lines(&run(
                vec![query("(#literal? @arg)")],
                Language::TypeScript,
                text
            )),
            [0, 4]
        );
        assert_eq!(
            lines(&run(
                vec![query("(#kind? @arg \"identifier\")")],
                Language::Tsx,
                text
            )),
            [2, 3]
        );
        assert_eq!(
            lines(&run(
                vec![query("(#has-ancestor? @match \"function_declaration\")")],
                Language::JavaScript,
                text
            )),
            [3]
        );
        assert_eq!(
            lines(&run(
                vec![query(
                    "(#not-has-ancestor? @match \"function_declaration\")"
                )],
                Language::JavaScript,
                text
            )),
            [0, 1, 2, 4]
        );
    }

    #[test]
    fn findings_are_reported_in_the_parts_of_broken_code_that_parse() {
        let r = rule(
            "python.t",
            "[\"python\"]",
            "query = '''\n((call function: (identifier) @f) @match (#eq? @f \"eval\"))\n'''",
            "",
        );
        let text = "def handler(req:\n    return eval(req.body)\n\nclass Broken(\neval(data)\nx = [1, 2,\n";
        let found = run(vec![r], Language::Python, text);
        assert!(lines(&found).contains(&4), "{found:#?}");
    }

    #[test]
    fn one_node_matched_by_several_patterns_is_reported_once() {
        let r = rule(
            "python.t",
            "[\"python\"]",
            "query = '''\n((call function: (identifier) @f) @match (#eq? @f \"eval\"))\n((call arguments: (argument_list (identifier))) @match)\n'''",
            "",
        );
        let found = run(vec![r], Language::Python, "eval(x)\n");
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn deeply_nested_input_does_not_overflow() {
        let r = regex_rule("(?P<report>tok_[A-Z]+)", "scope = \"string\"");
        let depth = 50_000;
        let text = format!("x = {}'tok_ABC'{}\n", "[".repeat(depth), "]".repeat(depth));
        let found = run(vec![r], Language::Python, &text);
        assert_eq!(found.len(), 1);
    }
}
