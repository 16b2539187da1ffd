//! The editor's first answer after an edit: the top-level items the edit touched, parsed and
//! checked on their own, merged with the earlier findings elsewhere.
//!
//! An incremental reparse is not always cheap: after an insertion at a new place in a Python
//! file, tree-sitter reparses nearly everything after it (the indentation scanner's state), so
//! its cost grows with the text that follows the edit. A top-level item (a function, a class,
//! an `impl` block, an exported declaration) parses the same alone as in its file in nearly
//! every case, so checking the touched items alone costs what the items cost, wherever they
//! are. The answer is provisional: the server then runs the full incremental re-check
//! ([`RuleSet::recheck`]) and replaces it when the two differ (a pattern that looks across
//! items, an edit that opened a string running to the end of the file).
//!
//! This is also the hook for per-function passes (data flow): whatever runs on one item's own
//! tree here (today [`RuleSet::check_tracked`]) sees the same unit it would see in the full
//! pass, so a pass that works per function can run in both.

use super::{LineIndex, RuleFindings, RuleSet};
use crate::finding::Finding;
use crate::lang::Language;
use std::ops::Range;
use tree_sitter::Tree;

/// Above this share of the text, checking the touched items alone saves nothing worth a
/// second answer: the full re-check answers alone.
const MAX_SHARE: usize = 4;

/// An item larger than this is answered from its touched children instead, however small a
/// share of the text it is: what the first answer costs must not grow with the file. In a
/// 20,000-line file a quarter is 150 KB, and text an edit broke (an unclosed string or block
/// the parser closed far below) makes items that large; 16 KB parses and checks in a few
/// milliseconds.
const MAX_ITEM: usize = 16 * 1024;

impl RuleSet {
    /// Provisional findings on `text` after the edits `previous` followed: the top-level items
    /// of `edited_tree` (the last full parse, edited with `Tree::edit` in step with the text)
    /// that the edits touched, parsed and checked alone, plus `previous`'s findings outside
    /// them. `previous` is a full analysis or an earlier answer of this function, edited since.
    /// `None` when there was no edit, when the items are a large part of the text, or when
    /// `previous` came from another rule set: then only the full re-check answers.
    ///
    /// The answer can itself be edited and passed back as `previous`; it is never reusable by
    /// [`RuleSet::recheck`].
    pub fn check_items(
        &self,
        language: Language,
        text: &str,
        edited_tree: &Tree,
        previous: &RuleFindings,
    ) -> Option<RuleFindings> {
        if previous.rule_set != self.id {
            return None;
        }
        // Each edited range on its own: edits far apart (several while the full re-check ran)
        // are answered from their own items, not from everything between them.
        let dirty = crate::flow::merge_ranges(previous.dirty.clone());
        let first_edit = dirty.first()?.start;
        let regions = merge_touched(
            dirty
                .into_iter()
                .map(|range| touched_items(text, edited_tree, range))
                .collect(),
        );
        if regions.iter().map(|t| t.region.len()).sum::<usize>() * MAX_SHARE > text.len() {
            return None;
        }
        let mut checked = Vec::new();
        for Touched { region, code } in &regions {
            if *code {
                let item_text = &text[region.clone()];
                let item_tree = crate::analysis::parse(language, item_text, None)?;
                checked.push((region.start, item_text, item_tree));
            }
        }
        let lines = LineIndex::new(text);
        let outside = |f: &Finding| {
            regions.iter().all(|Touched { region, .. }| {
                f.span.end_byte <= region.start || f.span.start_byte >= region.end
            })
        };
        let mut findings: Vec<Finding> = previous
            .matched
            .iter()
            .map(|m| &m.finding)
            .chain(&previous.scanned)
            .chain(&previous.stale)
            .filter(|f| outside(f))
            .cloned()
            .map(|mut f| {
                // The text before the first edit is unchanged, and so are positions in it.
                if !before(&f, first_edit) {
                    super::incremental::relocate(&mut f, &lines);
                }
                f
            })
            .collect();
        for (start, item_text, item_tree) in &checked {
            let inside = self.check_tracked(Some(language), item_text, Some(item_tree));
            findings.extend(inside.findings().into_iter().map(|mut f| {
                shift(&mut f, *start, &lines);
                f
            }));
        }
        Some(RuleFindings {
            rule_set: self.id,
            matched: Vec::new(),
            scanned: findings,
            stale: Vec::new(),
            dirty: Vec::new(),
            reusable: false,
            incomplete: previous.incomplete.clone(),
            names: None,
            outline: None,
            supersedes: self.supersedes.clone(),
        })
    }
}

/// What an edit touched: whole lines covering it and every item they touch, and whether
/// any of that is code to check.
struct Touched {
    region: Range<usize>,
    /// `false` when the edits lie inside one token too large to be an item (the content of a
    /// string or comment that runs for pages, often one a deleted quote left open): the lines
    /// they touched hold no code to check, and their earlier findings go. Parsing the token
    /// whole would make the answer cost the token's length, up to the rest of the file.
    code: bool,
}

/// The region covering every item that `dirty` (the edited bytes of the current text) touches,
/// and `dirty` itself. An item is a top-level node, or, inside a node larger than a
/// `MAX_SHARE`th of the text or than [`MAX_ITEM`] (one big class, an error spanning half the
/// file), the children it holds that the edit touches, and so on down: the region stays small
/// wherever the edit is.
fn touched_items(text: &str, edited_tree: &Tree, dirty: Range<usize>) -> Touched {
    let (mut start, mut end) = (dirty.start.min(text.len()), dirty.end.min(text.len()));
    let too_large = (text.len() / MAX_SHARE).min(MAX_ITEM);
    let (mut items, mut opaque) = (0, 0);
    let mut containers = vec![edited_tree.root_node()];
    while let Some(container) = containers.pop() {
        let mut cursor = container.walk();
        // Straight to the first child ending at or after the edit (touching counts: typing
        // right after an item's last byte extends it), not through the thousands of items
        // before it in a long file.
        let found = match dirty.start.checked_sub(1) {
            Some(goal) => cursor.goto_first_child_for_byte(goal).is_some(),
            None => cursor.goto_first_child(),
        };
        if !found {
            continue;
        }
        loop {
            let item = cursor.node();
            if item.start_byte() > dirty.end {
                break;
            }
            if item.end_byte() < dirty.start {
                // Only a zero-width item can end before the first one found.
            } else if item.byte_range().len() <= too_large {
                start = start.min(item.start_byte());
                end = end.max(item.end_byte());
                items += 1;
            } else if item.child_count() > 0 {
                containers.push(item);
            } else {
                opaque += 1;
            }
            if !cursor.goto_next_sibling() {
                break;
            }
        }
    }
    let (start, end) = (start.min(text.len()), end.min(text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
    Touched {
        region: line_start..line_end,
        code: items > 0 || opaque == 0,
    }
}

/// The regions of several edits, sorted, with overlapping ones joined (code in either part makes
/// the joined one code).
fn merge_touched(mut touched: Vec<Touched>) -> Vec<Touched> {
    touched.sort_by_key(|t| t.region.start);
    let mut merged: Vec<Touched> = Vec::with_capacity(touched.len());
    for next in touched {
        match merged.last_mut() {
            Some(last) if next.region.start < last.region.end => {
                last.region.end = last.region.end.max(next.region.end);
                last.code |= next.code;
            }
            _ => merged.push(next),
        }
    }
    merged
}

/// Whether every range of `finding` (its span, its fix, the points of its path) ends at or
/// before byte `at`.
fn before(finding: &Finding, at: usize) -> bool {
    finding.span.end_byte <= at
        && finding
            .fix
            .as_ref()
            .is_none_or(|fix| fix.span.end_byte <= at)
        && finding.flow.as_ref().is_none_or(|flow| {
            std::iter::once(&flow.source)
                .chain(&flow.steps)
                .all(|point| point.span.end_byte <= at)
        })
}

/// Moves a finding computed on an item's own text to its place in the whole text.
fn shift(finding: &mut Finding, by: usize, lines: &LineIndex<'_>) {
    finding.span = lines.span(finding.span.start_byte + by, finding.span.end_byte + by);
    if let Some(fix) = &mut finding.fix {
        fix.span = lines.span(fix.span.start_byte + by, fix.span.end_byte + by);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Types `typed` at byte `at` of `text`, following the edit in `tree` (with `Tree::edit`)
    /// and in `previous`, as the server does between two analyses.
    fn type_at(
        text: &mut String,
        tree: &mut Tree,
        previous: &mut RuleFindings,
        at: usize,
        typed: &str,
    ) {
        let point = |text: &str, offset: usize| {
            let row = text[..offset].matches('\n').count();
            tree_sitter::Point::new(
                row,
                offset - text[..offset].rfind('\n').map_or(0, |i| i + 1),
            )
        };
        let start_position = point(text, at);
        text.insert_str(at, typed);
        tree.edit(&tree_sitter::InputEdit {
            start_byte: at,
            old_end_byte: at,
            new_end_byte: at + typed.len(),
            start_position,
            old_end_position: start_position,
            new_end_position: point(text, at + typed.len()),
        });
        previous.edit(at, at, at + typed.len());
    }

    /// [`touched_items`] as it was written first: every child of every container scanned.
    fn touched_items_by_scanning(text: &str, tree: &Tree, dirty: Range<usize>) -> Touched {
        let (mut start, mut end) = (dirty.start.min(text.len()), dirty.end.min(text.len()));
        let too_large = (text.len() / MAX_SHARE).min(MAX_ITEM);
        let (mut items, mut opaque) = (0, 0);
        let mut containers = vec![tree.root_node()];
        while let Some(container) = containers.pop() {
            let mut cursor = container.walk();
            for item in container.children(&mut cursor) {
                if item.end_byte() < dirty.start || item.start_byte() > dirty.end {
                    continue;
                }
                if item.byte_range().len() <= too_large {
                    start = start.min(item.start_byte());
                    end = end.max(item.end_byte());
                    items += 1;
                } else if item.child_count() > 0 {
                    containers.push(item);
                } else {
                    opaque += 1;
                }
            }
        }
        let (start, end) = (start.min(text.len()), end.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
        Touched {
            region: line_start..line_end,
            code: items > 0 || opaque == 0,
        }
    }

    #[test]
    fn seeking_the_touched_items_finds_what_scanning_every_child_finds() {
        // Every corpus file, whole and cut short (an unclosed block or string: error nodes),
        // with ranges at item boundaries, inside items, empty, and at both ends.
        let mut checked = 0;
        for (path, language, whole) in super::super::tests::corpus() {
            for text in [
                whole.as_str(),
                &whole[..whole.floor_char_boundary(whole.len() * 2 / 3)],
            ] {
                let Some(tree) = crate::analysis::parse(language, text, None) else {
                    continue;
                };
                let mut ends: Vec<usize> = (0..tree.root_node().child_count())
                    .filter_map(|i| tree.root_node().child(i))
                    .flat_map(|n| [n.start_byte(), n.end_byte(), n.end_byte() + 1])
                    .chain([0, 1, text.len() / 3, text.len() / 2, text.len()])
                    .filter(|&b| b <= text.len())
                    .collect();
                ends.sort_unstable();
                ends.dedup();
                for (i, &start) in ends.iter().enumerate() {
                    for &end in ends[i..].iter().take(3) {
                        let seeking = touched_items(text, &tree, start..end);
                        let scanning = touched_items_by_scanning(text, &tree, start..end);
                        assert_eq!(
                            (seeking.region, seeking.code),
                            (scanning.region, scanning.code),
                            "{} bytes {start}..{end} of {}",
                            path.display(),
                            text.len()
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 10_000, "only {checked} ranges compared");
    }

    #[test]
    fn an_edit_inside_one_large_class_is_answered_from_its_method() {
        let methods: String = (0..40)
            .map(|i| format!("    def m{i}(self, x):\n        return x + {i}\n\n"))
            .collect();
        let before = format!("import os\n\n\nclass Big:\n{methods}");
        let rules = RuleSet::builtin();
        let language = Language::Python;
        let mut tree = crate::analysis::parse(language, &before, None).unwrap();
        let mut previous = rules.check_tracked(Some(language), &before, Some(&tree));
        // Type a call to os.system into the twentieth method.
        let at = before.find("        return x + 20").unwrap();
        let typed = "        os.system(x)\n";
        let mut text = before.clone();
        type_at(&mut text, &mut tree, &mut previous, at, typed);
        let answer = rules
            .check_items(language, &text, &tree, &previous)
            .expect("the class is larger than a quarter of the file: its method answers");
        let reparsed = crate::analysis::parse(language, &text, None).unwrap();
        let full = rules.check(Some(language), &text, Some(&reparsed));
        let lines = |f: Vec<Finding>| -> Vec<(String, u32)> {
            f.into_iter()
                .map(|f| (f.rule_id.to_string(), f.span.start.line))
                .collect()
        };
        assert!(!full.is_empty(), "the typed call is a finding");
        assert_eq!(lines(answer.findings()), lines(full));
    }

    #[test]
    fn an_edit_inside_a_large_item_is_answered_from_its_children_in_a_larger_file() {
        // One class of about 24 KB among 150 KB of small functions: under a quarter of the
        // text, over `MAX_ITEM`.
        let functions: String = (0..3000)
            .map(|i| format!("def f{i}(x):\n    return x\n\n"))
            .collect();
        let methods: String = (0..400)
            .map(|i| format!("    def m{i}(self, x):\n        return x + {i}\n\n"))
            .collect();
        let text = format!("{functions}class Big:\n{methods}{functions}");
        let class = text.find("class Big").unwrap();
        assert!(methods.len() > MAX_ITEM && methods.len() * MAX_SHARE < text.len());
        let tree = crate::analysis::parse(Language::Python, &text, None).unwrap();
        let at = text.find("        return x + 200").unwrap();
        let Touched { region, code } = touched_items(&text, &tree, at..at + 1);
        assert!(code);
        assert!(region.start > class && region.len() < 200, "{region:?}");
        assert!(text[region].contains("return x + 200"));
    }

    #[test]
    fn an_edit_inside_a_string_that_runs_for_pages_checks_only_its_lines() {
        // A deleted quote can leave a string open until the next quote pages below: its
        // content is one token, and parsing it whole would cost up to the rest of the file.
        let functions: String = (0..300)
            .map(|i| format!("fn f{i}(p: *const u8) -> u8 {{\n    unsafe {{ *p }}\n}}\n\n"))
            .collect();
        let body: String = (0..1500)
            .map(|i| format!("line {i} of the text\n"))
            .collect();
        let before = format!("{functions}const TEXT: &str = \"\n{body}\";\n{functions}");
        assert!(body.len() > MAX_ITEM);
        let rules = RuleSet::builtin();
        let language = Language::Rust;
        let mut tree = crate::analysis::parse(language, &before, None).unwrap();
        let mut previous = rules.check_tracked(Some(language), &before, Some(&tree));
        let at = before.find("line 700 of").unwrap();
        let typed = "unsafe { typed() } ";
        let mut text = before.clone();
        type_at(&mut text, &mut tree, &mut previous, at, typed);
        let Touched { region, code } = touched_items(&text, &tree, at..at + typed.len());
        assert!(!code, "the edit is inside the string");
        assert!(region.len() < 100, "{region:?}");
        let answer = rules
            .check_items(language, &text, &tree, &previous)
            .expect("the string's lines answer");
        let reparsed = crate::analysis::parse(language, &text, None).unwrap();
        let full = rules.check(Some(language), &text, Some(&reparsed));
        assert_eq!(
            full.len(),
            600,
            "the unsafe blocks of the functions, none in the string"
        );
        let positions = |f: Vec<Finding>| -> Vec<(String, u32, u32)> {
            f.into_iter()
                .map(|f| {
                    (
                        f.rule_id.to_string(),
                        f.span.start.line,
                        f.span.start.column,
                    )
                })
                .collect()
        };
        assert_eq!(positions(answer.findings()), positions(full));
    }

    #[test]
    fn edits_far_apart_are_answered_from_their_own_items() {
        // Two edits at both ends of a file, as when several land while the full re-check runs:
        // the region between them is not checked again.
        let functions: String = (0..2000)
            .map(|i| format!("def f{i}(x):\n    return x\n\n"))
            .collect();
        let before = format!("import os\n\n{functions}");
        let rules = RuleSet::builtin();
        let language = Language::Python;
        let mut tree = crate::analysis::parse(language, &before, None).unwrap();
        let mut previous = rules.check_tracked(Some(language), &before, Some(&tree));
        let mut text = before.clone();
        for name in ["def f10(x):\n", "def f1990(x):\n"] {
            let at = text.find(name).unwrap() + name.len();
            type_at(
                &mut text,
                &mut tree,
                &mut previous,
                at,
                "    os.system(x)
",
            );
        }
        let answer = rules
            .check_items(language, &text, &tree, &previous)
            .expect("two small regions, not the whole file between them");
        let reparsed = crate::analysis::parse(language, &text, None).unwrap();
        let full = rules.check(Some(language), &text, Some(&reparsed));
        let lines = |f: Vec<Finding>| -> Vec<(String, u32)> {
            let mut lines: Vec<(String, u32)> = f
                .into_iter()
                .map(|f| (f.rule_id.to_string(), f.span.start.line))
                .collect();
            lines.sort();
            lines
        };
        assert_eq!(full.len(), 2, "both typed calls are findings");
        assert_eq!(lines(answer.findings()), lines(full));
    }
}
