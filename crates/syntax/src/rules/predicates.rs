//! The custom query predicates the rule pack needs beyond tree-sitter's text predicates
//! (`#eq?`, `#match?`, `#any-of?` and their `not-` forms, which tree-sitter applies itself).

use crate::lang::{Language, is_literal};
use crate::names::{NamePattern, Names};
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;
use tree_sitter::{Node, QueryMatch, QueryPredicate, QueryPredicateArg, Tree};

mod comments;
mod cost;
mod scopes;
mod self_fields;
mod struct_fields;
mod this_fields;
mod usage;

use scopes::{
    bound_texts, constant_strings, definition_name, enclosing_definitions, in_transparent_impl,
    is_function_kind, next_statement,
};

/// What predicates may look at beyond the match: the text, and the file's name table, read on
/// first use (a file no `#resolves-to?` reaches never pays for it).
pub struct MatchContext<'a> {
    pub source: &'a [u8],
    language: Language,
    tree: &'a Tree,
    names: OnceCell<Names>,
    /// The ancestors of the node the last predicate asked about: the predicates of one match
    /// ask about the same capture, and each would otherwise go down from the root again.
    last_ancestors: RefCell<Option<(usize, Rc<[Node<'a>]>)>>,
}

impl<'a> MatchContext<'a> {
    pub fn new(language: Language, tree: &'a Tree, source: &'a [u8]) -> Self {
        MatchContext {
            source,
            language,
            tree,
            names: OnceCell::new(),
            last_ancestors: RefCell::new(None),
        }
    }

    /// The ancestors of `node`, innermost first (see [`scopes::ancestors`]), shared with the
    /// previous predicate when it asked about the same node.
    fn ancestors(&self, node: Node<'a>) -> Rc<[Node<'a>]> {
        let mut last = self.last_ancestors.borrow_mut();
        if let Some((id, ancestors)) = last.as_ref()
            && *id == node.id()
        {
            return Rc::clone(ancestors);
        }
        let ancestors: Rc<[Node<'a>]> = scopes::ancestors(self.tree.root_node(), node).into();
        *last = Some((node.id(), Rc::clone(&ancestors)));
        ancestors
    }

    pub fn names(&self) -> &Names {
        self.names
            .get_or_init(|| Names::of(self.language, self.tree, self.source))
    }

    /// The name table, if some predicate needed it.
    pub fn into_names(self) -> Option<Names> {
        self.names.into_inner()
    }
}

#[derive(Debug, Clone)]
pub enum CustomPredicate {
    /// `#literal?` / `#not-literal?`: the value is (not) a constant.
    Literal { capture: u32, negate: bool },
    /// `#kind?` / `#not-kind?`: the node kind is (not) one of these.
    Kind {
        capture: u32,
        kinds: Vec<String>,
        negate: bool,
    },
    /// `#has-ancestor?` / `#not-has-ancestor?`: some ancestor is (not) of one of these kinds.
    HasAncestor {
        capture: u32,
        kinds: Vec<String>,
        negate: bool,
    },
    /// `#role?` / `#not-role?`: the node is (not) its parent's child under a field, written
    /// `parent_kind.field` (`pair.key`: a dictionary's key).
    Role {
        capture: u32,
        roles: Vec<(String, String)>,
        negate: bool,
    },
    /// `#min-entropy?` / `#not-min-entropy?`: Shannon entropy of the text, quotes stripped, is
    /// (not) at least `bits`.
    MinEntropy {
        capture: u32,
        bits: f64,
        negate: bool,
    },
    /// `#resolves-to?` / `#not-resolves-to?`: the expression names (not) one of these canonical
    /// names, through the file's imports and aliases (see [`crate::names`]).
    ResolvesTo {
        capture: u32,
        names: Vec<NamePattern>,
        negate: bool,
    },
    /// `#comment-above?` / `#not-comment-above?`: the comment lines directly above the line the
    /// node starts on (or that line's text before the node) match a regex, e.g. `SAFETY:`.
    CommentAbove {
        capture: u32,
        pattern: regex::Regex,
        negate: bool,
    },
    /// `#constant-match?` / `#not-constant-match?`: the node is a string literal, or a name
    /// every assignment in the file binds to a string literal, whose text (quotes stripped)
    /// matches a regex: `createHash(ALGO)` after `const ALGO = "md5"`.
    ConstantMatch {
        capture: u32,
        pattern: regex::Regex,
        negate: bool,
    },
    /// `#value-match?` / `#not-value-match?`: the node's text, or for a name, the text of every
    /// expression the innermost scope declaring it binds it to (none a parameter), matches a
    /// regex: `createCipheriv(alg, key, iv)` after `const iv = Buffer.alloc(16, 0)`.
    ValueMatch {
        capture: u32,
        pattern: regex::Regex,
        negate: bool,
    },
    /// `#in-definition-named?` / `#not-in-definition-named?`: the name of some function, method,
    /// class, trait, module or impl around the node matches a regex: an MD5 call inside
    /// `class HTTPDigestAuth` implements a protocol that mandates MD5.
    InDefinitionNamed {
        capture: u32,
        pattern: regex::Regex,
        negate: bool,
    },
    /// `#in-function-containing?` / `#not-in-function-containing?`: the text of the innermost
    /// named function around the node matches a regex (false at module level): a SHA-1 in the
    /// function that sets `Sec-WebSocket-Accept` is the handshake RFC 6455 defines.
    InFunctionContaining {
        capture: u32,
        pattern: regex::Regex,
        negate: bool,
    },
    /// `#next-statement-match?` / `#not-next-statement-match?`: the statement right after the
    /// one holding the node (comments skipped) matches a regex: `old = os.umask(0)` directly
    /// followed by `os.umask(old)` only reads the umask.
    NextStatementMatch {
        capture: u32,
        pattern: regex::Regex,
        negate: bool,
    },
    /// `#in-transparent-impl?` / `#not-in-transparent-impl?`: the node sits in an `impl` of a
    /// struct this file declares `#[repr(transparent)]`, whose layout is its one field's: a
    /// transmute there between `&str` and `&RawValue` is the cast that attribute exists for.
    InTransparentImpl { capture: u32, negate: bool },
    /// `#in-function-used-as?` / `#not-in-function-used-as?`: the innermost named function
    /// around the node is used somewhere in the file as the regex says, `{name}` standing for
    /// its name: a SHA-1 constructor passed as `digestmod=` is an HMAC's digest.
    InFunctionUsedAs {
        capture: u32,
        usage: usage::Usage,
        negate: bool,
    },
    /// `#name-used-as?` / `#not-name-used-as?`: the file uses the captured name as the regex
    /// says, `{name}` standing for it: `new Draft(req.body)` builds an object of a plain class
    /// the file declares (`class {name} {`), not a model of an ORM.
    NameUsedAs {
        capture: u32,
        usage: usage::Usage,
        negate: bool,
    },
}

impl CustomPredicate {
    /// Reads one predicate of a compiled query; the error says what is wrong with it.
    pub fn parse(predicate: &QueryPredicate) -> Result<Self, String> {
        let operator = predicate.operator.as_ref();
        let (negate, base) = match operator.strip_prefix("not-") {
            Some(base) => (true, base),
            None => (false, operator),
        };
        let args = &predicate.args;
        let capture = match args.first() {
            Some(QueryPredicateArg::Capture(c)) => *c,
            _ => {
                return Err(format!(
                    "`#{operator}` takes a capture as its first argument"
                ));
            }
        };
        let strings = || -> Result<Vec<String>, String> {
            let rest: Result<Vec<String>, String> = args[1..]
                .iter()
                .map(|a| match a {
                    QueryPredicateArg::String(s) => Ok(s.to_string()),
                    QueryPredicateArg::Capture(_) => {
                        Err(format!("`#{operator}` takes strings after the capture"))
                    }
                })
                .collect();
            let rest = rest?;
            if rest.is_empty() {
                return Err(format!(
                    "`#{operator}` needs at least one string after the capture"
                ));
            }
            Ok(rest)
        };
        match base {
            "literal?" if args.len() == 1 => Ok(CustomPredicate::Literal { capture, negate }),
            "in-transparent-impl?" if args.len() == 1 => {
                Ok(CustomPredicate::InTransparentImpl { capture, negate })
            }
            "literal?" | "in-transparent-impl?" => {
                Err(format!("`#{operator}` takes exactly one capture"))
            }
            "kind?" => Ok(CustomPredicate::Kind {
                capture,
                kinds: strings()?,
                negate,
            }),
            "has-ancestor?" => Ok(CustomPredicate::HasAncestor {
                capture,
                kinds: strings()?,
                negate,
            }),
            "role?" => Ok(CustomPredicate::Role {
                capture,
                roles: strings()?
                    .iter()
                    .map(|role| match role.split_once('.') {
                        Some((kind, field)) => Ok((kind.to_string(), field.to_string())),
                        None => Err(format!("`#{operator}` takes `parent_kind.field` roles")),
                    })
                    .collect::<Result<_, _>>()?,
                negate,
            }),
            "resolves-to?" => Ok(CustomPredicate::ResolvesTo {
                capture,
                names: strings()?.iter().map(|n| NamePattern::parse(n)).collect(),
                negate,
            }),
            "min-entropy?" => {
                let bits = match args.get(1) {
                    Some(QueryPredicateArg::String(s)) if args.len() == 2 => s.parse::<f64>().ok(),
                    _ => None,
                };
                match bits {
                    Some(bits) if (0.0..=8.0).contains(&bits) => Ok(CustomPredicate::MinEntropy {
                        capture,
                        bits,
                        negate,
                    }),
                    _ => Err(
                        "`#min-entropy?` takes a capture and a number of bits from 0 to 8".into(),
                    ),
                }
            }
            "in-function-used-as?" | "name-used-as?" => match &args[1..] {
                [QueryPredicateArg::String(template)] => usage::Usage::parse(template)
                    .map(|usage| match base {
                        "name-used-as?" => CustomPredicate::NameUsedAs {
                            capture,
                            usage,
                            negate,
                        },
                        _ => CustomPredicate::InFunctionUsedAs {
                            capture,
                            usage,
                            negate,
                        },
                    })
                    .map_err(|e| format!("`#{operator}`: {e}")),
                _ => Err(format!(
                    "`#{operator}` takes a capture and one regex holding `{{name}}`"
                )),
            },
            "comment-above?"
            | "constant-match?"
            | "value-match?"
            | "in-definition-named?"
            | "in-function-containing?"
            | "next-statement-match?" => match &args[1..] {
                [QueryPredicateArg::String(source)] => regex::Regex::new(source)
                    .map(|pattern| match base {
                        "comment-above?" => CustomPredicate::CommentAbove {
                            capture,
                            pattern,
                            negate,
                        },
                        "constant-match?" => CustomPredicate::ConstantMatch {
                            capture,
                            pattern,
                            negate,
                        },
                        "value-match?" => CustomPredicate::ValueMatch {
                            capture,
                            pattern,
                            negate,
                        },
                        "in-definition-named?" => CustomPredicate::InDefinitionNamed {
                            capture,
                            pattern,
                            negate,
                        },
                        "in-function-containing?" => CustomPredicate::InFunctionContaining {
                            capture,
                            pattern,
                            negate,
                        },
                        _ => CustomPredicate::NextStatementMatch {
                            capture,
                            pattern,
                            negate,
                        },
                    })
                    .map_err(|e| format!("`#{operator}`: invalid regex: {e}")),
                _ => Err(format!("`#{operator}` takes a capture and one regex")),
            },
            _ => Err(format!(
                "unknown predicate `#{operator}` (custom predicates: literal?, kind?, has-ancestor?, \
                 min-entropy?, comment-above?, constant-match?, value-match?, in-definition-named?, \
                 in-function-containing?, in-function-used-as?, name-used-as?, next-statement-match?, \
                 in-transparent-impl?, resolves-to? and their not- forms)"
            )),
        }
    }

    /// Whether the predicate holds for a match. Like tree-sitter's own predicates, it holds for
    /// every node of a quantified capture, and vacuously when an optional capture is absent.
    /// Whether the answer reads more than the match itself: a name's every assignment
    /// (`#constant-match?`), a struct declared anywhere (`#in-transparent-impl?`), the uses of a
    /// function (`#in-function-used-as?`), the comment lines above the match (an edit there
    /// leaves the matched node untouched). An edit outside such a match can change it.
    pub fn reads_whole_file(&self) -> bool {
        matches!(
            self,
            CustomPredicate::ConstantMatch { .. }
                | CustomPredicate::ValueMatch { .. }
                | CustomPredicate::InTransparentImpl { .. }
                | CustomPredicate::InFunctionUsedAs { .. }
                | CustomPredicate::NameUsedAs { .. }
                | CustomPredicate::CommentAbove { .. }
        )
    }

    pub fn holds<'a>(&self, query_match: &QueryMatch<'_, 'a>, context: &MatchContext<'a>) -> bool {
        let capture = match self {
            CustomPredicate::Literal { capture, .. }
            | CustomPredicate::Kind { capture, .. }
            | CustomPredicate::HasAncestor { capture, .. }
            | CustomPredicate::Role { capture, .. }
            | CustomPredicate::MinEntropy { capture, .. }
            | CustomPredicate::ResolvesTo { capture, .. }
            | CustomPredicate::CommentAbove { capture, .. }
            | CustomPredicate::ConstantMatch { capture, .. }
            | CustomPredicate::ValueMatch { capture, .. }
            | CustomPredicate::InDefinitionNamed { capture, .. }
            | CustomPredicate::InFunctionContaining { capture, .. }
            | CustomPredicate::NextStatementMatch { capture, .. }
            | CustomPredicate::InTransparentImpl { capture, .. }
            | CustomPredicate::InFunctionUsedAs { capture, .. }
            | CustomPredicate::NameUsedAs { capture, .. } => *capture,
        };
        query_match
            .nodes_for_capture_index(capture)
            .all(|node| self.holds_for(node, context))
    }

    fn holds_for<'a>(&self, node: Node<'a>, context: &MatchContext<'a>) -> bool {
        let source = context.source;
        let ancestors = || context.ancestors(node);
        match self {
            CustomPredicate::ResolvesTo { names, negate, .. } => {
                context.names().matches(node, source, names) != *negate
            }
            CustomPredicate::Literal { negate, .. } => is_literal(node) != *negate,
            CustomPredicate::Kind { kinds, negate, .. } => {
                kinds.iter().any(|k| k == node.kind()) != *negate
            }
            CustomPredicate::HasAncestor { kinds, negate, .. } => {
                let found = ancestors()
                    .iter()
                    .any(|ancestor| kinds.iter().any(|k| k == ancestor.kind()));
                found != *negate
            }
            CustomPredicate::Role { roles, negate, .. } => {
                let held = ancestors().first().is_some_and(|parent| {
                    roles.iter().any(|(kind, field)| {
                        parent.kind() == kind
                            && parent.child_by_field_name(field.as_str()) == Some(node)
                    })
                });
                held != *negate
            }
            CustomPredicate::MinEntropy { bits, negate, .. } => {
                let text = node.utf8_text(source).unwrap_or("");
                (shannon_entropy(strip_quotes(text)) >= *bits) != *negate
            }
            CustomPredicate::CommentAbove {
                pattern, negate, ..
            } => comments::documented(node, &ancestors(), source, pattern) != *negate,
            CustomPredicate::ConstantMatch {
                pattern, negate, ..
            } => {
                let strings = constant_strings(node, ancestors, source);
                (!strings.is_empty() && strings.iter().all(|s| pattern.is_match(s))) != *negate
            }
            CustomPredicate::ValueMatch {
                pattern, negate, ..
            } => {
                let texts = bound_texts(node, ancestors, source);
                (!texts.is_empty() && texts.iter().all(|s| pattern.is_match(s))) != *negate
            }
            CustomPredicate::InDefinitionNamed {
                pattern, negate, ..
            } => {
                let named = enclosing_definitions(&ancestors())
                    .filter_map(definition_name)
                    .any(|name| pattern.is_match(name.utf8_text(source).unwrap_or("")));
                named != *negate
            }
            CustomPredicate::InFunctionContaining {
                pattern, negate, ..
            } => {
                // The innermost named function; outside any, the outermost anonymous one (an
                // inline route handler, `app.get("/me", (req, res) => { ... })`).
                let ancestors = ancestors();
                let containing = enclosing_definitions(&ancestors)
                    .find(|d| is_function_kind(d.kind()) && definition_name(*d).is_some())
                    .or_else(|| {
                        enclosing_definitions(&ancestors)
                            .filter(|d| is_function_kind(d.kind()))
                            .last()
                    })
                    .is_some_and(|function| {
                        pattern.is_match(&String::from_utf8_lossy(&source[function.byte_range()]))
                    });
                containing != *negate
            }
            CustomPredicate::NextStatementMatch {
                pattern, negate, ..
            } => {
                let next = next_statement(node, &ancestors())
                    .is_some_and(|next| pattern.is_match(next.utf8_text(source).unwrap_or("")));
                next != *negate
            }
            CustomPredicate::InTransparentImpl { negate, .. } => {
                in_transparent_impl(&ancestors(), source) != *negate
            }
            CustomPredicate::InFunctionUsedAs { usage, negate, .. } => {
                let used = enclosing_definitions(&ancestors())
                    .find(|d| is_function_kind(d.kind()) && definition_name(*d).is_some())
                    .and_then(definition_name)
                    .is_some_and(|name| usage.holds(name.utf8_text(source).unwrap_or(""), source));
                used != *negate
            }
            CustomPredicate::NameUsedAs { usage, negate, .. } => {
                let name = node.utf8_text(source).unwrap_or("");
                usage.holds(name, source) != *negate
            }
        }
    }
}

/// Removes one layer of string delimiters and prefixes (`f"..."`, `r#"..."#`, `` `...` ``).
pub fn strip_quotes(text: &str) -> &str {
    let body = text.trim_start_matches(|c: char| c.is_ascii_alphabetic() && c != '"' && c != '\'');
    let body = body.trim_start_matches('#').trim_end_matches('#');
    for quote in ["\"\"\"", "'''", "\"", "'", "`"] {
        if body.len() >= 2 * quote.len()
            && let Some(inner) = body.strip_prefix(quote).and_then(|b| b.strip_suffix(quote))
        {
            return inner;
        }
    }
    text
}

/// The entropy of a value as a secret: 0 for text no secret is made of, else its Shannon
/// entropy. Secrets (keys, tokens, generated passwords) are printable ASCII without spaces; a
/// value with non-ASCII letters or spaces is language (a Japanese UI string, a sentence), and one
/// made only of words joined by punctuation (`$serde_json::private::Number`, `user.profile-name`)
/// is an identifier or a path, however varied its letters.
pub fn secret_entropy(text: &str) -> f64 {
    let printable_ascii = text.bytes().all(|b| b.is_ascii_graphic());
    if !printable_ascii || is_word_chain(text) {
        return 0.0;
    }
    shannon_entropy(text)
}

/// Two or more alphabetic words joined by punctuation or camel case, each word pronounceable
/// (two letters or more, a vowel): how identifiers, paths and sentences look, and random
/// strings do not.
fn is_word_chain(text: &str) -> bool {
    let mut words = Vec::new();
    for part in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        // `RawValue` is two words.
        let mut start = 0;
        for (i, b) in part.bytes().enumerate().skip(1) {
            if b.is_ascii_uppercase() {
                words.push(&part[start..i]);
                start = i;
            }
        }
        words.push(&part[start..]);
    }
    words.retain(|w| !w.is_empty());
    words.len() >= 2
        && words.iter().all(|word| {
            word.len() >= 2
                && word.bytes().all(|b| b.is_ascii_alphabetic())
                && word.bytes().any(|b| b"aeiouyAEIOUY".contains(&b))
        })
}

/// Shannon entropy in bits per character: about 4 for random hex, 5+ for random base64, under 3
/// for words.
pub fn shannon_entropy(text: &str) -> f64 {
    let mut counts = std::collections::HashMap::<char, usize>::new();
    let mut total = 0usize;
    for c in text.chars() {
        *counts.entry(c).or_default() += 1;
        total += 1;
    }
    if total == 0 {
        return 0.0;
    }
    counts
        .values()
        .map(|&n| {
            let p = n as f64 / total as f64;
            -p * p.log2()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::comments::comment_above;
    use super::*;

    #[test]
    fn entropy_separates_words_from_random_strings() {
        assert_eq!(shannon_entropy(""), 0.0);
        assert_eq!(shannon_entropy("aaaa"), 0.0);
        assert!((shannon_entropy("abcd") - 2.0).abs() < 1e-9);
        assert!(shannon_entropy("password") < 3.0);
        assert!(shannon_entropy("q8ZfT2vLx9RmW4kPj7YbN3cH") > 4.0);
    }

    #[test]
    fn comments_above_stop_at_the_first_code_line() {
        let source = b"let a = 1; // SAFETY: not this one\n// SAFETY: the index is checked\n/// more\nunsafe { x }";
        let start = source.len() - "unsafe { x }".len();
        let above = comment_above(source, start);
        assert!(above.contains("the index is checked"), "{above}");
        assert!(!above.contains("not this one"), "{above}");
        let attribute = b"// SAFETY: stale\n#[inline]\nunsafe fn f() {}";
        assert!(!comment_above(attribute, attribute.len() - 16).contains("stale"));
        assert_eq!(
            comment_above(b"  /* SAFETY: ok */ unsafe {}", 19),
            "  /* SAFETY: ok */ "
        );
    }

    #[test]
    fn secret_entropy_ignores_language_and_identifiers() {
        for not_secret in [
            "$serde_json::private::Number",
            "ログインに失敗しました。もう一度お試しください",
            "Please enter your password again",
            "user.profile-name",
            "$serde_json::private::RawValue",
        ] {
            assert_eq!(secret_entropy(not_secret), 0.0, "{not_secret}");
        }
        for secret in [
            "q8ZfT2vLx9RmW4kPj7YbN3cH",
            "Tr0ub4dor&3xK!9",
            "kDfjQwPzXbRtMnLv",
            "ghp_R7kX2mQ9vL4tW8nB3cF6hJ1pZ5sD0gY2aE7u",
        ] {
            assert!(secret_entropy(secret) > 3.0, "{secret}");
        }
    }

    #[test]
    fn quotes_and_prefixes_are_stripped() {
        assert_eq!(strip_quotes("'abc'"), "abc");
        assert_eq!(strip_quotes("f\"abc\""), "abc");
        assert_eq!(strip_quotes("r#\"abc\"#"), "abc");
        assert_eq!(strip_quotes("b'''x'''"), "x");
        assert_eq!(strip_quotes("`t`"), "t");
        assert_eq!(strip_quotes("plain"), "plain");
    }
}
