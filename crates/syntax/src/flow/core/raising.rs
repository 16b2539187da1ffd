//! Check helpers that raise: a function of this file that begins by rejecting its parameter
//! with an exception (`def check_name(name): if ".." in name: raise ValueError(name)`,
//! `if (!UUID.test(id)) throw new Error("bad id")`). Once a call of it returns, the caller's
//! argument passed each check, as if the checks were written in place before the statement
//! after the call.
//!
//! Rust has no exceptions: a check function that returns `Err` (`if name.contains("..") {
//! return Err(..) }`, or `bail!(..)`) vouches only where its caller propagates or unwraps that
//! error (`check_name(&name)?;`, `.unwrap()`, `.expect(..)`): a call whose `Result` is dropped
//! or matched proves nothing.
//!
//! Only the leading `if ...: raise` statements are read; what the function does after them
//! (returns a value, or nothing) does not matter. A check of a field of a parameter
//! (`if (!UUID.test(cmd.assetId)) throw ...`) vouches for that field of the argument. A check
//! written later in the body, or one that returns instead of raising, is a validator's business
//! (`validators.rs`).

use super::validators::{Vouches, argument_for, is_docstring, read_once};
use super::{FileFlow, Pass, value::ALL};
use crate::flow::adapter::{Arg, Stmt, named_children, text_of};
use tree_sitter::Node;

impl<'t> FileFlow<'t, '_> {
    /// After a call of function `index` with `args` has returned: what its raising checks
    /// vouch for each argument holds from here on.
    #[inline(never)]
    pub(super) fn passed_raising_checks(
        &self,
        index: usize,
        call: Node<'t>,
        args: &[Arg<'t>],
        pass: &mut Pass<'_>,
    ) {
        let checks = self.raising_checks(index);
        if checks.vouches.is_empty() || (checks.rejects_with_err && !error_escapes(call, self.text))
        {
            return;
        }
        let mut vouched = Vec::new();
        for (position, name, _, rules) in checks.vouches.iter() {
            // A field of the parameter (`cmd.assetId`): that field of the argument.
            let (parameter, field) = name.split_once('.').unwrap_or((name, ""));
            let Some(arg) = argument_for(self, parameter, *position, args) else {
                continue;
            };
            if !field.is_empty() {
                if let Some(key) = self.key(arg) {
                    self.vouch_key(
                        format!("{key}.{field}"),
                        arg,
                        true,
                        *rules,
                        &mut vouched,
                        pass,
                    );
                }
                continue;
            }
            self.vouch_rules.set(*rules);
            self.vouch(arg, true, false, &mut vouched, pass);
            self.vouch_rules.set(ALL);
        }
        self.clear(&vouched, true, pass);
    }

    /// What function `index`'s leading raising checks vouch for its parameters, found once.
    fn raising_checks(&self, index: usize) -> RaisingChecks {
        read_once(&self.raising, index, || self.read_raising_checks(index))
    }

    fn read_raising_checks(&self, index: usize) -> RaisingChecks {
        let function = &self.functions[index];
        if function.params.is_empty() || function.params.len() > 8 || function.expression_body {
            return RaisingChecks::default();
        }
        let mut rejections = Vec::new();
        let mut rejects_with_err = false;
        for statement in named_children(function.body) {
            if statement.kind().contains("comment") || is_docstring(statement) {
                continue;
            }
            match self.adapter.stmt(statement, self.text) {
                Stmt::If {
                    condition,
                    then,
                    otherwise: None,
                } if raises(then, self.text) => {
                    rejects_with_err |=
                        last_statement(then).is_some_and(|exit| returns_err(exit, self.text));
                    rejections.push(condition);
                }
                _ => break,
            }
        }
        if rejections.is_empty() {
            return RaisingChecks::default();
        }
        let mut hits = Vec::new();
        let helper_pass = self.module_level_pass(index, &mut hits);
        let mut vouched = Vec::new();
        // Past the checks, every one of them failed.
        self.past_rejections(&rejections, &helper_pass, &mut vouched);
        RaisingChecks {
            vouches: self.vouched_parameters(index, vouched, &[], true),
            rejects_with_err,
        }
    }
}

/// What a check helper's leading rejections vouch for, and whether it rejects by returning
/// an error (Rust) rather than raising: such a check holds only where the caller lets the
/// error stop it.
#[derive(Clone, Default)]
pub(super) struct RaisingChecks {
    vouches: Vouches,
    rejects_with_err: bool,
}

/// Whether a branch ends by raising (`raise ValueError(...)`, `throw new Error(...)`,
/// Rust's `return Err(..)` or `bail!(..)`), written alone or as the last statement of its
/// block.
fn raises(branch: Node<'_>, text: &str) -> bool {
    let is_raise = |node: Node<'_>| {
        matches!(node.kind(), "raise_statement" | "throw_statement") || returns_err(node, text)
    };
    is_raise(branch) || last_statement(branch).is_some_and(is_raise)
}

fn last_statement(block: Node<'_>) -> Option<Node<'_>> {
    named_children(block)
        .into_iter()
        .rfind(|s| !s.kind().contains("comment"))
}

/// `return Err(..);`, `bail!(..);` or a tail `Err(..)`: a Rust function rejecting its input.
fn returns_err(statement: Node<'_>, text: &str) -> bool {
    let node = match statement.kind() {
        "expression_statement" => match statement.named_child(0) {
            Some(inner) => inner,
            None => return false,
        },
        _ => statement,
    };
    let is_err_call = |call: Node<'_>| {
        call.kind() == "call_expression"
            && call
                .child_by_field_name("function")
                .is_some_and(|f| text_of(f, text) == "Err")
    };
    match node.kind() {
        "return_expression" => node.named_child(0).is_some_and(is_err_call),
        "macro_invocation" => node
            .child_by_field_name("macro")
            .is_some_and(|m| text_of(m, text) == "bail"),
        _ => is_err_call(node),
    }
}

/// Whether the caller lets a returned `Err` stop it: `check(&x)?`, `check(&x).unwrap()`,
/// `.expect(..)`.
fn error_escapes(call: Node<'_>, text: &str) -> bool {
    let Some(parent) = call.parent() else {
        return false;
    };
    match parent.kind() {
        "try_expression" => true,
        "field_expression" => {
            parent
                .child_by_field_name("field")
                .is_some_and(|f| matches!(text_of(f, text), "unwrap" | "expect"))
                && parent
                    .parent()
                    .is_some_and(|p| p.kind() == "call_expression")
        }
        _ => false,
    }
}
