//! Validators: a function of this file that answers whether its parameter is safe, called as
//! a guard (`if not is_safe_name(name): abort(400)`, `if !valid_slug(&slug) { return ... }`).
//! Its body returns one condition (`return bool(NAME_RE.fullmatch(s))`, `s.chars().all(|c|
//! c.is_ascii_alphanumeric())`, `(s) => /^[a-z]+$/.test(s)`), perhaps after early rejections
//! (`if ".." in s: return False` ... `return True`); what that vouches for a parameter where
//! the function returns `true` or `false`, the call vouches for the argument given to it.

use super::{FileFlow, Pass, Vouch};
use crate::flow::adapter::{Arg, Expr, Stmt, named_children, text_of};
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
            // Vouched where the validator returns `returns`: where the call is that. A host
            // checked (`hostAllowed(url.hostname)`) vouches for the URL it was read from, as
            // the check written in place would.
            let host = self.reads_host(arg, pass);
            self.vouch(arg, *returns == holds, host, out, pass);
            self.vouch_rules.set(super::value::ALL);
        }
    }

    /// What function `index`'s returned condition vouches for its parameters, found once.
    fn validator(&self, index: usize) -> Vouches {
        read_once(&self.validators, index, || self.read_validator(index))
    }

    fn read_validator(&self, index: usize) -> Vouches {
        let function = &self.functions[index];
        if function.params.is_empty() || function.params.len() > 8 {
            return Rc::from([]);
        }
        let Some(body) = self.validator_body(index) else {
            return Rc::from([]);
        };
        let mut hits = Vec::new();
        let mut helper_pass = self.module_level_pass(index, &mut hits);
        // `const rel = path.relative(root, candidate)` before `rel.startsWith("..")`: the check
        // reads what the name was bound to, as it does in a handler.
        for (name, value) in &body.bound {
            helper_pass.conditions.insert(name.clone(), value.clone());
            // `here = urlsplit(APP_URL)` before `target.netloc == here.netloc`: a value of the
            // program's own, what the checked one is compared with.
            if let Some(node) = self.module_node_at(value) {
                let held = self.eval(node, &mut helper_pass);
                if held.taint.is_none() && held.clean == super::value::ALL {
                    helper_pass.env.insert(name.clone(), held);
                }
            }
        }
        let mut vouched = Vec::new();
        // Where it returns `true`, every rejection failed.
        self.past_rejections(&body.rejections, &helper_pass, &mut vouched);
        if let Some(condition) = body.returned {
            let mut each = Vec::new();
            self.guards(condition, true, &mut each, &helper_pass);
            // With rejections before it, only where it returns `true`.
            let alone = body.rejections.is_empty();
            vouched.extend(each.into_iter().filter(|(_, branch, ..)| alone || *branch));
        }
        self.vouched_parameters(index, vouched, &body.aliases, false)
    }

    /// Past `rejections` (each one failed, or the function would have left): what each
    /// vouches for where it fails, as holding (`vouched`).
    pub(super) fn past_rejections(
        &self,
        rejections: &[Node<'t>],
        helper_pass: &Pass<'_>,
        vouched: &mut Vec<Vouch>,
    ) {
        for &rejection in rejections {
            let mut each = Vec::new();
            self.guards(rejection, true, &mut each, helper_pass);
            vouched.extend(
                each.into_iter()
                    .filter(|(_, branch, ..)| !branch)
                    .map(|(key, _, rules, held)| (key, true, rules, held)),
            );
        }
    }

    /// The names of function `index`'s parameters, `None` for one that is not a single name.
    pub(super) fn parameter_names(&self, index: usize) -> Vec<Option<Rc<str>>> {
        self.functions[index]
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
            .collect()
    }

    /// What `vouched` (keys where a check holds, of the helper's parameters and of names bound
    /// to views of them) says of the parameters, by position. With `fields`, also of a field
    /// of a parameter (`cmd.assetId`), named by its whole key.
    pub(super) fn vouched_parameters(
        &self,
        index: usize,
        vouched: Vec<Vouch>,
        aliases: &[(String, String)],
        fields: bool,
    ) -> Vouches {
        let names = self.parameter_names(index);
        vouched
            .into_iter()
            .filter_map(|(key, branch, rules, _)| {
                // `let path = Path::new(s);` before `path.components().all(...)`: a check of `s`.
                let key = aliases
                    .iter()
                    .find(|(alias, _)| *alias == key)
                    .map_or(key.as_str(), |(_, of)| of.as_str());
                if let Some(position) = names.iter().position(|n| n.as_deref() == Some(key)) {
                    return Some((position, names[position].clone()?, branch, rules));
                }
                let (parameter, _) = key.split_once('.').filter(|_| fields)?;
                let position = names.iter().position(|n| n.as_deref() == Some(parameter))?;
                Some((position, Rc::from(key), branch, rules))
            })
            .collect()
    }

    /// The body of function `index` read as a validator: an arrow function's expression, or
    /// statements (after a docstring or comments) that bind names to views of other names
    /// (`let path = Path::new(s);`), reject (`if ".." in s: return False`), and end by
    /// returning a condition or `true`.
    fn validator_body(&self, index: usize) -> Option<ValidatorBody<'t>> {
        let function = &self.functions[index];
        if function.expression_body {
            return Some(ValidatorBody {
                returned: Some(function.body),
                ..ValidatorBody::default()
            });
        }
        // `const rel = path.relative(..)`: JavaScript's declaration holds its declarators.
        let statements_of = |block: Node<'t>| -> Vec<Node<'t>> {
            named_children(block)
                .into_iter()
                .filter(|s| !s.kind().contains("comment") && !is_docstring(*s))
                .flat_map(|s| match self.adapter.stmt(s, self.text) {
                    Stmt::Block if s.kind().ends_with("declaration") => named_children(s),
                    _ => vec![s],
                })
                .collect()
        };
        let names = self.parameter_names(index);
        let params: Vec<&str> = names.iter().flatten().map(|n| &**n).collect();
        let mut statements = statements_of(function.body);
        // `try { const url = new URL(value); return ALLOWED.has(url.hostname); } catch {
        // return false; }`: a handler that only rejects leaves the checks of the block.
        if let Some(&last) = statements.last()
            && last.kind() == "try_statement"
            && let Some(block) = last.child_by_field_name("body")
            && named_children(last)
                .into_iter()
                .filter(|clause| *clause != block && !clause.kind().contains("comment"))
                .all(|clause| self.only_rejects(clause, &params))
        {
            statements.pop();
            statements.extend(statements_of(block));
        }
        let (last, before) = statements.split_last()?;
        if before.len() > 8 {
            return None;
        }
        let mut body = ValidatorBody::default();
        for &node in before {
            let statement = match self.adapter.stmt(node, self.text) {
                // Python's `parts = urlsplit(target)` is an assignment expression.
                Stmt::Expr(expression) => match self.adapter.expr(expression, self.text) {
                    Expr::Assign {
                        target,
                        value,
                        augmented: false,
                    } => Stmt::Bind {
                        pattern: target,
                        value: Some(value),
                    },
                    _ => return None,
                },
                other => other,
            };
            match statement {
                Stmt::Bind {
                    pattern,
                    value: Some(value),
                } => {
                    let view = self.adapter.path_of(value, self.text).unwrap_or(value);
                    let name = self.key(pattern)?;
                    match self.key(view) {
                        Some(of) => body.aliases.push((name, of)),
                        // `parts = urlsplit(target)`: a name of its own, read by the checks
                        // after it; not one that rebinds a parameter, whose checks would then
                        // be of another value.
                        None if params.contains(&name.as_str()) => return None,
                        None => body.bound.push((name, value.byte_range())),
                    }
                }
                Stmt::If {
                    condition,
                    then,
                    otherwise: None,
                } if self.returns_literal(then) == Some(false) => body.rejections.push(condition),
                // `try: ip_address(host); return False except ValueError: pass`: it can only
                // reject more, so what holds where the function returns `true` still holds.
                _ if self.only_rejects(node, &params) => {}
                _ => return None,
            }
        }
        let Stmt::Return(Some(value)) = self.adapter.stmt(*last, self.text) else {
            return None;
        };
        match boolean_literal(text_of(value, self.text)) {
            Some(true) if !body.rejections.is_empty() => {}
            Some(_) => return None,
            None => body.returned = Some(value),
        }
        Some(body)
    }

    /// Whether `statement` binds none of `params` and leaves the function, if at all, only by
    /// returning `false` (or raising). A loop may bind its own target (`for bad in BLOCKED:`),
    /// but not one named like a parameter: the checks after it would be of another value.
    fn only_rejects(&self, statement: Node<'t>, params: &[&str]) -> bool {
        let mut stack = vec![statement];
        let mut seen = 0;
        while let Some(node) = stack.pop() {
            seen += 1;
            if seen > 400 {
                return false;
            }
            match node.kind() {
                "assignment"
                | "augmented_assignment"
                | "named_expression"
                | "assignment_expression"
                | "augmented_assignment_expression"
                | "variable_declarator"
                | "let_declaration"
                | "compound_assignment_expr"
                | "function_definition"
                | "function_declaration"
                | "yield"
                | "yield_expression" => return false,
                "for_statement" | "for_in_statement" | "for_expression" => {
                    let target = node
                        .child_by_field_name("left")
                        .or_else(|| node.child_by_field_name("pattern"));
                    if target.is_some_and(|t| self.names_any(t, params)) {
                        return false;
                    }
                    stack.extend(named_children(node));
                }
                "return_statement" | "return_expression" => {
                    let returned = named_children(node)
                        .into_iter()
                        .find(|n| !n.kind().contains("comment"));
                    if returned
                        .is_none_or(|v| boolean_literal(text_of(v, self.text)) != Some(false))
                    {
                        return false;
                    }
                }
                _ => stack.extend(named_children(node)),
            }
        }
        true
    }

    /// Whether `pattern` binds one of `names`.
    fn names_any(&self, pattern: Node<'t>, names: &[&str]) -> bool {
        let mut bound = Vec::new();
        self.adapter.bindings(pattern, &mut bound);
        bound
            .into_iter()
            .any(|name| names.contains(&text_of(name, self.text)))
    }

    /// The boolean literal a branch returns when all it does is return one.
    fn returns_literal(&self, branch: Node<'t>) -> Option<bool> {
        let statement = match self.adapter.stmt(branch, self.text) {
            Stmt::Return(_) => branch,
            _ => match named_children(branch)[..] {
                [only] => only,
                _ => return None,
            },
        };
        match self.adapter.stmt(statement, self.text) {
            Stmt::Return(Some(value)) => boolean_literal(text_of(value, self.text)),
            _ => None,
        }
    }
}

/// What a validator's body checks (see [`FileFlow::validator_body`]).
#[derive(Default)]
struct ValidatorBody<'t> {
    /// Conditions under which it returns `false` early.
    rejections: Vec<Node<'t>>,
    /// The condition it ends by returning; `None` for `true`.
    returned: Option<Node<'t>>,
    /// Names bound to views of other names, with the key of what each is a view of.
    aliases: Vec<(String, String)>,
    /// Names of their own (`rel = path.relative(root, candidate)`), with the bytes of the value
    /// each was bound to.
    bound: Vec<(String, std::ops::Range<usize>)>,
}

fn boolean_literal(text: &str) -> Option<bool> {
    match text {
        "True" | "true" => Some(true),
        "False" | "false" => Some(false),
        _ => None,
    }
}

/// What `read` finds for function `index`, read once into `cache`. A function whose reading
/// comes back to itself (it calls itself) finds nothing while it is being read.
pub(super) fn read_once<T: Clone + Default>(
    cache: &std::cell::RefCell<std::collections::HashMap<usize, T>>,
    index: usize,
    read: impl FnOnce() -> T,
) -> T {
    if let Some(known) = cache.borrow().get(&index) {
        return known.clone();
    }
    cache.borrow_mut().insert(index, T::default());
    let found = read();
    cache.borrow_mut().insert(index, found.clone());
    found
}

/// The argument a call gives parameter `position` (named `name`): by its name, or at
/// that position when every argument before it is positional.
pub(super) fn argument_for<'t>(
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
pub(super) fn is_docstring(statement: Node<'_>) -> bool {
    statement.kind() == "expression_statement"
        && statement
            .named_child(0)
            .is_some_and(|s| s.kind() == "string")
}
