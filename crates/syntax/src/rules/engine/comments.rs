//! Anchored arguments that a comment does not hide. tree-sitter's anchor `.` counts every named
//! child, and a comment is one: `(arguments . (template_string) @cmd)` matches `exec(`ls
//! ${x}`)` but not `exec( // run it` with the template on the next line, so a comment after the
//! parenthesis would silence any rule that reads the first argument. Before a language's
//! queries are compiled, each anchored child of an argument list becomes an alternation that
//! also accepts comments before it: `. [(template_string) @cmd ((comment)+ . (template_string)
//! @cmd)]` (a quantified `(comment)*` in front does not match the zero case). A match that
//! captures a comment itself (a wildcard's first branch) is dropped by the engine.

use crate::lang::Language;

/// The list kinds whose anchored children are rewritten.
const ARGUMENT_LISTS: [&str; 2] = ["(argument_list", "(arguments"];

/// `query` with every anchored child of an argument list also matched after comments.
pub(super) fn tolerate_comments(query: &str, language: Language) -> String {
    let comment = match language {
        Language::Rust => "[(line_comment) (block_comment)]",
        _ => "(comment)",
    };
    rewrite(query, comment)
}

fn rewrite(query: &str, comment: &str) -> String {
    let mut out = String::with_capacity(query.len());
    let mut at = 0;
    while let Some(start) = next_list(query, at) {
        out.push_str(&query[at..start]);
        let end = group_end(query, start);
        out.push_str(&rewrite_list(&query[start..end], comment));
        at = end;
    }
    out.push_str(&query[at..]);
    out
}

/// The offset of the next `(argument_list` / `(arguments` group outside strings and comments.
fn next_list(query: &str, from: usize) -> Option<usize> {
    find_outside_strings(query, from, |rest| {
        ARGUMENT_LISTS.iter().any(|list| {
            rest.strip_prefix(list)
                .is_some_and(|after| after.starts_with([' ', '\n', '\t', ')', '.']))
        })
    })
}

/// The first offset from `from` outside the query's strings and `;` comments where `found`
/// holds of the rest of the query.
pub(super) fn find_outside_strings(
    query: &str,
    from: usize,
    found: impl Fn(&str) -> bool,
) -> Option<usize> {
    let bytes = query.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = string_end(bytes, i),
            b';' => i = query[i..].find('\n').map_or(bytes.len(), |n| i + n),
            _ if query.is_char_boundary(i) && found(&query[i..]) => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// One list group `(arguments ...)`: each child after an anchor rewritten, its own inner lists
/// too.
fn rewrite_list(group: &str, comment: &str) -> String {
    let bytes = group.as_bytes();
    let head = group
        .find([' ', '\n', '\t', ')', '.'])
        .unwrap_or(group.len());
    let mut out = String::from(&group[..head]);
    let mut i = head;
    let mut anchored = false;
    // Where the only item, anchored first and last, starts in `out`: the list is then copied
    // with comments before that item.
    let mut only_at = None;
    let mut items = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'.' => {
                anchored = true;
                out.push('.');
                i += 1;
            }
            // A query comment keeps what came before it; a string is a child of its own.
            b';' => {
                let end = group[i..].find('\n').map_or(bytes.len(), |n| i + n);
                out.push_str(&group[i..end]);
                i = end;
            }
            b'"' => {
                let end = string_end(bytes, i);
                out.push_str(&group[i..end]);
                i = end;
                anchored = false;
            }
            b'(' | b'[' => {
                let end = group_end(group, i);
                let item = &group[i..end];
                // Captures and a quantifier written after the item.
                let (suffix_end, quantified) = item_suffix(group, end);
                let suffix = &group[end..suffix_end];
                let inner = rewrite(item, comment);
                let plain = !["(comment", "(line_comment", "(block_comment", "(#"]
                    .iter()
                    .any(|kind| item.starts_with(kind));
                // Whether the item is anchored last as well (`(arguments . (x) .)`).
                let last = group[suffix_end..]
                    .trim_start()
                    .strip_prefix('.')
                    .is_some_and(|rest| rest.trim_start().starts_with(')'));
                items += 1;
                if anchored && !quantified && plain && last && items == 1 {
                    only_at = Some(out.len());
                    out.push_str(&inner);
                    out.push_str(suffix);
                } else if anchored && !quantified && plain && !last {
                    let branches = flat_branches(&inner, suffix);
                    out.push_str(&format!("[{branches} ({comment}+ . {inner}{suffix})]"));
                } else {
                    out.push_str(&inner);
                    out.push_str(suffix);
                }
                i = suffix_end;
                anchored = false;
            }
            c => {
                if !c.is_ascii_whitespace() {
                    anchored = false;
                }
                let width = group[i..].chars().next().map_or(1, char::len_utf8);
                out.push_str(&group[i..i + width]);
                i += width;
            }
        }
    }
    match only_at {
        // tree-sitter misses the branch with comments of an item anchored last as well
        // (`. [(x) ((comment)+ . (x))] .)`): the whole list is the alternation.
        Some(at) if items == 1 => {
            let with_comments = format!("{}{comment}+ . {}", &out[..at], &out[at..]);
            format!("[{out} {with_comments}]")
        }
        _ => out,
    }
}

/// `item` with its captures and quantifier `suffix`, as branches of a new alternation: an
/// alternation's own branches are listed one by one, each with the suffix, since tree-sitter
/// misses some matches of an alternation nested first in another.
pub(super) fn flat_branches(item: &str, suffix: &str) -> String {
    match item.strip_prefix('[') {
        Some(body) => alternatives(body.strip_suffix(']').unwrap_or(body))
            .iter()
            .map(|branch| format!("{branch}{suffix}"))
            .collect::<Vec<_>>()
            .join(" "),
        None => format!("{item}{suffix}"),
    }
}

/// The branches of an alternation's body, each with its own captures and quantifier.
fn alternatives(body: &str) -> Vec<&str> {
    let bytes = body.as_bytes();
    let mut branches = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'[' | b'"' => {
                let end = match bytes[i] {
                    b'"' => string_end(bytes, i),
                    _ => group_end(body, i),
                };
                let (end, _) = item_suffix(body, end);
                branches.push(body[i..end].trim_end());
                i = end;
            }
            b';' => i = body[i..].find('\n').map_or(bytes.len(), |n| i + n),
            _ => i += 1,
        }
    }
    branches
}

/// The end of the captures (`@name`) and quantifier (`?`, `*`, `+`) right after an item ending at
/// `from`, and whether it is quantified.
pub(super) fn item_suffix(query: &str, from: usize) -> (usize, bool) {
    let bytes = query.as_bytes();
    let mut i = from;
    let mut end = from;
    let mut quantified = false;
    while i < bytes.len() {
        match bytes[i] {
            b'?' | b'*' | b'+' if i == end => {
                quantified = true;
                i += 1;
                end = i;
            }
            b' ' | b'\t' | b'\n' => i += 1,
            b'@' => {
                i += 1;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'_' | b'-' | b'.'))
                {
                    i += 1;
                }
                end = i;
            }
            _ => break,
        }
    }
    (end, quantified)
}

/// The offset just past the group (`(...)` or `[...]`) opening at `start`, skipping strings and
/// comments; the end of the query if it is unbalanced (the compiler then says so).
pub(super) fn group_end(query: &str, start: usize) -> usize {
    let bytes = query.as_bytes();
    let mut depth = 0usize;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i = string_end(bytes, i);
                continue;
            }
            b';' => {
                i = query[i..].find('\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'(' | b'[' => depth += 1,
            b')' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// The offset just past the string literal opening at `start`.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn anchored_arguments_also_match_after_comments() {
        let query = r#"((call arguments: (argument_list . (string) @cmd . (_) @next (keyword_argument)) @args) @match (#eq? @cmd "x. (y"))"#;
        assert_eq!(
            rewrite(query, "(comment)"),
            r#"((call arguments: (argument_list . [(string) @cmd ((comment)+ . (string) @cmd)] . [(_) @next ((comment)+ . (_) @next)] (keyword_argument)) @args) @match (#eq? @cmd "x. (y"))"#
        );
    }

    #[test]
    fn an_anchored_alternation_lists_its_branches() {
        assert_eq!(
            rewrite(
                "(arguments . [(string) (binary_expression) @b] @code)",
                "(comment)"
            ),
            "(arguments . [(string) @code (binary_expression) @b @code ((comment)+ . [(string) (binary_expression) @b] @code)])"
        );
    }

    #[test]
    fn an_only_argument_copies_its_list() {
        assert_eq!(
            rewrite(
                "(call arguments: (arguments . (x) @a .) @args)",
                "(comment)"
            ),
            "(call arguments: [(arguments . (x) @a .) (arguments . (comment)+ . (x) @a .)] @args)"
        );
    }

    #[test]
    fn quantified_unanchored_and_comment_children_are_left_alone() {
        let query = "(arguments . (comment) . (x)? @a (y) @b)";
        assert_eq!(rewrite(query, "(comment)"), query);
        let nested = "(arguments . (call arguments: (arguments . (string) @s)))";
        assert_eq!(
            rewrite(nested, "(comment)"),
            "(arguments . [(call arguments: (arguments . [(string) @s ((comment)+ . (string) @s)])) ((comment)+ . (call arguments: (arguments . [(string) @s ((comment)+ . (string) @s)])))])"
        );
    }
}
