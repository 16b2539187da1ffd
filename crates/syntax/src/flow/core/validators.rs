//! Validators: a function of this file that answers whether its parameter is safe, called as
//! a guard (`if not is_safe_name(name): abort(400)`, `if !valid_slug(&slug) { return ... }`).
//! Its body returns one condition (`return bool(NAME_RE.fullmatch(s))`, `s.chars().all(|c|
//! c.is_ascii_alphanumeric())`, `(s) => /^[a-z]+$/.test(s)`); what that condition vouches for a
//! parameter where it holds or fails, the call vouches for the argument given to it.

use super::{FileFlow, Pass, Vouch};
use crate::flow::adapter::{Arg, Stmt, named_children, text_of};
use std::rc::Rc;
use tree_sitter::Node;

/// What a validator's condition vouches for: the parameter (by position and name), the value
/// the validator returns where it does, and the rules.
pub(super) type Vouches = Rc<[(usize, Rc<str>, bool, u64)]>;

impl<'t> FileFlow<'t, '_> {
    /// Where `call` (with `receiver` and `args`) calls a validator this file defines: what it
    /// vouches for, each argument in the branch where the call is `holds`.
    pub(super) fn validated(
        &self,
        callee: Node<'t>,
        receiver: Option<Node<'t>>,
        args: &[Arg<'t>],
        holds: bool,
        out: &mut Vec<Vouch>,
        pass: &Pass<'_>,
    ) {
        // A plain call or one on the caller's own object (`self.valid(x)`, `this.valid(x)`).
        if receiver.is_some_and(|r| !matches!(text_of(r, self.text), "self" | "this" | "Self")) {
            return;
        }
        let name = match self.adapter.path(callee, self.text) {
            Some(path) => path.rsplit('.').next().unwrap_or_default().to_string(),
            None => return,
        };
        // Only a name the file defines once: with two, the call may mean either.
        let Some(&[index]) = self.by_name.get(&name).map(Vec::as_slice) else {
            return;
        };
        let vouches = self.validator(index);
        if vouches.is_empty() {
            return;
        }
        for (position, name, returns, rules) in vouches.iter() {
            let Some(arg) = argument_for(self, name, *position, args) else {
                continue;
            };
            self.vouch_rules.set(*rules);
            // Vouched where the validator returns `returns`: where the call is that.
            self.vouch(arg, *returns == holds, false, out, pass);
            self.vouch_rules.set(super::value::ALL);
        }
    }

    /// What function `index`'s returned condition vouches for its parameters, found once.
    fn validator(&self, index: usize) -> Vouches {
        if let Some(known) = self.validators.borrow().get(&index) {
            return known.clone();
        }
        // A validator that calls itself finds nothing while it is being read.
        self.validators.borrow_mut().insert(index, Rc::from([]));
        let found = self.read_validator(index);
        self.validators.borrow_mut().insert(index, found.clone());
        found
    }

    fn read_validator(&self, index: usize) -> Vouches {
        let function = &self.functions[index];
        if function.params.is_empty() || function.params.len() > 8 {
            return Rc::from([]);
        }
        let Some((condition, aliases)) = self.returned_condition(index) else {
            return Rc::from([]);
        };
        let names: Vec<Option<Rc<str>>> = function
            .params
            .iter()
            .map(|param| {
                let mut bound = Vec::new();
                self.adapter.bindings(param.pattern, &mut bound);
                match bound[..] {
                    [one] => Some(Rc::from(text_of(one, self.text))),
                    _ => None,
                }
            })
            .collect();
        let mut hits = Vec::new();
        let helper_pass = self.module_level_pass(index, &mut hits);
        let mut vouched = Vec::new();
        self.guards(condition, true, &mut vouched, &helper_pass);
        vouched
            .into_iter()
            .filter_map(|(key, branch, rules, _)| {
                // `let path = Path::new(s);` before `path.components().all(...)`: a check of `s`.
                let key = aliases
                    .iter()
                    .find(|(alias, _)| *alias == key)
                    .map_or(key.as_str(), |(_, of)| of.as_str());
                let position = names.iter().position(|n| n.as_deref() == Some(key))?;
                Some((position, names[position].clone()?, branch, rules))
            })
            .collect()
    }

    /// The one condition function `index` returns: its body is that `return` (after a
    /// docstring or comments), a Rust tail expression, or an arrow function's expression;
    /// before it, only names bound to views of other names (`let path = Path::new(s);`), with
    /// what each is a view of.
    fn returned_condition(&self, index: usize) -> Option<(Node<'t>, Vec<(String, String)>)> {
        let function = &self.functions[index];
        if function.expression_body {
            return Some((function.body, Vec::new()));
        }
        let statements: Vec<Node<'t>> = named_children(function.body)
            .into_iter()
            .filter(|s| !s.kind().contains("comment") && !is_docstring(*s))
            .collect();
        let (last, before) = statements.split_last()?;
        let mut aliases = Vec::new();
        for &statement in before.iter().take(4) {
            let Stmt::Bind {
                pattern,
                value: Some(value),
            } = self.adapter.stmt(statement, self.text)
            else {
                return None;
            };
            let view = self.adapter.path_of(value, self.text).unwrap_or(value);
            let alias = self.key(pattern)?;
            let of = self.key(view)?;
            aliases.push((alias, of));
        }
        if before.len() > 4 {
            return None;
        }
        match self.adapter.stmt(*last, self.text) {
            Stmt::Return(Some(value)) => Some((value, aliases)),
            _ => None,
        }
    }
}

/// The argument a call gives parameter `position` (named `name`): by its name, or at
/// that position when every argument before it is positional.
fn argument_for<'t>(
    flow: &FileFlow<'t, '_>,
    name: &str,
    position: usize,
    args: &[Arg<'t>],
) -> Option<Node<'t>> {
    if let Some(named) = args
        .iter()
        .find(|a| a.keyword.is_some_and(|k| text_of(k, flow.text) == name))
    {
        return Some(named.value);
    }
    let before = args.get(..=position)?;
    if before.iter().any(|a| a.keyword.is_some() || a.spread) {
        return None;
    }
    Some(args[position].value)
}

/// A Python docstring: a string written as a statement.
fn is_docstring(statement: Node<'_>) -> bool {
    statement.kind() == "expression_statement"
        && statement
            .named_child(0)
            .is_some_and(|s| s.kind() == "string")
}
