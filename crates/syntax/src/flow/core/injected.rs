//! Dependency injection: `target: str = Depends(get_target)` (or `Annotated[str,
//! Depends(get_target)]`) in a FastAPI route receives what `get_target` returns, and FastAPI
//! fills `get_target`'s own parameters from the request as it fills a route's.
//!
//! The marker (`fastapi.Depends`) is rule data, an `injected-by` source. The parameter's value
//! is the dependency's summary with its parameters bound to request data (`Params::Injected`),
//! followed through nested dependencies up to the first cycle. Only a dependency this file
//! defines is followed; any other (`Depends(oauth2_scheme)`, an imported function) leaves the
//! parameter unknown.

use super::value::{Value, join_ranges};
use super::{FileFlow, Params, Pass, short};
use crate::flow::adapter::{Expr, Param, named_children};
use crate::flow::spec::{SourceKind, names_match};
use tree_sitter::Node;

/// How many nodes of a parameter's default and type are searched for the marker: it is the
/// default itself or one level inside `Annotated[...]`, so a hostile type needs no full walk.
const MARKER_SEARCH: usize = 32;

impl<'t> FileFlow<'t, '_> {
    /// The value a parameter declared with an injection marker receives, or `None` when it has
    /// none or names no function of this file.
    pub(super) fn injected(&self, param: &Param<'t>, pass: &Pass<'_>) -> Option<Value> {
        let markers: Vec<(usize, &str)> = self
            .rules
            .sources
            .iter()
            .enumerate()
            .filter_map(|(index, (spec, _, _))| match &spec.kind {
                SourceKind::Injected { call, .. } => Some((index, call.as_str())),
                _ => None,
            })
            .collect();
        if markers.is_empty() {
            return None;
        }
        let mut pending: Vec<Node<'t>> = [param.default, param.annotation]
            .into_iter()
            .flatten()
            .collect();
        let mut searched = 0;
        while let Some(node) = pending.pop() {
            searched += 1;
            if searched > MARKER_SEARCH {
                return None;
            }
            let Expr::Call { callee, args, .. } = self.adapter.expr(node, self.text) else {
                pending.extend(named_children(node));
                continue;
            };
            let written = self.adapter.path(callee, self.text);
            let Some(name) = self.canonical(callee, written.as_deref(), pass) else {
                continue;
            };
            let Some(&(source, marker)) = markers.iter().find(|(_, m)| names_match(m, &name))
            else {
                continue;
            };
            let dependency = self.adapter.path(args.first()?.value, self.text)?;
            let &index = self.by_name.get(&dependency)?.first()?;
            let summary = self.returns_given(index, Params::Injected(source))?;
            let Some(taint) = summary.returns.clone() else {
                return Some(Value {
                    clean: summary.clean,
                    ..Value::default()
                });
            };
            let marker = short(marker.rsplit('.').next().unwrap_or(marker));
            let mut taint = taint.with_step(
                node.byte_range(),
                format!("returned by `{dependency}()`, which `{marker}` runs for each request"),
            );
            // A re-check after an edit of the dependency must reach this function.
            let dependency_range = self.functions[index].node.byte_range();
            taint.via = join_ranges(&taint.via, &Some(dependency_range));
            return Some(Value {
                clean: summary.clean,
                ..Value::tainted(taint)
            });
        }
        None
    }
}
