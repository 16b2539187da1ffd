//! Re-checking a document after an edit without re-matching the whole tree.
//!
//! A query cursor limited to a byte range returns exactly the matches whose root node
//! intersects the range. So after an edit, with `dirty` the bytes the edit changed widened by
//! the ranges whose syntax changed (`Tree::changed_ranges`):
//! - a previous match whose root lies wholly outside `dirty` inspected only unchanged syntax,
//!   so it still matches (shifted by the edit) and is kept;
//! - every match whose root intersects `dirty` is found again by the limited cursor;
//! - previous matches that intersect `dirty` are dropped: they are either found again or gone.
//!
//! `dirty` is a set of ranges, not one: edits far apart (a burst of keystrokes, a helper and its
//! callers) would otherwise widen it over everything between them. Flow grows it to whatever
//! the edits can change in data flow (`flow::reach`): the functions around them, the callers
//! of a function they defined, removed or changed, the code naming a module-level binding they
//! changed, so a module-level edit (a pasted or deleted function) re-checks only that.
//!
//! A rule whose predicates read the whole file (a name's every assignment, a function's uses)
//! can match or stop matching at a spot the edit never reached. Its earlier matches are matched
//! again, and so are the spots where it matches now: its patterns, compiled alone, are run over
//! the whole tree (one traversal with a few patterns, far cheaper than the combined query).
//!
//! Regex rules are cheap and may match across lines, so they always run over the whole text.
//! In the editor this turns a whole-tree match (tens of milliseconds on a 5,000-line file) into
//! one over the edited statement and the path to it.

use super::{CompiledLanguage, LineIndex, MatchContext, Piece, RuleSet, compile_language};
use crate::analysis::Incomplete;
use crate::finding::Finding;
use crate::flow::Outline;
use crate::lang::Language;
use std::cmp::Reverse;
use std::ops::Range;
use tree_sitter::Tree;

/// A query finding with the bytes its match inspected (its root node's range).
#[derive(Debug, Clone)]
pub(super) struct Matched {
    pub(super) finding: Finding,
    pub(super) extent: Range<usize>,
    /// For a shape rule that flow refines: the rule's index and the range of the captured
    /// value, until the flow pass has answered.
    pub(super) refine: Option<(usize, Range<usize>)>,
    /// How to write the message again when its path moves (it names the source's line).
    pub(super) message: Option<super::flow::FlowMessage>,
}

/// The findings of one rule set on one version of a document, kept so the next version can be
/// re-checked incrementally: call [`RuleFindings::edit`] for every change to the text, then
/// [`RuleSet::recheck`] with the edited old tree and the new one.
#[derive(Debug, Clone)]
pub struct RuleFindings {
    pub(super) rule_set: u64,
    pub(super) matched: Vec<Matched>,
    pub(super) scanned: Vec<Finding>,
    /// Query findings an edit reached whose reported span it did not touch, shifted: they may
    /// well still hold, so the per-item check ([`RuleSet::check_items`]) keeps showing them
    /// until the full re-check decides. A full re-check never reads them.
    pub(super) stale: Vec<Finding>,
    /// The bytes of the current text changed since these findings were computed, and the
    /// paths of the flow findings the changes cut through (in no order, may overlap).
    pub(super) dirty: Vec<Range<usize>>,
    /// False when the matches carry no root extents (the language's queries could not be given
    /// root captures) or matching stopped early: only a full check is then correct.
    pub(super) reusable: bool,
    /// What matching did not cover.
    pub(super) incomplete: Vec<Incomplete>,
    /// The file's name table, when some `#resolves-to?` predicate read it: kept matches (and
    /// kept non-matches) depend on it, so a re-check whose table differs starts over.
    pub(super) names: Option<crate::names::Names>,
    /// The file's named functions and module-level bindings, followed through the edits since:
    /// a re-check needs the names an edit removed. `None` when no taint rule applies.
    pub(super) outline: Option<Outline>,
    /// The rule set's `supersedes` table, applied to the whole list in [`Self::findings`].
    pub(super) supersedes: std::sync::Arc<super::Supersedes>,
}

impl RuleFindings {
    /// Every finding, in document order, each reported once.
    pub fn findings(&self) -> Vec<Finding> {
        let mut findings: Vec<Finding> = self
            .matched
            .iter()
            .map(|m| m.finding.clone())
            .chain(self.scanned.iter().cloned())
            .collect();
        // Several patterns of one rule can match the same node: report it once.
        // Outer before inner when two start together, for `collapse_nested`.
        findings.sort_by(|a, b| {
            (a.span.start_byte, Reverse(a.span.end_byte), &a.rule_id).cmp(&(
                b.span.start_byte,
                Reverse(b.span.end_byte),
                &b.rule_id,
            ))
        });
        findings.dedup_by(|a, b| a.rule_id == b.rule_id && a.span == b.span);
        // Then one rule's finding for the weaker ones of others at the same place, decided on
        // the whole list: kept and fresh parts of a re-check give what a full check gives.
        self.supersedes.apply(collapse_nested(findings))
    }

    /// What matching did not cover (it stopped at its work budget).
    pub fn incomplete(&self) -> &[Incomplete] {
        &self.incomplete
    }

    /// Whether the text changed since these findings were computed.
    pub fn edited(&self) -> bool {
        !self.dirty.is_empty()
    }

    /// Follows one change of the text: bytes `start..old_end` were replaced and now end at
    /// `new_end`. Matches the change overlaps are dropped, later ones shift. Line and column
    /// positions are brought up to date by the next [`RuleSet::recheck`].
    pub fn edit(&mut self, start: usize, old_end: usize, new_end: usize) {
        let moved = |offset: usize| offset - old_end + new_end;
        let map = |offset: usize| {
            if offset <= start {
                offset
            } else if offset >= old_end {
                moved(offset)
            } else {
                new_end
            }
        };
        // A dropped flow finding's path may run through code the edit did not touch (a caller
        // of an edited helper): the re-check must look there again.
        for dirty in &mut self.dirty {
            *dirty = map(dirty.start)..map(dirty.end);
        }
        self.dirty.push(start..new_end);
        let shift = |finding: &mut Finding| follow_edit(finding, start, old_end, new_end);
        let mut stale = Vec::new();
        let mut reach = Vec::new();
        self.matched.retain_mut(|m| {
            if m.extent.end <= start {
                true
            } else if m.extent.start >= old_end {
                m.extent = moved(m.extent.start)..moved(m.extent.end);
                follow_edit(&mut m.finding, start, old_end, new_end)
            } else {
                // A flow finding, or a shape match flow refined whose extent runs past its own
                // span (module-level code the module's pass judged: the whole module): matched
                // again over all of it, not only where the edit was.
                let wider = m.extent.start < m.finding.span.start_byte
                    || m.extent.end > m.finding.span.end_byte;
                if m.message.is_some() || wider {
                    reach.push(map(m.extent.start)..map(m.extent.end));
                }
                stale.push(m.finding.clone());
                false
            }
        });
        self.stale.extend(stale);
        self.stale.retain_mut(shift);
        // Regex findings the edit did not touch stay for the per-item check; a full re-check
        // recomputes them all.
        self.scanned.retain_mut(shift);
        self.dirty.extend(reach);
        // Many keystrokes in one place stay one range.
        if self.dirty.len() > 8 {
            self.dirty = crate::flow::merge_ranges(std::mem::take(&mut self.dirty));
        }
        if let Some(outline) = &mut self.outline {
            outline.edit(start, old_end, new_end);
        }
    }
}

/// One problem, one finding. A finding of a rule inside another finding of the same rule on the
/// same line is the same problem seen twice (`exec(compile(src))`: the rule matches both calls):
/// the outer one stays, since it covers the whole expression the user reads. Findings of
/// different rules stay: they name different problems. `findings` is sorted by start, outer
/// first.
fn collapse_nested(findings: Vec<Finding>) -> Vec<Finding> {
    let mut kept: Vec<Finding> = Vec::with_capacity(findings.len());
    for finding in findings {
        let inside_same_rule = kept
            .iter()
            .rev()
            .take_while(|outer| outer.span.start.line == finding.span.start.line)
            .any(|outer| {
                outer.rule_id == finding.rule_id
                    && outer.span.start_byte <= finding.span.start_byte
                    && finding.span.end_byte <= outer.span.end_byte
            });
        if !inside_same_rule {
            kept.push(finding);
        }
    }
    kept
}

impl RuleSet {
    /// The findings on `text` (parsed as `tree`) given those of an earlier version, followed
    /// through its edits with [`RuleFindings::edit`], and that version's tree, edited the same
    /// way with `Tree::edit`. Equal to [`RuleSet::check_tracked`], at a fraction of the cost for
    /// small edits; falls back to it when the earlier findings cannot be reused.
    pub fn recheck(
        &self,
        language: Language,
        text: &str,
        old_tree: &Tree,
        tree: &Tree,
        previous: RuleFindings,
    ) -> RuleFindings {
        let compiled = match self.compiled(language) {
            Ok(Some(compiled)) if compiled.incremental => Some(compiled),
            Ok(None) => None,
            _ => return self.check_tracked(Some(language), text, Some(tree)),
        };
        if previous.rule_set != self.id || !previous.reusable {
            return self.check_tracked(Some(language), text, Some(tree));
        }
        // An edit that changes what a name refers to (an import added, renamed or removed) can
        // change a match anywhere: re-check in full.
        let context = MatchContext::new(language, tree, text.as_bytes());
        if let Some(previous_names) = &previous.names
            && previous_names != context.names()
        {
            return self.check_tracked(Some(language), text, Some(tree));
        }
        let lines = LineIndex::new(text);
        let mut matched = Vec::new();
        let mut incomplete = Vec::new();
        let mut dirty = widen(&previous.dirty, old_tree, tree, text.len());
        let flow = match self.flow(language) {
            Ok(Some(flow)) => Some(flow),
            _ => None,
        };
        let linked = flow.and_then(|flow| super::imports::Linked::of_current(self, flow, language));
        let mut file = None;
        // The outlines and extents `flow::reach` reads, to grow the ranges again after more are
        // added below.
        let mut outlines: Option<(Outline, Outline, Vec<Range<usize>>)> = None;
        let grow = |dirty: &[Range<usize>], (old, new, extents): &(Outline, Outline, Vec<_>)| {
            crate::flow::reach(language, text, tree, dirty, old, new, extents)
        };
        if let Some(flow) = flow
            && !dirty.is_empty()
        {
            // An edit that opens or closes a function (a brace typed or deleted) moves what is
            // module-level code after it. While the text does not parse, error recovery decides
            // where functions end, and one keystroke can move a function's end (and so what is
            // module-level) far from the edit: flow can trust the functions around each change
            // only when they are the same ones before and after it, and every top-level item the
            // re-check does not analyse again must be the same too
            // (`flow::same_module_structure`). Otherwise everything is re-checked.
            let same_functions = if tree.root_node().has_error() || old_tree.root_node().has_error()
            {
                crate::flow::same_module_structure(language, old_tree, tree, &dirty)
            } else {
                // Both texts parse, so a function's extent moves only at the edit's edge (an
                // indented line typed after a Python function's last line joins it; a
                // dedented one leaves it): analysing both extents again covers it, and
                // `flow::reach` counts every function they overlap as changed, with its
                // callers.
                dirty = with_moved_functions(language, old_tree, tree, dirty);
                true
            };
            let Some(old_outline) = previous.outline.as_ref().filter(|_| same_functions) else {
                return self.check_tracked(Some(language), text, Some(tree));
            };
            // Flow findings and refined matches depend on whole functions, the helpers they
            // call, the module-level bindings they read and every point of their paths: grow
            // the ranges to all of that (`flow::reach`).
            let mut flow_file = flow.file(language, text, tree, context.names());
            if let Some(linked) = &linked {
                flow_file.link_imports(linked);
            }
            flow_file.module_pass();
            let new_outline = Outline::of(&flow_file);
            let extents: Vec<Range<usize>> =
                previous.matched.iter().map(|m| m.extent.clone()).collect();
            let read = (old_outline.clone(), new_outline, extents);
            let Some(reached) = grow(&dirty, &read) else {
                return self.check_tracked(Some(language), text, Some(tree));
            };
            dirty = reached;
            outlines = Some(read);
            file = Some((flow, flow_file));
        }
        // A match whose predicates read the whole file (a name's every assignment) may have
        // changed wherever the edit was: match it again.
        if let Some(compiled) = compiled
            && !dirty.is_empty()
            && !compiled.whole_file.is_empty()
        {
            dirty.extend(
                previous
                    .matched
                    .iter()
                    .filter(|m| compiled.whole_file.contains(&*m.finding.rule_id))
                    .map(|m| m.extent.clone()),
            );
            // A far edit can also make such a rule match where it did not (it removed the use
            // of a function that kept the hash inside it quiet): where those rules match now,
            // found by their patterns alone over the whole tree, is matched again too.
            let Some(now) = self.whole_file_extents(language, compiled, &context, tree, &lines)
            else {
                return self.check_tracked(Some(language), text, Some(tree));
            };
            dirty.extend(now);
            dirty = crate::flow::merge_ranges(dirty);
            // Flow must see those ranges as it sees an edit's: a helper matched again there is
            // quiet or not by what its callers pass (`core/callers.rs`), so they are analysed
            // again too.
            if let Some(read) = &outlines {
                let Some(reached) = grow(&dirty, read) else {
                    return self.check_tracked(Some(language), text, Some(tree));
                };
                dirty = reached;
            }
            // Those extents can overlap an earlier match that reach did not count (a flow
            // finding whose path runs from a helper above to a sink below): it is dropped
            // below, so all of it must be matched again, and so on for what that overlaps.
            while let Some(overlapped) = previous.matched.iter().find(|m| {
                let extent = &m.extent;
                let overlaps = dirty
                    .iter()
                    .any(|d| extent.start < d.end && d.start < extent.end);
                overlaps
                    && !dirty
                        .iter()
                        .any(|d| d.start <= extent.start && extent.end <= d.end)
            }) {
                dirty.push(overlapped.extent.clone());
                dirty = crate::flow::merge_ranges(dirty);
            }
        }
        let stands = |extent: &Range<usize>| {
            !dirty
                .iter()
                .any(|d| extent.start < d.end && d.start < extent.end)
        };
        for mut kept in previous.matched.into_iter().filter(|m| stands(&m.extent)) {
            relocate(&mut kept.finding, &lines);
            if let Some(message) = &kept.message {
                kept.finding.message = message.render(&kept.finding).into();
            }
            matched.push(kept);
        }
        if let Some(compiled) = compiled {
            let kept = matched.len();
            let mut budget = crate::analysis::Budget::for_text(text.len());
            for range in &dirty {
                // One budget for all: once spent, the later ranges would stop at once.
                if let Some(stopped) = self.run_queries(
                    compiled,
                    &context,
                    tree,
                    &lines,
                    Some(range.clone()),
                    &mut matched,
                    &mut budget,
                ) {
                    incomplete.push(stopped);
                    break;
                }
            }
            // A match whose root spans two ranges (one rooted at the module) is found in each.
            // Matches of one rule at one spot that ask flow about different values (each
            // element of `["git", "log", rev]`) are different questions: all are kept.
            let mut seen = std::collections::HashSet::new();
            let mut index = 0;
            matched.retain(|m| {
                index += 1;
                index <= kept
                    || seen.insert((
                        m.finding.rule_id.clone(),
                        m.finding.span.start_byte,
                        m.finding.span.end_byte,
                        m.extent.clone(),
                        m.refine.as_ref().map(|(_, value)| value.clone()),
                    ))
            });
        }
        let mut outline = previous.outline;
        if let Some((flow, mut flow_file)) = file {
            self.run_flow(flow, &mut flow_file, &lines, Some(&dirty), &mut matched);
            outline = Some(Outline::of(&flow_file));
        }
        let names = context.into_names().or(previous.names);
        RuleFindings {
            rule_set: self.id,
            matched,
            scanned: self.run_regexes(Some(language), text, Some(tree), &lines, None),
            stale: Vec::new(),
            dirty: Vec::new(),
            reusable: incomplete.is_empty(),
            incomplete,
            names,
            outline,
            supersedes: self.supersedes.clone(),
        }
    }
}

impl RuleSet {
    /// The extents of the matches, over the whole tree, of `compiled`'s rules whose predicates
    /// read the whole file, run as a query of their own (compiled on first use): a traversal
    /// with a few patterns, not the combined query. `None` if it ran out of work budget.
    fn whole_file_extents<'t>(
        &self,
        language: Language,
        compiled: &CompiledLanguage,
        context: &MatchContext<'t>,
        tree: &'t Tree,
        lines: &LineIndex<'_>,
    ) -> Option<Vec<Range<usize>>> {
        let alone = self.whole_file[language as usize].get_or_init(|| {
            let pieces: Vec<Piece> = (self.rules.iter().enumerate())
                .filter(|(_, rule)| compiled.whole_file.contains(rule.id.as_str()))
                .map(|(index, _)| Piece::whole(index))
                .collect();
            compile_language(&self.rules, Some(&pieces), language)
                .ok()
                .flatten()
        });
        let Some(alone) = alone else {
            // Not compilable alone (never expected: each rule compiles alone when loaded).
            return None;
        };
        let mut found = Vec::new();
        let mut budget = crate::analysis::Budget::for_text(context.source.len());
        let stopped = self.run_queries(alone, context, tree, lines, None, &mut found, &mut budget);
        stopped
            .is_none()
            .then(|| found.into_iter().map(|m| m.extent).collect())
    }
}

/// Moves a finding after bytes `start..old_end` became `start..new_end`: unchanged before the
/// edit, shifted after it; false (drop it) when the edit touched its span or its fix's.
fn follow_edit(finding: &mut Finding, start: usize, old_end: usize, new_end: usize) -> bool {
    let fix_range = finding
        .fix
        .as_ref()
        .map(|f| (f.span.start_byte, f.span.end_byte));
    let path = finding
        .flow
        .iter()
        .flat_map(|f| std::iter::once(&f.source).chain(&f.steps))
        .map(|p| (p.span.start_byte, p.span.end_byte));
    let ranges = std::iter::once((finding.span.start_byte, finding.span.end_byte))
        .chain(fix_range)
        .chain(path);
    let (mut before, mut after) = (true, true);
    for (from, to) in ranges {
        before &= to < start || (to == start && from < to);
        after &= from >= old_end;
    }
    if before {
        return true;
    }
    if !after {
        return false;
    }
    let moved = |offset: usize| offset - old_end + new_end;
    let span = &mut finding.span;
    (span.start_byte, span.end_byte) = (moved(span.start_byte), moved(span.end_byte));
    if let Some(fix) = &mut finding.fix {
        (fix.span.start_byte, fix.span.end_byte) =
            (moved(fix.span.start_byte), moved(fix.span.end_byte));
    }
    if let Some(flow) = &mut finding.flow {
        for point in std::iter::once(&mut flow.source).chain(&mut flow.steps) {
            let span = &mut point.span;
            (span.start_byte, span.end_byte) = (moved(span.start_byte), moved(span.end_byte));
        }
    }
    true
}

/// The edited bytes plus every range whose syntax changed, each grown by a byte on each side
/// so that nodes touching an edit (an identifier typed onto) and zero-width edits (a deletion)
/// count. Sorted and disjoint.
fn widen(
    dirty: &[Range<usize>],
    old_tree: &Tree,
    tree: &Tree,
    text_len: usize,
) -> Vec<Range<usize>> {
    let changed = old_tree
        .changed_ranges(tree)
        .map(|changed| changed.start_byte..changed.end_byte);
    let grown = dirty
        .iter()
        .cloned()
        .chain(changed)
        .map(|r| r.start.saturating_sub(1)..(r.end + 1).min(text_len.max(1)))
        .collect();
    crate::flow::merge_ranges(grown)
}

/// `dirty` plus, where the outermost functions around a range differ between the edited old
/// tree and the new one, both of their extents (in the new text's coordinates: the old tree was
/// edited along with the text). Sorted and disjoint.
fn with_moved_functions(
    language: Language,
    old_tree: &Tree,
    tree: &Tree,
    dirty: Vec<Range<usize>>,
) -> Vec<Range<usize>> {
    let mut moved = Vec::new();
    for range in &dirty {
        let now = crate::flow::functions_around(language, tree, range);
        let before = crate::flow::functions_around(language, old_tree, range);
        if now != before {
            moved.extend(now.into_iter().chain(before));
        }
    }
    if moved.is_empty() {
        return dirty;
    }
    crate::flow::merge_ranges(dirty.into_iter().chain(moved).collect())
}

/// Recomputes a kept finding's line and column positions from its (shifted) byte offsets.
pub(super) fn relocate(finding: &mut Finding, lines: &LineIndex<'_>) {
    finding.span = lines.span(finding.span.start_byte, finding.span.end_byte);
    if let Some(fix) = &mut finding.fix {
        fix.span = lines.span(fix.span.start_byte, fix.span.end_byte);
    }
    if let Some(flow) = &mut finding.flow {
        for point in std::iter::once(&mut flow.source).chain(&mut flow.steps) {
            point.span = lines.span(point.span.start_byte, point.span.end_byte);
        }
    }
}
