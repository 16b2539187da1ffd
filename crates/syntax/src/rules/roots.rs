//! Where each query pattern's root node is, relative to one of its captures, so that every match
//! knows the extent of the syntax it inspected.
//!
//! The language server re-runs queries only over the part of a document an edit touched
//! (`QueryCursor::set_byte_range` returns exactly the matches whose root node intersects the
//! range). Keeping the previous findings elsewhere is only correct if we know each match's
//! root: a finding is often reported on an inner node (`eval` of `eval(x)`) while the match
//! also depends on siblings the edit may have changed (the argument). tree-sitter does not
//! expose a match's root. Capturing it costs far too much (capture lists on every in-progress
//! state made whole-file matching four times slower, and quadratic on large files), so instead
//! we read from the pattern source how deep some capture sits below the root — `@f` in
//! `(call function: (identifier) @f)` is one level down — and climb that many parents.
//!
//! The anchor must be present in every match: a capture outside any alternation and any `?`
//! or `*` quantifier, at one depth wherever it appears. This is a small parser of the query
//! syntax; whatever it does not understand makes it give up (`None`), and the caller then falls
//! back to full re-matching, which is always correct.

/// For one top-level pattern: a capture present in every match and its depth below the root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub capture: String,
    pub depth: u32,
}

/// The anchor of every top-level pattern of `source`, in order, or `None` if some pattern has
/// none or the source has a shape this parser does not know.
pub fn pattern_anchors(source: &str) -> Option<Vec<Anchor>> {
    let mut anchors = Vec::new();
    for pattern in top_level_patterns(source)? {
        let mut everywhere = Vec::new();
        occurrences(&pattern, 0, &mut everywhere);
        let unique_depth =
            |(name, depth): &(String, u32)| everywhere.iter().all(|(n, d)| n != name || d == depth);
        let anchor = guaranteed(&pattern, 0)
            .into_iter()
            .filter(unique_depth)
            .min_by_key(|(_, depth)| *depth)?;
        anchors.push(Anchor {
            capture: anchor.0,
            depth: anchor.1,
        });
    }
    Some(anchors)
}

/// The top-level patterns of a query source, or `None` if it has a shape this parser does not
/// know (or a predicate outside any pattern).
pub(super) fn top_level_patterns(source: &str) -> Option<Vec<Element>> {
    let patterns = top_level_patterns_at(source)?;
    Some(patterns.into_iter().map(|(_, pattern)| pattern).collect())
}

/// The source text of each top-level pattern of a query (what tree-sitter numbers as its
/// patterns), or `None` as for [`top_level_patterns`]: each compiles on its own.
pub fn top_level_pattern_sources(source: &str) -> Option<Vec<&str>> {
    let patterns = top_level_patterns_at(source)?;
    Some(patterns.into_iter().map(|(at, _)| &source[at]).collect())
}

/// [`top_level_patterns`], each with its byte range in `source`.
fn top_level_patterns_at(source: &str) -> Option<Vec<(std::ops::Range<usize>, Element)>> {
    let mut parser = Parser {
        bytes: source.as_bytes(),
        at: 0,
    };
    let mut patterns = Vec::new();
    loop {
        parser.skip_trivia();
        if parser.at >= parser.bytes.len() {
            return Some(patterns);
        }
        let start = parser.at;
        let pattern = parser.element()?;
        if matches!(pattern.kind, Kind::Predicate | Kind::Word) {
            return None; // a predicate or stray word outside any pattern
        }
        // The parser stops on ASCII delimiters only, so `start..at` lies on char boundaries;
        // checked all the same, as a query is a user's text.
        source.get(start..parser.at)?;
        patterns.push((start..parser.at, pattern));
    }
}

/// The depth of a node's children: one below it; the members of a group or an alternation are
/// at the group's own depth.
fn child_depth(element: &Element, depth: u32) -> u32 {
    depth + u32::from(element.kind == Kind::Node)
}

/// Every capture of `element` at `depth`, with its depth.
fn occurrences(element: &Element, depth: u32, out: &mut Vec<(String, u32)>) {
    out.extend(element.captures.iter().map(|name| (name.clone(), depth)));
    for child in &element.children {
        occurrences(child, child_depth(element, depth), out);
    }
}

/// The captures every match of `element` has, with their depth: its own, those of its
/// children that are not optional (`?`, `*`), and of an alternation those all its branches
/// have at the same depth.
fn guaranteed(element: &Element, depth: u32) -> Vec<(String, u32)> {
    in_every_match(element, depth, &|name, depth| (name.to_string(), depth))
}

/// What `seen` makes of each capture every match of `element` has (given its name and depth):
/// [`guaranteed`], and the names alone for `words`, where the depth does not matter.
pub(super) fn in_every_match<T: PartialEq>(
    element: &Element,
    depth: u32,
    seen: &impl Fn(&str, u32) -> T,
) -> Vec<T> {
    let mut found: Vec<T> = element.captures.iter().map(|n| seen(n, depth)).collect();
    let inner = child_depth(element, depth);
    match element.kind {
        Kind::Node | Kind::Group => {
            for child in &element.children {
                if !matches!(child.quantifier, Some(b'?' | b'*')) {
                    found.extend(in_every_match(child, inner, seen));
                }
            }
        }
        Kind::Alternation => {
            let mut branches = element
                .children
                .iter()
                .map(|b| in_every_match(b, inner, seen));
            if let Some(first) = branches.next() {
                let common = branches.fold(first, |common, branch| {
                    common.into_iter().filter(|c| branch.contains(c)).collect()
                });
                found.extend(common);
            }
        }
        Kind::Leaf | Kind::Predicate | Kind::Word => {}
    }
    found
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// `(kind child...)`, `(_ ...)`, `(ERROR)`.
    Node,
    /// `(pattern pattern... (#predicate))`: siblings, or one pattern with its predicates.
    Group,
    /// `[pattern...]`.
    Alternation,
    /// `"anonymous"` or the wildcard `_`.
    Leaf,
    /// `(#eq? @a "b")`.
    Predicate,
    /// A field name, an anchor `.`, a negated field `!name`: no node of its own.
    Word,
}

pub(super) struct Element {
    pub(super) kind: Kind,
    pub(super) children: Vec<Element>,
    pub(super) quantifier: Option<u8>,
    pub(super) captures: Vec<String>,
    /// For a [`Kind::Predicate`]: what it says.
    pub(super) predicate: Option<Predicate>,
    /// For a [`Kind::Leaf`] written as a string (`"unsafe"`): its text.
    pub(super) text: Option<String>,
}

/// `(#name? arg...)`.
pub(super) struct Predicate {
    pub(super) name: String,
    pub(super) args: Vec<Arg>,
}

pub(super) enum Arg {
    Capture(String),
    String(String),
    Word,
}

/// A query string's text: `\n`, `\t`, `\r`, `\0` are control characters, any other escaped
/// character stands for itself.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips whitespace and `;` comments.
    fn skip_trivia(&mut self) {
        while let Some(c) = self.peek() {
            if c.is_ascii_whitespace() {
                self.at += 1;
            } else if c == b';' {
                while self.peek().is_some_and(|c| c != b'\n') {
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    /// A bare word: a node kind, field name, capture or predicate name.
    fn word(&mut self) -> &str {
        let start = self.at;
        while self.peek().is_some_and(|c| {
            !c.is_ascii_whitespace() && !matches!(c, b'(' | b')' | b'[' | b']' | b'"' | b';')
        }) {
            self.at += 1;
        }
        std::str::from_utf8(&self.bytes[start..self.at]).unwrap_or("")
    }

    /// A string from its opening quote, unescaped.
    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let start = self.at;
        loop {
            match self.peek()? {
                b'\\' => self.at += 2,
                b'"' => {
                    self.at += 1;
                    let raw = std::str::from_utf8(self.bytes.get(start..self.at - 1)?).ok()?;
                    return Some(unescape(raw));
                }
                _ => self.at += 1,
            }
        }
    }

    /// The rest of a predicate after its `(`: its name and arguments, up to and with the `)`.
    fn predicate(&mut self) -> Option<Predicate> {
        let name = self.word().to_string();
        let mut args = Vec::new();
        loop {
            self.skip_trivia();
            match self.peek()? {
                b')' => {
                    self.at += 1;
                    return Some(Predicate { name, args });
                }
                b'"' => args.push(Arg::String(self.string()?)),
                b'@' => {
                    self.at += 1;
                    args.push(Arg::Capture(self.word().to_string()));
                }
                _ => {
                    let word = self.word();
                    if word.is_empty() {
                        return None;
                    }
                    args.push(Arg::Word);
                }
            }
        }
    }

    /// Children up to the closing bracket `close`, which it consumes.
    fn children(&mut self, close: u8) -> Option<Vec<Element>> {
        let mut children = Vec::new();
        loop {
            self.skip_trivia();
            if self.peek()? == close {
                self.at += 1;
                return Some(children);
            }
            children.push(self.element()?);
        }
    }

    /// One element with its quantifier and captures.
    fn element(&mut self) -> Option<Element> {
        let mut text = None;
        let (kind, children) = match self.peek()? {
            b'(' => {
                self.at += 1;
                self.skip_trivia();
                match self.peek()? {
                    b'(' | b'[' | b'"' => (Kind::Group, self.children(b')')?),
                    b'#' => {
                        let predicate = self.predicate()?;
                        return Some(Element {
                            predicate: Some(predicate),
                            ..plain(Kind::Predicate)
                        });
                    }
                    _ => {
                        let kind_name = self.word();
                        if kind_name.is_empty() {
                            return None;
                        }
                        (Kind::Node, self.children(b')')?)
                    }
                }
            }
            b'[' => {
                self.at += 1;
                (Kind::Alternation, self.children(b']')?)
            }
            b'"' => {
                text = Some(self.string()?);
                (Kind::Leaf, Vec::new())
            }
            b')' | b']' => return None,
            _ => {
                let word = self.word().to_string();
                if word == "_" {
                    (Kind::Leaf, Vec::new())
                } else if word.starts_with('@') {
                    return None; // a capture with nothing before it
                } else {
                    // `field:` belongs to the next element; `.` and `!field` stand alone.
                    return Some(if word.ends_with(':') {
                        self.skip_trivia();
                        self.element()?
                    } else {
                        plain(Kind::Word)
                    });
                }
            }
        };
        let mut element = Element {
            kind,
            children,
            quantifier: None,
            captures: Vec::new(),
            predicate: None,
            text,
        };
        if let Some(q @ (b'?' | b'*' | b'+')) = self.peek() {
            element.quantifier = Some(q);
            self.at += 1;
        }
        loop {
            let before = self.at;
            self.skip_trivia();
            if self.peek() == Some(b'@') {
                self.at += 1;
                element.captures.push(self.word().to_string());
            } else {
                self.at = before;
                return Some(element);
            }
        }
    }
}

fn plain(kind: Kind) -> Element {
    Element {
        kind,
        children: Vec::new(),
        quantifier: None,
        captures: Vec::new(),
        predicate: None,
        text: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchors(source: &str) -> Vec<(String, u32)> {
        pattern_anchors(source)
            .unwrap_or_else(|| panic!("no anchors: {source}"))
            .into_iter()
            .map(|a| (a.capture, a.depth))
            .collect()
    }

    fn one(name: &str, depth: u32) -> Vec<(String, u32)> {
        vec![(name.to_string(), depth)]
    }

    #[test]
    fn the_shallowest_capture_every_match_has_is_the_anchor() {
        assert_eq!(anchors("(call) @c"), one("c", 0));
        assert_eq!(
            anchors(
                "((call function: (identifier) @f arguments: (argument_list (string) @s)) (#eq? @f \"eval\"))"
            ),
            one("f", 1)
        );
        assert_eq!(
            anchors("(call function: (attribute object: (identifier) @m) @a) @match"),
            one("match", 0)
        );
        // A sequence of siblings: each at the root's depth.
        assert_eq!(
            anchors("((comment) @c . (function_definition) @f)"),
            one("c", 0)
        );
        assert_eq!(
            anchors("(a (b) @b)\n(c (d (e) @e))"),
            vec![("b".to_string(), 1), ("e".to_string(), 2)]
        );
    }

    #[test]
    fn optional_and_ambiguous_captures_are_not_anchors() {
        // `@o` may be missing; `@x` is under an alternation; `@n` sits at two depths.
        assert_eq!(
            anchors("(call (keyword)? @o [(a) @x (b)] (arg (string) @s))"),
            one("s", 2)
        );
        assert_eq!(
            anchors("(p [(identifier) @n (member property: (identifier) @n)] (q) @q)"),
            one("q", 1)
        );
        assert_eq!(anchors("(p (x)* @x (y)+ @y)"), one("y", 1));
        assert_eq!(pattern_anchors("(p [(a) @a (b) @b])"), None);
    }

    #[test]
    fn comments_strings_fields_and_anchors_are_not_structure() {
        let source = "; a (comment) with ( brackets\n((string) @s (#match? @s \"[(]\\\")\"))";
        assert_eq!(anchors(source), one("s", 0));
        assert_eq!(
            anchors("(call . function: (identifier) @f !type arguments: (_) @a .)"),
            one("f", 1)
        );
    }

    #[test]
    fn unknown_shapes_are_refused_not_guessed() {
        assert_eq!(pattern_anchors("(call"), None);
        assert_eq!(pattern_anchors("(#eq? @a \"b\")"), None);
        assert_eq!(pattern_anchors("(call)"), None, "no capture at all");
        assert_eq!(pattern_anchors("@x"), None);
        assert_eq!(pattern_anchors("call)"), None);
    }
}
