//! Private helpers only ever given constants or sanitised values: `function run(cmd) {
//! execSync(cmd) }` in a build script whose every call is `run("npm test")` or ``
//! run(`tsc -p ${path.join(ROOT, "x")}`) ``, or `function append(html) { el.innerHTML = html }`
//! whose every call passes `DOMPurify.sanitize(..)`. Inside the helper its parameter is unknown,
//! so a shape rule asking whether the value is a program constant (or sanitised) would report
//! it; the callers say it is.
//!
//! The own passes record, for each call of a local helper, the rules each argument was clean
//! for there. After them, a helper that nothing outside this file can call (not exported, not
//! public, not a route) and whose every mention in the file is such a call is walked once more
//! with each parameter bound to a value clean for the rules every call's argument was clean
//! for, and what that walk sees replaces what the shape rules read inside it. Its sink hits are
//! not kept: a tainted argument's sinks are found through the helper's summary at the call.
//!
//! One level only: a helper called by another helper with that one's parameter stays unknown.
//! A re-check after an edit must walk a helper again when one of its callers changed
//! (`flow::reach` pulls in the helpers an edited unit names, and with them their callers).

use super::{ALL, FileFlow, Params, Pass, Value};
use crate::flow::adapter::{Expr, Function, text_of};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use tree_sitter::Node;

/// What the calls of one helper passed: per call (by its bytes), the rules each argument was
/// clean for, and whether the pass that saw it ran with the
/// enclosing function's variables (a closure's own pass sees only the module's, and yields to
/// one that did).
pub(super) type CallsSeen = HashMap<usize, HashMap<Range<usize>, (Vec<u64>, bool)>>;

impl<'t> FileFlow<'t, '_> {
    /// Notes call `call` of local helper `callee`, with argument values `values`.
    pub(super) fn note_helper_call(
        &self,
        callee: usize,
        call: Node<'t>,
        values: &[Value],
        pass: &Pass<'_>,
    ) {
        if pass.params != Params::Own || self.fed_by_callers.borrow().is_some() {
            return;
        }
        // A function written at the call (`shell("npm pack", () => done())`) is the program's
        // own code, whatever it does when called back.
        let args = match self.adapter.expr(call, self.text) {
            Expr::Call { args, .. } => args,
            _ => Vec::new(),
        };
        // Tainted for some rules (`sanitize(reply)` of a response is still the response for
        // the others), an argument is clean for the rest it was clean for.
        let clean: Vec<u64> = values
            .iter()
            .enumerate()
            .map(|(position, v)| {
                if args.get(position).is_some_and(|arg| {
                    matches!(self.adapter.expr(arg.value, self.text), Expr::Opaque)
                }) {
                    return ALL;
                }
                v.clean & !v.taint.as_ref().map_or(0, |t| t.rules)
            })
            .collect();
        let enclosing = self.sees_enclosing(pass);
        let mut seen = self.helper_calls.borrow_mut();
        let entry = seen
            .entry(callee)
            .or_default()
            .entry(call.byte_range())
            .or_insert((clean.clone(), enclosing));
        match (entry.1, enclosing) {
            (false, true) => *entry = (clean, true),
            (a, b) if a == b => entry.0 = both(&entry.0, &clean),
            _ => {}
        }
    }

    /// Walks again, parameters bound to what its callers pass, each helper in `ranges` (all
    /// when `None`) that only constants or sanitised values reach and inside which a shape rule
    /// asked about a value that was not constant.
    pub(super) fn rewalk_fed_by_callers(&self, ranges: Option<&[Range<usize>]>) {
        // The values shape rules asked about that neither a source nor a constant explains: usually
        // none, and then no helper needs a second walk.
        let unknown: Vec<Range<usize>> = self
            .watched
            .borrow()
            .iter()
            .filter(|(_, value)| value.taint.is_none() && value.clean != ALL)
            .map(|(node, _)| node.clone())
            .collect();
        if unknown.is_empty() {
            return;
        }
        let unsettled: Vec<usize> = (0..self.functions.len())
            .filter(|&index| {
                let range = self.functions[index].node.byte_range();
                ranges.is_none_or(|ranges| ranges.iter().any(|r| super::overlaps(&range, r)))
                    && unknown.iter().any(|node| contains(&range, node))
            })
            .filter(|&index| self.may_be_fed_by_callers(index))
            .collect();
        if unsettled.is_empty() {
            return;
        }
        let names: HashSet<&str> = unsettled
            .iter()
            .filter_map(|&index| self.functions[index].name.as_deref())
            .collect();
        let mut mentions: HashMap<String, usize> = HashMap::new();
        for (_, name) in self.helper_mentions(&names) {
            *mentions.entry(name).or_insert(0) += 1;
        }
        for index in unsettled {
            let Some(name) = self.functions[index].name.as_deref() else {
                continue;
            };
            let fed = {
                let seen = self.helper_calls.borrow();
                seen.get(&index)
                    .filter(|calls| mentions.get(name).copied().unwrap_or(0) == calls.len() + 1)
                    .map(|calls| {
                        calls
                            .values()
                            .fold(Vec::new(), |so_far, (clean, _)| both(&so_far, clean))
                    })
            };
            // Worth a walk only when some parameter is clean for some rule.
            let Some(fed) = fed.filter(|clean| clean.iter().any(|&c| c != 0)) else {
                continue;
            };
            let range = self.functions[index].node.byte_range();
            self.watched
                .borrow_mut()
                .retain(|node, _| !contains(&range, node));
            *self.fed_by_callers.borrow_mut() = Some((index, fed));
            self.closure_budget.set(self.closure_budget.get() + 8);
            let mut hits = Vec::new();
            self.pass(index, Params::Own, self.module_env.clone(), &mut hits);
            *self.fed_by_callers.borrow_mut() = None;
        }
    }

    /// In the walk of a helper fed by its callers, what parameter `position` of function
    /// `function` holds: a value clean for the rules every call's argument was clean for.
    pub(super) fn fed_param(&self, function: usize, position: usize) -> Option<Value> {
        let fed = self.fed_by_callers.borrow();
        let (_, clean) = fed.as_ref().filter(|(index, _)| *index == function)?;
        // A parameter no call passes takes its default, written in the helper.
        let clean = clean.get(position).copied().unwrap_or(ALL);
        Some(match clean {
            ALL => Value::constant(),
            clean => Value {
                clean,
                ..Value::default()
            },
        })
    }

    /// Whether nothing but this file's own calls can give function `index` its arguments: a
    /// named function or method with parameters, alone of its name, written at the top of the
    /// module or of a class, neither exported nor public nor decorated (a route, a command).
    pub(crate) fn may_be_fed_by_callers(&self, index: usize) -> bool {
        let function = &self.functions[index];
        let Some(name) = function.name.as_deref() else {
            return false;
        };
        !function.is_module()
            && !function.params.is_empty()
            && function.decorators.is_empty()
            && self.enclosing.get(index).is_some_and(Option::is_none)
            && self.by_name.get(name).is_some_and(|all| all.len() == 1)
            && private(function, name, self.is_script())
    }

    /// Whether the file runs as a script (`if __name__ == "__main__":`), asked once per file.
    fn is_script(&self) -> bool {
        *self.script.get_or_init(|| {
            self.text.contains("__name__ == \"__main__\"")
                || self.text.contains("__name__ == '__main__'")
        })
    }

    /// Every place one of `names` is written as an identifier in the file (not in strings or
    /// comments), with the name.
    pub(crate) fn helper_mentions(&self, names: &HashSet<&str>) -> Vec<(Range<usize>, String)> {
        let mut found = Vec::new();
        if names.is_empty() {
            return found;
        }
        let Some(mut root) = self.functions.first().map(|f| f.node) else {
            return found;
        };
        while let Some(parent) = root.parent() {
            root = parent;
        }
        let mut cursor = root.walk();
        loop {
            let node = cursor.node();
            if node.child_count() == 0 && node.kind().ends_with("identifier") {
                let text = text_of(node, self.text);
                if names.contains(text) {
                    found.push((node.byte_range(), text.to_string()));
                }
            }
            if cursor.goto_first_child() {
                continue;
            }
            loop {
                if cursor.goto_next_sibling() {
                    break;
                }
                if !cursor.goto_parent() {
                    return found;
                }
            }
        }
    }
}

/// What two calls both passed: per argument, the rules both were clean for (a missing
/// argument, a default, counts as a constant).
fn both(a: &[u64], b: &[u64]) -> Vec<u64> {
    (0..a.len().max(b.len()))
        .map(|k| a.get(k).copied().unwrap_or(ALL) & b.get(k).copied().unwrap_or(ALL))
        .collect()
}

fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Whether other files cannot call it. JavaScript: a function without `export` around it, or
/// a `_private` / `#private` method (an object of a class can leave the file). Rust: no `pub`,
/// and not a trait's method. Python, where every module-level name can be imported: a `_private`
/// one, or any in a script (`if __name__ == "__main__":`).
fn private(function: &Function<'_>, name: &str, script: bool) -> bool {
    let node = function.node;
    let underscored = name.starts_with('_') || name.starts_with('#');
    match node.kind() {
        "function_definition" | "lambda" => underscored || script,
        "function_item" => {
            let mut cursor = node.walk();
            let public = node
                .children(&mut cursor)
                .any(|c| c.kind() == "visibility_modifier");
            let of_trait = function
                .class()
                .is_some_and(|class| class.child_by_field_name("trait").is_some());
            !public && !of_trait
        }
        _ => {
            let exported = function
                .ancestors
                .iter()
                .flatten()
                .any(|a| a.kind() == "export_statement");
            !exported && (function.class().is_none() || underscored)
        }
    }
}
