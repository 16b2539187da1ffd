//! Running rules: every query rule of a language is compiled once into one combined query and
//! matched in one pass over the tree (`compile` builds it); regex rules run over the text
//! (`regex_rules`). `incremental` re-checks a document after an edit by matching queries only
//! where the edit reached.
//!
//! Compiling a query is what a short run pays most for (tree-sitter analyses every pattern
//! against the grammar's parse table: about half a second per language for the whole pack).
//! Until a language's combined query is [prepared](RuleSet::prepare), [`RuleSet::check`]
//! compiles only the patterns that can match the text at hand, together in one batch: a
//! pattern that compares a capture with words the text does not contain (`#eq? @f "eval"`, see
//! [`pattern_words`]) cannot match it. One batch, not one query per
//! rule, because part of tree-sitter's query analysis walks the grammar's whole parse table
//! whatever the query holds: a fixed cost per compiled query.

use super::RuleError;
use super::model::{Matcher, Rule, Target};
use super::predicates::{CustomPredicate, MatchContext};
use super::regex_set::SharedRegexSet;
use super::template;
use super::words::{Need, fold_text, pattern_words, regex_words};
use crate::analysis::{Budget, Incomplete};
use crate::finding::{Finding, Fix};
use crate::lang::Language;
use crate::text::LineIndex;
use std::collections::HashSet;
use std::ops::{ControlFlow, Range};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use streaming_iterator::StreamingIterator;
use tree_sitter::{Node, Query, QueryCursor, QueryCursorOptions, QueryMatch, Tree};

mod awaited_calls;
mod comments;
mod compile;
mod flow;
mod imports;
mod incremental;
mod items;
mod regex_rules;
mod supersede;
use compile::{Piece, compile_language};
use incremental::Matched;
pub use incremental::RuleFindings;
use regex_rules::run_regex;
use supersede::Supersedes;

type CompiledOnce = OnceLock<Result<Option<CompiledLanguage>, RuleError>>;
/// Per pattern of a rule, the words one of which a text needs for it to match (`None`: any).
type PatternWords = Option<Vec<Option<Need>>>;

/// The query rules of one language (or one rule of it), compiled together.
struct CompiledLanguage {
    query: Query,
    /// For each pattern of the combined query: the rule it belongs to, the capture it reports,
    /// and its custom predicates.
    patterns: Vec<PatternInfo>,
    /// Whether every pattern has an anchor, so matches know their root and findings can be
    /// reused across edits; otherwise only full re-matching is correct.
    incremental: bool,
    /// The ids of the rules with a pattern whose predicates read the whole file: their matches
    /// are matched again after every edit.
    whole_file: std::collections::HashSet<String>,
}

struct PatternInfo {
    rule: usize,
    /// `None`: the pattern was compiled without the rest of its rule and lacks the capture.
    report: Option<u32>,
    predicates: Vec<CustomPredicate>,
    /// A single root node (false: a sequence of siblings, whose match depends on the parent).
    rooted: bool,
    /// A capture every match of the pattern has, and how many levels below the root it sits.
    anchor: Option<(u32, u32)>,
}

/// A set of validated rules, ready to run on any number of documents.
///
/// Each language's combined query is compiled on first use: tree-sitter's query analysis costs
/// hundreds of milliseconds for the TypeScript grammars, which a Python-only run should not pay.
pub struct RuleSet {
    /// Identifies this set, so findings it produced are never reused by another set.
    id: u64,
    rules: Vec<Rule>,
    compiled: [CompiledOnce; Language::ALL.len()],
    /// Per language, the rules compiled so far for the texts at hand, in batches.
    batches: [Mutex<Batches>; Language::ALL.len()],
    /// Per rule, the words one of which each of its patterns needs in a text (see
    /// [`pattern_words`]), read from the query on first use; `None` for a rule that is not a
    /// query or whose shape is unknown.
    words: Vec<OnceLock<PatternWords>>,
    /// Each language's taint tables, merged, on first use.
    flow: [OnceLock<Result<Option<crate::flow::FlowRules>, RuleError>>; Language::ALL.len()],
    /// Every regex rule's pattern in one set, in rule order: one pass over a text tells which
    /// of them match at all (usually none), so the others are never run on it. `None` if the
    /// set cannot be built (then every regex runs).
    regex_set: OnceLock<Option<(SharedRegexSet, Vec<usize>)>>,
    /// Per language, its rules whose predicates read the whole file, compiled alone on the
    /// first re-check that needs them (`incremental`).
    whole_file: [OnceLock<Option<CompiledLanguage>>; Language::ALL.len()],
    /// Which rules' findings another rule's finding at the same place replaces (`supersedes`).
    supersedes: Arc<Supersedes>,
}

/// Query rules of one language compiled a few patterns at a time, each pattern at most once:
/// what [`RuleSet::check`] runs until the language's combined query is prepared.
#[derive(Default)]
struct Batches {
    compiled: Vec<Arc<CompiledLanguage>>,
    /// The pieces some batch holds (or that do not compile for the language); a whole rule
    /// covers each of its patterns.
    covered: HashSet<Piece>,
}

impl Batches {
    fn covers(&self, piece: Piece) -> bool {
        self.covered.contains(&piece) || self.covered.contains(&Piece::whole(piece.rule))
    }
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
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        Ok(RuleSet {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            batches: Default::default(),
            words: rules.iter().map(|_| OnceLock::new()).collect(),
            supersedes: Arc::new(Supersedes::new(&rules)),
            rules,
            compiled: Default::default(),
            flow: Default::default(),
            regex_set: OnceLock::new(),
            whole_file: Default::default(),
        })
    }

    fn compiled(&self, language: Language) -> &Result<Option<CompiledLanguage>, RuleError> {
        self.compiled[language as usize]
            .get_or_init(|| compile_language(&self.rules, None, language))
    }

    /// The compiled batches that hold `needed` (pieces of rules of `language`), compiling the
    /// ones no batch holds yet together in a new batch. A batch may hold more patterns than a
    /// text needs (those compiled for earlier texts): they find what they find, as the
    /// combined query would.
    fn batches_for(&self, language: Language, needed: &[Piece]) -> Vec<Arc<CompiledLanguage>> {
        let mut batches = self.batches[language as usize]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let missing: Vec<Piece> = needed
            .iter()
            .copied()
            .filter(|&piece| !batches.covers(piece))
            .collect();
        if !missing.is_empty() {
            match compile_language(&self.rules, Some(&missing), language) {
                Ok(Some(batch)) => batches.compiled.push(Arc::new(batch)),
                Ok(None) => {}
                // Rules that conflict with each other (each compiled alone when loaded): each
                // rule's pieces alone, as the combined query would fail for them too; and a
                // rule whole if its pieces do not compile alone.
                Err(_) => {
                    let mut rules: Vec<usize> = missing.iter().map(|p| p.rule).collect();
                    rules.dedup();
                    for rule in rules {
                        let pieces: Vec<Piece> =
                            missing.iter().copied().filter(|p| p.rule == rule).collect();
                        let alone =
                            compile_language(&self.rules, Some(&pieces), language).or_else(|_| {
                                batches.covered.insert(Piece::whole(rule));
                                compile_language(&self.rules, Some(&[Piece::whole(rule)]), language)
                            });
                        if let Ok(Some(alone)) = alone {
                            batches.compiled.push(Arc::new(alone));
                        }
                    }
                }
            }
            batches.covered.extend(missing);
        }
        batches
            .compiled
            .iter()
            .filter(|batch| {
                let needs = |rule: usize| needed.iter().any(|piece| piece.rule == rule);
                batch.patterns.iter().any(|p| needs(p.rule))
            })
            .cloned()
            .collect()
    }

    /// Per pattern of rule `rule`, the words one of which a text needs for it to match, read
    /// on first use (`None`: nothing known, any text may match).
    fn words(&self, rule: usize) -> &PatternWords {
        self.words[rule].get_or_init(|| match &self.rules[rule].matcher {
            Matcher::Query { source, .. } => pattern_words(source),
            Matcher::Regex { regex, .. } => Some(vec![regex_words(regex.as_str())]),
            Matcher::Flow => None,
        })
    }

    /// Whether rule `rule` can match somewhere in `text` (`folded`: the same text
    /// [folded](fold_text)): false only when each of its patterns needs a word the text does
    /// not contain.
    fn may_match(&self, rule: usize, text: &str, folded: &str) -> bool {
        self.words(rule).as_ref().is_none_or(|patterns| {
            patterns
                .iter()
                .any(|need| need.as_ref().is_none_or(|n| n.met_by(text, folded)))
        })
    }

    /// The pieces of query rule `rule` that can match somewhere in `text`: the patterns whose
    /// words it contains, or the whole rule when its patterns are not known apart.
    fn pieces_that_may_match(&self, rule: usize, text: &str, folded: &str, out: &mut Vec<Piece>) {
        let Some(patterns) = self.words(rule) else {
            out.push(Piece::whole(rule));
            return;
        };
        for (pattern, need) in patterns.iter().enumerate() {
            if need.as_ref().is_none_or(|n| n.met_by(text, folded)) {
                out.push(Piece {
                    rule,
                    pattern: Some(pattern),
                });
            }
        }
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
            .flat_map(|&l| {
                let query = self.compiled(l).as_ref().err().cloned();
                let flow = match self.flow(l) {
                    Ok(Some(flow)) => flow.compile_source_queries(l).err(),
                    Ok(None) => None,
                    Err(e) => Some(e.clone()),
                };
                query.into_iter().chain(flow)
            })
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
    ///
    /// Until the language is [prepared](RuleSet::prepare) this compiles and runs only the
    /// query rules that can match `text` (and those compiled for earlier texts with them): the
    /// same findings, and a one-file run compiles a few rules instead of the whole pack.
    pub fn check(
        &self,
        language: Option<Language>,
        text: &str,
        tree: Option<&Tree>,
    ) -> Vec<Finding> {
        self.check_once(language, text, tree).findings()
    }

    /// [`RuleSet::check`], keeping what it did not cover ([`RuleFindings::incomplete`]).
    pub fn check_once(
        &self,
        language: Option<Language>,
        text: &str,
        tree: Option<&Tree>,
    ) -> RuleFindings {
        match (language, tree) {
            (Some(language), Some(tree)) if self.compiled[language as usize].get().is_none() => {
                self.check_selected(language, text, tree)
            }
            _ => self.check_tracked(language, text, tree),
        }
    }

    /// [`RuleSet::check`] with only the batches of query rules that can match `text`.
    fn check_selected(&self, language: Language, text: &str, tree: &Tree) -> RuleFindings {
        let lines = LineIndex::new(text);
        let mut matched = Vec::new();
        let target = Target::Language(language);
        let context = MatchContext::new(language, tree, text.as_bytes());
        let mut incomplete = Vec::new();
        // One budget for all the rules: work, not time, so that the same text gives the same
        // findings on an idle and a loaded machine.
        let mut budget = Budget::for_text(text.len());
        let folded = fold_text(text);
        let mut needed: Vec<Piece> = Vec::new();
        for (index, rule) in self.rules.iter().enumerate() {
            if matches!(rule.matcher, Matcher::Query { .. }) && rule.targets.contains(&target) {
                self.pieces_that_may_match(index, text, &folded, &mut needed);
            }
        }
        for batch in self.batches_for(language, &needed) {
            // Once spent, every later batch stops at once: report the stop once.
            if let Some(stopped) = self.run_queries(
                &batch,
                &context,
                tree,
                &lines,
                None,
                &mut matched,
                &mut budget,
            ) && !incomplete.contains(&stopped)
            {
                incomplete.push(stopped);
            }
        }
        let mut names = context.into_names();
        let outline = self.flow_whole_file(language, tree, &lines, &mut names, &mut matched);
        RuleFindings {
            rule_set: self.id,
            matched,
            scanned: self.run_regexes(Some(language), text, Some(tree), &lines, Some(&folded)),
            stale: Vec::new(),
            dirty: Vec::new(),
            reusable: false,
            incomplete,
            names,
            outline,
            supersedes: self.supersedes.clone(),
        }
    }

    /// [`RuleSet::check`], keeping what an incremental re-check after an edit needs.
    pub fn check_tracked(
        &self,
        language: Option<Language>,
        text: &str,
        tree: Option<&Tree>,
    ) -> RuleFindings {
        let lines = LineIndex::new(text);
        let mut matched = Vec::new();
        let mut reusable = false;
        let mut incomplete = Vec::new();
        let mut names = None;
        let mut outline = None;
        if let (Some(language), Some(tree)) = (language, tree) {
            match self.compiled(language) {
                Ok(Some(compiled)) => {
                    let context = MatchContext::new(language, tree, text.as_bytes());
                    let stopped = self.run_queries(
                        compiled,
                        &context,
                        tree,
                        &lines,
                        None,
                        &mut matched,
                        &mut Budget::for_text(text.len()),
                    );
                    // Findings of a match stopped early must not be reused as if complete.
                    reusable = compiled.incremental && stopped.is_none();
                    incomplete.extend(stopped);
                    names = context.into_names();
                }
                Ok(None) => reusable = true,
                Err(_) => {}
            }
            outline = self.flow_whole_file(language, tree, &lines, &mut names, &mut matched);
        }
        RuleFindings {
            rule_set: self.id,
            matched,
            scanned: self.run_regexes(language, text, tree, &lines, None),
            stale: Vec::new(),
            dirty: Vec::new(),
            reusable,
            incomplete,
            names,
            outline,
            supersedes: self.supersedes.clone(),
        }
    }

    /// Runs the regex rules that apply to `language` over `text`. With `folded` (the text
    /// [folded](fold_text): a run of a few texts), only those whose words the text contains,
    /// each compiled on first use; otherwise every regex of the pack compiled into one set,
    /// which tells in one pass which of them match.
    fn run_regexes(
        &self,
        language: Option<Language>,
        text: &str,
        tree: Option<&Tree>,
        lines: &LineIndex<'_>,
        folded: Option<&str>,
    ) -> Vec<Finding> {
        let mut findings = Vec::new();
        if let Some(folded) = folded {
            for (index, rule) in self.rules.iter().enumerate() {
                if let Matcher::Regex { .. } = rule.matcher
                    && rule.applies_to(language)
                    && self.may_match(index, text, folded)
                {
                    run_regex(rule, language, text, tree, lines, &mut findings);
                }
            }
            return findings;
        }
        let set = self.regex_set.get_or_init(|| {
            let (patterns, owners): (Vec<&str>, Vec<usize>) = self
                .rules
                .iter()
                .enumerate()
                .filter_map(|(index, rule)| match &rule.matcher {
                    Matcher::Regex { regex, .. } => Some((regex.as_str(), index)),
                    Matcher::Query { .. } | Matcher::Flow => None,
                })
                .unzip();
            let set = SharedRegexSet::new(&patterns, 64 << 20)?;
            Some((set, owners))
        });
        let candidates: Vec<usize> = match set {
            Some((set, owners)) => set.matches(text).into_iter().map(|i| owners[i]).collect(),
            None => (0..self.rules.len()).collect(),
        };
        for rule in candidates.into_iter().map(|i| &self.rules[i]) {
            if let Matcher::Regex { .. } = rule.matcher
                && rule.applies_to(language)
            {
                run_regex(rule, language, text, tree, lines, &mut findings);
            }
        }
        findings
    }

    /// Runs the combined query over `tree` (over `range` only, when given), adding its matches
    /// to `findings`. Says where it stopped if it ran out of work budget.
    // The budget is passed in so that rules run one by one share one.
    #[allow(clippy::too_many_arguments)]
    fn run_queries<'t>(
        &self,
        compiled: &CompiledLanguage,
        context: &MatchContext<'t>,
        tree: &'t Tree,
        lines: &LineIndex<'_>,
        range: Option<Range<usize>>,
        findings: &mut Vec<Matched>,
        budget: &mut Budget,
    ) -> Option<Incomplete> {
        let source = context.source;
        let text_len = source.len();
        let mut stopped_at = None;
        let mut stop_when_spent = |state: &tree_sitter::QueryCursorState| {
            if budget.spend() {
                stopped_at = Some(state.current_byte_offset());
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let mut cursor = QueryCursor::new();
        if let Some(range) = range {
            // Exactly the matches whose root node intersects the range.
            cursor.set_byte_range(range);
        }
        let options = QueryCursorOptions::new().progress_callback(&mut stop_when_spent);
        let mut matches =
            cursor.matches_with_options(&compiled.query, tree.root_node(), source, options);
        let names = compiled.query.capture_names();
        while let Some(query_match) = matches.next() {
            let pattern = &compiled.patterns[query_match.pattern_index];
            // A comment taken for an argument (`comments.rs`): the match without it is reported.
            if query_match.captures().iter().any(|c| c.node.is_extra()) {
                continue;
            }
            if !pattern
                .predicates
                .iter()
                .all(|p| p.holds(query_match, context))
            {
                continue;
            }
            let Some(reported) = pattern
                .report
                .and_then(|report| query_match.nodes_for_capture_index(report).next())
            else {
                continue;
            };
            let rule = &self.rules[pattern.rule];
            let capture_text = |name: &str| -> Option<(Node<'_>, String)> {
                let (name, resolved) = match name.strip_suffix(template::RESOLVED) {
                    Some(name) => (name, true),
                    None => (name, false),
                };
                let index = names.iter().position(|n| *n == name)? as u32;
                let node = query_match.nodes_for_capture_index(index).next()?;
                let text = match resolved {
                    true => context.names().resolve(node, source),
                    false => None,
                };
                Some((
                    node,
                    text.or_else(|| Some(node.utf8_text(source).ok()?.to_string()))?,
                ))
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
            let refine = rule
                .taint
                .as_ref()
                .and_then(|t| t.refined_capture())
                .and_then(&capture_text)
                .map(|(node, _)| (pattern.rule, node.byte_range()));
            let mut span = reported.byte_range();
            if let Matcher::Query {
                focus: Some(focus), ..
            } = &rule.matcher
                && let Some(found) = reported
                    .utf8_text(source)
                    .ok()
                    .and_then(|written| focus.get().find(written))
            {
                span = span.start + found.start()..span.start + found.end();
            }
            findings.push(Matched {
                refine,
                message: None,
                finding: finding(rule, message, lines.span(span.start, span.end), fix),
                extent: match_extent(pattern, query_match, text_len),
            });
        }
        drop(matches);
        if let Some(offset) = stopped_at {
            return Some(Incomplete::MatchBudget {
                line: lines.line_of(offset) as u32,
            });
        }
        // Matches dropped because too many were in progress at once (the cursor's limit).
        cursor
            .did_exceed_match_limit()
            .then(|| Incomplete::MatchBudget {
                line: lines.line_of(text_len) as u32,
            })
    }
}

/// The bytes a match inspected: its root node (its anchor's ancestor at the anchor's depth),
/// or for a sequence of siblings their parent. Without an anchor, the whole text.
fn match_extent(
    pattern: &PatternInfo,
    query_match: &QueryMatch<'_, '_>,
    text_len: usize,
) -> Range<usize> {
    let whole = 0..text_len;
    let Some((capture, depth)) = pattern.anchor else {
        return whole;
    };
    let Some(mut node) = query_match.nodes_for_capture_index(capture).next() else {
        return whole;
    };
    let levels = depth + u32::from(!pattern.rooted);
    for _ in 0..levels {
        match node.parent() {
            Some(parent) => node = parent,
            None => return whole,
        }
    }
    node.byte_range()
}

fn finding(rule: &Rule, message: String, span: crate::text::Span, fix: Option<Fix>) -> Finding {
    Finding {
        rule_id: rule.id.as_str().into(),
        category: rule.category,
        severity: rule.severity,
        confidence: rule.confidence,
        message: message.into(),
        span,
        cwe: rule.cwe.clone(),
        fix,
        package: None,
        flow: None,
        advisory: None,
    }
}

#[cfg(test)]
mod long_input_tests;
#[cfg(test)]
mod tests;
