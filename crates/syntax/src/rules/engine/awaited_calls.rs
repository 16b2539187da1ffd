//! Generic calls under `await` in TypeScript. tree-sitter-typescript reads `await f<T>(x)` as a
//! call of `await f` (`(call_expression function: (await_expression (identifier)) ...)`), so
//! a rule written for `f(x)` would miss `await prisma.$queryRawUnsafe<Row[]>(sql)`, the
//! way TypeScript services are written. Before TypeScript's queries are compiled, each callee
//! pattern (`function: X`) also accepts `X` under `await`: `function: [X (await_expression X)]`.

use super::comments::{find_outside_strings, flat_branches, group_end, item_suffix};

/// `query` with each `function:` pattern also matched under `await`.
pub(super) fn tolerate_awaited_generics(query: &str) -> String {
    const FIELD: &str = "function:";
    let mut out = String::with_capacity(query.len());
    let mut at = 0;
    while let Some(found) = find_outside_strings(query, at, |rest| rest.starts_with(FIELD)) {
        let field_end = found + FIELD.len();
        out.push_str(&query[at..field_end]);
        let start = field_end + (query[field_end..].len() - query[field_end..].trim_start().len());
        let opens = query.as_bytes().get(start).copied();
        if !matches!(opens, Some(b'(' | b'[')) {
            at = field_end;
            continue;
        }
        let end = group_end(query, start);
        let (suffix_end, quantified) = item_suffix(query, end);
        if quantified {
            at = field_end;
            continue;
        }
        let item = tolerate_awaited_generics(&query[start..end]);
        let suffix = &query[end..suffix_end];
        let branches = flat_branches(&item, suffix);
        out.push_str(&query[field_end..start]);
        out.push_str(&format!("[{branches} (await_expression {item}{suffix})]"));
        at = suffix_end;
    }
    out.push_str(&query[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::tolerate_awaited_generics;

    #[test]
    fn a_callee_also_matches_under_await() {
        assert_eq!(
            tolerate_awaited_generics(
                "(call_expression function: (identifier) @fn arguments: (arguments))"
            ),
            "(call_expression function: [(identifier) @fn (await_expression (identifier) @fn)] arguments: (arguments))"
        );
        assert_eq!(
            tolerate_awaited_generics(
                "(call_expression function: [(identifier) @fn (member_expression property: (_) @fn)])"
            ),
            "(call_expression function: [(identifier) @fn (member_expression property: (_) @fn) (await_expression [(identifier) @fn (member_expression property: (_) @fn)])])"
        );
    }

    #[test]
    fn comments_strings_and_quantified_callees_are_left_alone() {
        let query =
            "; function: (x)\n((call_expression function: (x)? @f) (#eq? @f \"function: (y)\"))";
        assert_eq!(tolerate_awaited_generics(query), query);
    }
}
