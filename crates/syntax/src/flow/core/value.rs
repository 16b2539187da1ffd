//! What the core knows about a value: whether it is tainted (from where, through which steps,
//! for which rules), for which rules it is clean (constant or sanitised), and the literal text it
//! starts with. Values join after branches and compose when one is built from others.

use std::ops::Range;
use std::rc::Rc;

/// Every rule bit: a constant is clean for every rule.
pub(crate) const ALL: u64 = u64::MAX;

/// A step a tainted value took: an assignment, a loop target, a helper call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub range: Range<usize>,
    pub note: String,
}

/// Steps as a shared list, newest first: extending a path never copies it.
#[derive(Debug)]
pub(super) struct StepList {
    step: Step,
    previous: Option<Rc<StepList>>,
    /// How many steps the list holds, this one included (at most [`MAX_STEPS`]).
    len: usize,
}

/// A path keeps its first steps and its latest one: 20,000 statements `x = x + "a"` made a
/// path that long (and a report of it), whose drop overflowed the stack.
const MAX_STEPS: usize = 32;

impl Drop for StepList {
    /// Unlinks the list one node at a time: the default drop recurses once per step.
    fn drop(&mut self) {
        let mut next = self.previous.take();
        while let Some(list) = next {
            match Rc::try_unwrap(list) {
                Ok(mut only_owner) => next = only_owner.previous.take(),
                // Shared with another path, which drops it later.
                Err(_) => break,
            }
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Taint {
    /// Where the untrusted value entered, and what to call it.
    pub origin: Rc<(Range<usize>, String)>,
    pub(super) steps: Option<Rc<StepList>>,
    /// The rules for which this value still counts as untrusted (sources and sanitisers are
    /// per rule).
    pub rules: u64,
    /// Whether the origin is a helper's parameter (summaries), not a real source.
    pub(super) parameter: Option<usize>,
    /// The rules that ignore the origin (`ignore-sources`: a command-line tool's own argument
    /// for path traversal): for them it and every part read from it (`args.cmd[0]`) is harmless.
    pub(super) ignored_by: u64,
    /// The local helpers the value went through (their bytes, joined): an edit there can change
    /// whether it is still tainted, so a sink it reaches depends on them too.
    pub(crate) via: Option<Range<usize>>,
    /// In a helper's summary, the rules a source that reads its parameter makes the value
    /// untrusted for, whatever untrusted value the caller passes (`bson::to_document(&raw)`, a
    /// source only of request data): the caller's value continues with them.
    pub(super) grants: u64,
    /// In a helper's summary, the parameter reaches the result through a decoder
    /// (`unquote(name)`): what escaping or a check took from the caller's value is back.
    pub(super) decodes: bool,
}

impl Taint {
    pub(super) fn with_step(&self, range: Range<usize>, note: String) -> Taint {
        let (previous, len) = match &self.steps {
            // Full: the new step takes the place of the latest.
            Some(list) if list.len >= MAX_STEPS => (list.previous.clone(), list.len),
            Some(list) => (Some(list.clone()), list.len + 1),
            None => (None, 1),
        };
        Taint {
            steps: Some(Rc::new(StepList {
                step: Step { range, note },
                previous,
                len,
            })),
            ..self.clone()
        }
    }

    pub(super) fn fresh(&self) -> bool {
        self.steps.is_none()
    }

    /// The steps, oldest first.
    pub fn steps(&self) -> Vec<Step> {
        let mut steps = Vec::new();
        let mut next = self.steps.as_deref();
        while let Some(list) = next {
            steps.push(list.step.clone());
            next = list.previous.as_deref();
        }
        steps.reverse();
        steps
    }

    /// This taint continued by a helper's path (its steps appended, its sanitisers applied).
    pub(super) fn through(&self, inner: &Taint) -> Taint {
        let mut out = Taint {
            rules: (self.rules & inner.rules) | inner.grants,
            // In a summary (a parameter followed through a helper of the helper), what the
            // inner helper grants is granted to this helper's callers too.
            grants: self.grants
                | if self.parameter.is_some() {
                    inner.grants
                } else {
                    0
                },
            via: join_ranges(&self.via, &inner.via),
            // A summary's decoder is its callers' too, when they are summarised themselves.
            decodes: self.decodes || (self.parameter.is_some() && inner.decodes),
            ..self.clone()
        };
        for step in inner.steps() {
            out = out.with_step(step.range, step.note);
        }
        out
    }
}

/// What the core knows about a value.
#[derive(Debug, Clone, Default)]
pub(crate) struct Value {
    pub taint: Option<Taint>,
    /// The constant text the value starts with, when it is built from a literal
    /// (`f"https://api.example.com/{x}"`): a sink may trust a fixed scheme and host.
    pub prefix: Option<Rc<str>>,
    /// The prefix is the value's whole text: a string literal, or a name bound to one
    /// (`const API = "https://api.example.com"`), so a literal written after it continues it.
    pub whole: bool,
    /// Rules for which the value is harmless: constant (all bits) or sanitised (the rule's bit).
    pub clean: u64,
    /// The bytes of the call whose result this is (`parser` after `parser =
    /// etree.XMLParser(resolve_entities=True)`): a sink may ask how an argument was made.
    pub made_by: Option<Range<usize>>,
    /// The bytes of the object (or array) literal the value is (`options` after `const options
    /// = { hostname: "api.example.com", path }`): a sink's `not-text` may read the fields
    /// written there as if they were written in the call.
    pub object: Option<Range<usize>>,
    /// The fields of a record the value is, or of every element of a container of records
    /// (`{"file": name, "owner": owner}`, `Subscription { url, event }`, a map filled with
    /// such): each field's own value, so reading `meta["file"]` is not tainted by `owner`.
    /// `None` when the shape is unknown: a field read then takes the whole value.
    pub(super) record: Option<Rc<Record>>,
    /// The taint a sanitiser or a check took from this value (`html.escape(name)`, `name` after
    /// `if ".." in name: abort()`): they hold for the text they saw, and a decoder
    /// (`html.unescape`, `unquote`, `he.decode`) gives it back.
    pub(super) undone: Option<Rc<Taint>>,
}

/// A record's fields, by name, each with its value.
pub(super) type Record = Vec<(Rc<str>, Value)>;

impl Value {
    pub(super) fn constant() -> Value {
        Value {
            taint: None,
            clean: ALL,
            prefix: None,
            whole: false,
            made_by: None,
            object: None,
            record: None,
            undone: None,
        }
    }

    /// This value made harmless for `rules` (a sanitiser's or a rule's own guard's): clean for
    /// them, its taint kept for the others only.
    pub(super) fn cleared_for(mut self, rules: u64) -> Value {
        self.clean |= rules;
        if let Some(taint) = self.taint.as_ref().filter(|t| t.rules & rules != 0) {
            self.undone = Some(Rc::new(taint.clone()));
        }
        self.taint = self.taint.and_then(|mut t| {
            t.rules &= !rules;
            t.grants &= !rules;
            (t.rules != 0).then_some(t)
        });
        self
    }

    /// What a sanitiser or a check took from this value back in its taint (a decoder of it, an
    /// escape written where it does not hold), with the step that undid it at `range`.
    pub(super) fn give_back(&mut self, range: Range<usize>, note: String) {
        if let Some(undone) = self.undone.take() {
            let back = undone.with_step(range, note);
            self.clean &= !back.rules;
            self.taint = join_taint(&self.taint, &Some(back));
        }
    }

    pub(super) fn tainted(taint: Taint) -> Value {
        Value {
            taint: Some(taint),
            clean: 0,
            prefix: None,
            whole: false,
            made_by: None,
            object: None,
            record: None,
            undone: None,
        }
    }

    /// What either of two values may be (after a branch).
    pub(super) fn join(&self, other: &Value) -> Value {
        Value {
            taint: join_taint(&self.taint, &other.taint),
            clean: self.clean & other.clean,
            prefix: if self.prefix == other.prefix {
                self.prefix.clone()
            } else {
                None
            },
            whole: self.whole && other.whole && self.prefix == other.prefix,
            made_by: if self.made_by == other.made_by {
                self.made_by.clone()
            } else {
                None
            },
            object: if self.object == other.object {
                self.object.clone()
            } else {
                None
            },
            record: join_records(self, other),
            undone: join_undone(&self.undone, &other.undone),
        }
    }

    /// The value of field `name` of the record this value is, when its fields are known.
    pub(super) fn field(&self, name: &str) -> Option<&Value> {
        let record = self.record.as_deref()?;
        record
            .iter()
            .find(|(field, _)| &**field == name)
            .map(|(_, value)| value)
    }

    /// Whether the two are the same value: the same taint (its origin and steps shared, not
    /// merely equal), the same clean bits and prefix. A value bound again, even to something
    /// equal, is not the same: the module pass reads its statements' bindings from this.
    pub(super) fn same_as(&self, other: &Value) -> bool {
        let same_taint = match (&self.taint, &other.taint) {
            (None, None) => true,
            (Some(a), Some(b)) => {
                Rc::ptr_eq(&a.origin, &b.origin)
                    && a.rules == b.rules
                    && a.parameter == b.parameter
                    && a.via == b.via
                    && match (&a.steps, &b.steps) {
                        (None, None) => true,
                        (Some(x), Some(y)) => Rc::ptr_eq(x, y),
                        _ => false,
                    }
            }
            _ => false,
        };
        same_taint
            && self.clean == other.clean
            && self.prefix == other.prefix
            && self.whole == other.whole
    }

    /// The taint that counts for rule `bit`.
    pub fn taint_for(&self, bit: u64) -> Option<&Taint> {
        self.taint.as_ref().filter(|t| t.rules & bit != 0)
    }
}

/// The fields of either of two values: per field, what either holds. A value of unknown shape
/// joined in makes the whole unknown, unless it is untainted: reading a field of it gives no
/// taint, only its clean bits.
fn join_records(a: &Value, b: &Value) -> Option<Rc<Record>> {
    match (&a.record, &b.record) {
        (None, None) => None,
        (Some(x), Some(y)) if Rc::ptr_eq(x, y) => Some(x.clone()),
        (Some(x), Some(y)) => {
            let mut joined: Record = x.to_vec();
            for (name, value) in y.iter() {
                match joined.iter_mut().find(|(field, _)| field == name) {
                    Some((_, held)) => *held = held.join(value),
                    None => joined.push((name.clone(), value.clone())),
                }
            }
            (joined.len() <= MAX_FIELDS).then(|| Rc::new(joined))
        }
        (Some(record), None) => plain_joined(record, b),
        (None, Some(record)) => plain_joined(record, a),
    }
}

fn plain_joined(record: &Rc<Record>, plain: &Value) -> Option<Rc<Record>> {
    if plain.taint.is_some() {
        return None;
    }
    if plain.clean == ALL {
        return Some(record.clone());
    }
    let untainted = Value {
        clean: plain.clean,
        ..Value::default()
    };
    Some(Rc::new(
        record
            .iter()
            .map(|(name, value)| (name.clone(), value.join(&untainted)))
            .collect(),
    ))
}

/// Fields a record keeps at most: past them its shape is unknown.
pub(super) const MAX_FIELDS: usize = 32;

/// What sanitisers or checks took from either of two values.
fn join_undone(a: &Option<Rc<Taint>>, b: &Option<Rc<Taint>>) -> Option<Rc<Taint>> {
    match (a, b) {
        (Some(x), Some(y)) if !Rc::ptr_eq(x, y) => {
            join_taint(&Some((**x).clone()), &Some((**y).clone())).map(Rc::new)
        }
        (a, b) => a.clone().or_else(|| b.clone()),
    }
}

pub(super) fn join_taint(a: &Option<Taint>, b: &Option<Taint>) -> Option<Taint> {
    match (a, b) {
        (Some(a), Some(b)) => Some(Taint {
            rules: a.rules | b.rules,
            ignored_by: a.ignored_by & b.ignored_by,
            grants: a.grants | b.grants,
            via: join_ranges(&a.via, &b.via),
            decodes: a.decodes || b.decodes,
            ..a.clone()
        }),
        (a, b) => a.clone().or_else(|| b.clone()),
    }
}

/// The smallest range covering both (either may be absent).
pub(super) fn join_ranges(
    a: &Option<Range<usize>>,
    b: &Option<Range<usize>>,
) -> Option<Range<usize>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.start.min(b.start)..a.end.max(b.end)),
        (a, b) => a.clone().or_else(|| b.clone()),
    }
}

pub(super) fn compose(a: &Value, b: &Value) -> Value {
    Value {
        taint: join_taint(&a.taint, &b.taint),
        clean: a.clean & b.clean,
        prefix: None,
        whole: false,
        made_by: None,
        object: None,
        record: None,
        undone: join_undone(&a.undone, &b.undone),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tainted() -> Value {
        Value::tainted(Taint {
            origin: Rc::new((0..1, "input()".into())),
            steps: None,
            rules: ALL,
            parameter: None,
            ignored_by: 0,
            via: None,
            grants: 0,
            decodes: false,
        })
    }

    #[test]
    fn a_cleared_value_keeps_what_was_taken_for_a_decoder() {
        let escaped = tainted().cleared_for(1);
        let taken = escaped.undone.as_ref().expect("the escape's input is kept");
        assert_eq!(taken.rules, ALL);
        assert!(escaped.taint.as_ref().is_some_and(|t| t.rules == ALL & !1));
        // Clearing what is not tainted for the rule takes nothing.
        let constant = Value::constant().cleared_for(1);
        assert!(constant.undone.is_none());
        // Either of two values: what was taken from either.
        let joined = Value::constant().join(&escaped);
        assert!(joined.undone.is_some());
    }

    fn record(fields: &[(&str, Value)]) -> Value {
        let mut whole = Value::constant();
        for (_, value) in fields {
            whole = compose(&whole, value);
        }
        whole.record = Some(Rc::new(
            fields
                .iter()
                .map(|(name, value)| (Rc::from(*name), value.clone()))
                .collect(),
        ));
        whole
    }

    #[test]
    fn a_join_keeps_the_fields_of_records_apart_while_their_shape_is_known() {
        let hook = record(&[("event", tainted()), ("target", Value::constant())]);
        let other = record(&[("target", Value::constant()), ("id", Value::constant())]);
        let joined = hook.join(&other);
        assert!(joined.taint.is_some());
        assert!(joined.field("event").unwrap().taint.is_some());
        assert_eq!(joined.field("target").unwrap().clean, ALL);
        assert_eq!(joined.field("id").unwrap().clean, ALL);
        // An empty container filled with records: a constant joined in adds nothing.
        let filled = Value::constant().join(&hook);
        assert_eq!(filled.field("target").unwrap().clean, ALL);
        // Something untainted of unknown shape: its fields are untainted, clean for nothing.
        let unknown = Value::default().join(&hook);
        let target = unknown.field("target").unwrap();
        assert!(target.taint.is_none());
        assert_eq!(target.clean, 0);
        // A tainted value of unknown shape: any field may hold its taint.
        assert!(tainted().join(&hook).record.is_none());
    }

    #[test]
    fn a_long_path_keeps_its_first_steps_and_its_latest_and_drops_without_recursion() {
        let mut taint = tainted().taint.unwrap();
        for at in 0..200_000 {
            taint = taint.with_step(at..at + 1, format!("step {at}"));
        }
        let steps = taint.steps();
        assert_eq!(steps.len(), MAX_STEPS);
        assert_eq!(steps[0].note, "step 0");
        assert_eq!(steps[MAX_STEPS - 2].note, format!("step {}", MAX_STEPS - 2));
        assert_eq!(steps[MAX_STEPS - 1].note, "step 199999");
        // A list built past the cap by hand, 200,000 nodes, is dropped one node at a time.
        let mut list = None;
        for at in 0..200_000 {
            list = Some(Rc::new(StepList {
                step: Step {
                    range: at..at,
                    note: String::new(),
                },
                previous: list,
                len: 1,
            }));
        }
        drop(list);
        drop(taint);
    }
}
