//! What a file defines by name, with the bytes of each definition: every named function and
//! the names each module-level statement binds. Kept with one version's findings and moved
//! through every edit ([`Outline::edit`]), it tells the next re-check which names the edits
//! removed or changed — the old text is gone by then — so that `flow::reach` can analyse
//! their callers and readers again.

use super::FileFlow;
use std::collections::BTreeSet;
use std::ops::Range;

/// A file's named definitions, and the names of those edits touched since it was made.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// `(bytes, name)` of every named function, method and named lambda.
    pub(super) functions: Vec<(Range<usize>, String)>,
    /// `(bytes of the statement, name)` of every module-level binding (a constant, an object
    /// a module-level call fills).
    pub(super) bindings: Vec<(Range<usize>, String)>,
    /// `(bytes, label, rule bits)` of every node a source query captured, sorted. A source
    /// query can look at the whole file (a `"use server"` directive on its first line makes
    /// every exported function's parameters sources), so what it captures can change far from
    /// an edit.
    pub(super) sources: Vec<(Range<usize>, String, u64)>,
    /// The struct fields the file declares only as numbers (Rust): reading one gives a number
    /// in every function, so a declaration edited anywhere changes what any function holds.
    pub(super) scalar_fields: BTreeSet<String>,
    /// The types whose values hold no text (Python's enums, `Adapter::scalar_types`) and the
    /// record classes with their fields in order (`Hook(id,event,target)`, what positional
    /// arguments set): a declaration edited anywhere changes what every function holds.
    pub(super) declared_types: BTreeSet<String>,
    /// The command-line options declared only with `choices=` of literals (`core/choices.rs`):
    /// a declaration edited anywhere changes what every read of `options.<name>` holds.
    pub(super) option_choices: BTreeSet<String>,
    /// The helpers only this file's calls can reach (`core/callers.rs`): what their callers
    /// pass can make them quiet, so an edit of a caller reaches them.
    pub(super) fed_by_callers: BTreeSet<String>,
    /// `(bytes, name)` of every identifier naming one of `fed_by_callers` (a call, the
    /// definition): an edit that deletes a call changes what the helper's callers pass.
    pub(super) fed_mentions: Vec<(Range<usize>, String)>,
    /// Helpers of `fed_by_callers` a mention of which an edit since overlapped.
    pub(super) edited_fed: BTreeSet<String>,
    /// Functions an edit since overlapped: removed, renamed or changed.
    pub(super) edited_functions: BTreeSet<String>,
    /// Module-level bindings an edit since overlapped.
    pub(super) edited_bindings: BTreeSet<String>,
    /// The words of the stores functions left holding request data (`core/stores.rs`): every
    /// unit naming one reads what a writer put there.
    pub(super) stored: BTreeSet<String>,
    /// The module-level names bound to objects of the file's classes: stores like its empty
    /// containers (`core/stores.rs`).
    pub(super) object_stores: Vec<String>,
    /// The channel methods the file calls when it both sends and receives (`core/channels.rs`):
    /// an edit naming one reaches every unit naming any.
    pub(super) channel_words: Vec<String>,
}

impl Outline {
    /// The outline of the file `flow` analyses, after its module pass.
    pub(crate) fn of(flow: &FileFlow<'_, '_>) -> Outline {
        let fed_by_callers: BTreeSet<String> = (0..flow.functions().len())
            .filter(|&index| flow.may_be_fed_by_callers(index))
            .filter_map(|index| flow.functions()[index].name.clone())
            .collect();
        let names = fed_by_callers.iter().map(String::as_str).collect();
        let fed_mentions = flow.helper_mentions(&names);
        Outline {
            functions: flow
                .functions()
                .iter()
                .filter_map(|f| Some((f.node.byte_range(), f.name.clone()?)))
                .collect(),
            bindings: flow.bindings.clone(),
            sources: {
                let mut sources: Vec<(Range<usize>, String, u64)> = flow
                    .query_sources()
                    .iter()
                    .map(|(bytes, (label, bits))| (bytes.clone(), label.clone(), *bits))
                    .collect();
                sources.sort_by_key(|s| (s.0.start, s.0.end));
                sources
            },
            scalar_fields: flow.scalar_fields().iter().map(|f| f.to_string()).collect(),
            declared_types: flow
                .scalar_types()
                .iter()
                .map(|t| t.to_string())
                .chain(
                    flow.record_classes()
                        .iter()
                        .map(|(class, fields)| format!("{class}({})", fields.join(","))),
                )
                .collect(),
            option_choices: flow.option_choices().iter().cloned().collect(),
            fed_by_callers,
            fed_mentions,
            edited_fed: BTreeSet::new(),
            edited_functions: BTreeSet::new(),
            edited_bindings: BTreeSet::new(),
            stored: flow.stored.clone(),
            object_stores: flow.object_stores().map(str::to_string).collect(),
            channel_words: flow
                .channel_words()
                .into_iter()
                .map(str::to_string)
                .collect(),
        }
    }

    /// Follows one change of the text: bytes `start..old_end` were replaced and now end at
    /// `new_end`. A definition the change overlaps is dropped and its name remembered; later
    /// ones shift.
    pub fn edit(&mut self, start: usize, old_end: usize, new_end: usize) {
        let follow = |entries: &mut Vec<(Range<usize>, String)>, edited: &mut BTreeSet<String>| {
            entries.retain_mut(|(bytes, name)| {
                if bytes.end <= start {
                    true
                } else if bytes.start >= old_end {
                    *bytes = bytes.start - old_end + new_end..bytes.end - old_end + new_end;
                    true
                } else {
                    edited.insert(std::mem::take(name));
                    false
                }
            });
        };
        follow(&mut self.functions, &mut self.edited_functions);
        follow(&mut self.bindings, &mut self.edited_bindings);
        follow(&mut self.fed_mentions, &mut self.edited_fed);
        // A source the edit overlapped lies in the edited range, which is analysed again.
        self.sources.retain_mut(|(bytes, _, _)| {
            if bytes.end <= start {
                true
            } else if bytes.start >= old_end {
                *bytes = bytes.start - old_end + new_end..bytes.end - old_end + new_end;
                true
            } else {
                false
            }
        });
    }

    /// The names of the functions defined in only one of `self` and `other` (by name and
    /// bytes).
    pub(super) fn functions_differing<'a>(
        &'a self,
        other: &'a Outline,
    ) -> impl Iterator<Item = &'a str> + 'a {
        only_in(&self.functions, &other.functions).chain(only_in(&other.functions, &self.functions))
    }

    /// The names of the module-level bindings in only one of `self` and `other` (by name and
    /// bytes): an edit that ends right before `X = 1` does not overlap it, yet deleting the
    /// quote before it can swallow it into a string.
    pub(super) fn bindings_differing<'a>(
        &'a self,
        other: &'a Outline,
    ) -> impl Iterator<Item = &'a str> + 'a {
        only_in(&self.bindings, &other.bindings).chain(only_in(&other.bindings, &self.bindings))
    }

    /// Where the captured sources of `self` and `other` differ: a node captured in one and not
    /// the other, or with another label or rule bits.
    pub(super) fn sources_differing<'a>(
        &'a self,
        other: &'a Outline,
    ) -> impl Iterator<Item = &'a Range<usize>> + 'a {
        let missing_from = |a: &'a [(Range<usize>, String, u64)],
                            b: &'a [(Range<usize>, String, u64)]| {
            a.iter()
                .filter(move |entry| {
                    b.binary_search_by(|probe| {
                        (probe.0.start, probe.0.end).cmp(&(entry.0.start, entry.0.end))
                    })
                    .map_or(true, |i| b[i] != **entry)
                })
                .map(|entry| &entry.0)
        };
        missing_from(&self.sources, &other.sources)
            .chain(missing_from(&other.sources, &self.sources))
    }

    /// Names of the functions and of the bindings whose definitions overlap one of `ranges`.
    pub(super) fn defined_in(&self, ranges: &[Range<usize>]) -> (Vec<&str>, Vec<&str>) {
        (
            names_in(&self.functions, ranges),
            names_in(&self.bindings, ranges),
        )
    }
}

fn names_in<'a>(entries: &'a [(Range<usize>, String)], ranges: &[Range<usize>]) -> Vec<&'a str> {
    entries
        .iter()
        .filter(|(bytes, _)| {
            ranges
                .iter()
                .any(|r| bytes.start < r.end && r.start < bytes.end)
        })
        .map(|(_, name)| name.as_str())
        .collect()
}

/// The names of the entries of `a` (by name and bytes) that `b` lacks.
fn only_in<'a>(
    a: &'a [(Range<usize>, String)],
    b: &'a [(Range<usize>, String)],
) -> impl Iterator<Item = &'a str> + 'a {
    let b: std::collections::HashSet<&(Range<usize>, String)> = b.iter().collect();
    a.iter()
        .filter(move |entry| !b.contains(entry))
        .map(|entry| entry.1.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline() -> Outline {
        Outline {
            functions: vec![(0..10, "a".into()), (20..30, "b".into())],
            bindings: vec![(12..18, "X".into())],
            ..Outline::default()
        }
    }

    #[test]
    fn an_edit_remembers_the_names_it_overlapped_and_moves_the_rest() {
        let mut outline = outline();
        // Replace bytes 15..22 (the end of the binding, the start of `b`) with one byte.
        outline.edit(15, 22, 16);
        assert_eq!(outline.functions, vec![(0..10, "a".to_string())]);
        assert!(outline.bindings.is_empty());
        assert_eq!(outline.edited_functions.iter().collect::<Vec<_>>(), ["b"]);
        assert_eq!(outline.edited_bindings.iter().collect::<Vec<_>>(), ["X"]);
        // An insertion right before a definition moves it.
        let mut outline = Outline {
            functions: vec![(20..30, "b".into())],
            ..Outline::default()
        };
        outline.edit(20, 20, 25);
        assert_eq!(outline.functions, vec![(25..35, "b".to_string())]);
        assert!(outline.edited_functions.is_empty());
    }

    #[test]
    fn functions_that_appear_or_vanish_without_an_overlapping_edit_are_named() {
        // `b` moved by an insertion before it, but the new parse lost it to an error node
        // and found a `c` instead.
        let mut old = outline();
        old.edit(20, 20, 25);
        let new = Outline {
            functions: vec![(0..10, "a".into()), (40..50, "c".into())],
            ..Outline::default()
        };
        let differing: Vec<&str> = old.functions_differing(&new).collect();
        assert_eq!(differing, ["b", "c"]);
    }

    #[test]
    fn bindings_that_vanish_without_an_overlapping_edit_are_named() {
        // An edit ending right before `X = ...` moves it; the new parse swallowed it into a
        // string (the quote before it was deleted).
        let mut old = outline();
        old.edit(5, 12, 10);
        assert!(old.edited_bindings.is_empty());
        let new = Outline {
            functions: vec![(0..10, "a".into())],
            ..Outline::default()
        };
        let differing: Vec<&str> = old.bindings_differing(&new).collect();
        assert_eq!(differing, ["X"]);
    }
}
