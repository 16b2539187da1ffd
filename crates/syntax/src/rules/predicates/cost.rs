//! The order a pattern's custom predicates are tried in: cheapest first.
//!
//! A match holds only if every predicate does, so the order never changes a result, only what
//! a failing match costs. Some predicates read the match alone; others walk the enclosing
//! function, a scope, or the whole file. Written in the rule's order, a walk of the file could
//! run for every call in it before `#resolves-to?` turned the call away (`hashlib.new`'s
//! pattern matches every call whose first argument is a name).

use super::CustomPredicate;

impl CustomPredicate {
    /// A rough rank of what the predicate reads: 0 the node itself, 1 its ancestors or the
    /// file's name table (built once), 2 the text around it or its statement's neighbour, 3 the
    /// enclosing function's text or a scope's bindings, 4 the whole file.
    pub fn cost(&self) -> u8 {
        match self {
            CustomPredicate::Literal { .. }
            | CustomPredicate::Kind { .. }
            | CustomPredicate::MinEntropy { .. } => 0,
            CustomPredicate::ResolvesTo { .. }
            | CustomPredicate::HasAncestor { .. }
            | CustomPredicate::Role { .. }
            | CustomPredicate::InDefinitionNamed { .. } => 1,
            CustomPredicate::CommentAbove { .. } | CustomPredicate::NextStatementMatch { .. } => 2,
            CustomPredicate::InFunctionContaining { .. }
            | CustomPredicate::ConstantMatch { .. }
            | CustomPredicate::ValueMatch { .. } => 3,
            CustomPredicate::InTransparentImpl { .. }
            | CustomPredicate::InFunctionUsedAs { .. }
            | CustomPredicate::NameUsedAs { .. } => 4,
        }
    }
}
