//! Nesting too deep to parse. tree-sitter's work grows much faster than the input with bracket
//! depth (100,000 nested object literals take seconds to parse and longer to match), so a
//! hostile file could otherwise make the parse give up and hide everything in it.
//!
//! Before parsing, the brackets of code are counted: those inside strings and comments are
//! passed over by a few lexical rules of the language (quotes, escapes, comment markers, Python's
//! triple quotes, Rust's character literals against lifetimes), so ten thousand `(` in a string
//! literal blank nothing. The rules are no grammar: where they misjudge (a regex literal holding
//! a quote, say), a region is blanked that need not be, or a deep one is left for the parser's
//! work budget to stop — both reported, never silent. A bracket pair that opens
//! deeper than [`MAX_NESTING`] is blanked, its contents with it; an opening bracket that is
//! never closed is blanked alone, so what follows it is still parsed. Blanking writes spaces
//! over the bytes (line breaks kept), so every offset and line of the rest is unchanged and its
//! findings are exact. The blanked bytes are reported as not analysed by the syntax rules.

use crate::lang::Language;
use std::ops::Range;

/// The deepest bracket nesting handed to the parser. Real code stays far below it (deeply
/// nested generated JSON rarely passes 100); above it, parse and match time grow fast.
pub const MAX_NESTING: usize = 128;

/// The text to parse instead of the original, when some of it is nested too deep: the same
/// length, with the too-deep bytes blanked.
pub struct Masked {
    pub text: String,
    /// The byte ranges blanked, in order, not overlapping.
    pub regions: Vec<Range<usize>>,
}

/// `None` when no bracket of code nests deeper than [`MAX_NESTING`].
pub fn mask_deep_nesting(text: &str, language: Language) -> Option<Masked> {
    let bytes = text.as_bytes();
    // Opening brackets still open, by offset; only depth matters, so any closer pops any opener.
    let mut open: Vec<usize> = Vec::new();
    let mut regions: Vec<Range<usize>> = Vec::new();
    let mut deepest = 0;
    for_each_code_bracket(text, language, |offset, byte| match byte {
        b'(' | b'[' | b'{' => {
            open.push(offset);
            deepest = deepest.max(open.len());
        }
        _ => {
            if let Some(start) = open.pop()
                && open.len() == MAX_NESTING
            {
                // A closed pair that opened one level too deep: blank it whole.
                regions.push(start..offset + 1);
            }
        }
    });
    if deepest <= MAX_NESTING {
        return None;
    }
    // Openers never closed, deeper than the limit: blank each alone.
    regions.extend(open.iter().skip(MAX_NESTING).map(|&start| start..start + 1));
    regions.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(regions.len());
    for region in regions {
        match merged.last_mut() {
            // Contained (an unclosed opener inside a blanked pair) or adjacent.
            Some(last) if region.start <= last.end => last.end = last.end.max(region.end),
            _ => merged.push(region),
        }
    }
    let mut masked = bytes.to_vec();
    for region in &merged {
        for byte in &mut masked[region.clone()] {
            // Spaces over everything but line breaks; multi-byte characters become spaces
            // byte by byte, so the text stays valid UTF-8 and the same length.
            if *byte != b'\n' && *byte != b'\r' {
                *byte = b' ';
            }
        }
    }
    let text = String::from_utf8(masked).expect("ASCII spaces over whole regions keep UTF-8");
    Some(Masked {
        text,
        regions: merged,
    })
}

/// Calls `on` with the offset and byte of each bracket outside strings and comments.
fn for_each_code_bracket(text: &str, language: Language, mut on: impl FnMut(usize, u8)) {
    let bytes = text.as_bytes();
    let python = language == Language::Python;
    let javascript = matches!(
        language,
        Language::JavaScript | Language::TypeScript | Language::Tsx
    );
    let mut i = 0;
    while i < bytes.len() {
        i = match bytes[i] {
            byte @ (b'(' | b'[' | b'{' | b')' | b']' | b'}') => {
                on(i, byte);
                i + 1
            }
            b'#' if python => line_end(bytes, i),
            b'/' if !python && bytes.get(i + 1) == Some(&b'/') => line_end(bytes, i),
            b'/' if !python && bytes.get(i + 1) == Some(&b'*') => {
                find(bytes, i + 2, b"*/").map_or(bytes.len(), |end| end + 2)
            }
            b'\'' if language == Language::Rust => after_rust_quote(text, i),
            b'`' if javascript => string_end(bytes, i, true),
            quote @ (b'"' | b'\'') => {
                let triple = python && bytes.get(i + 1..i + 3) == Some(&[quote, quote][..]);
                if triple {
                    let closing = [quote; 3];
                    find_unescaped(bytes, i + 3, &closing).map_or(bytes.len(), |end| end + 3)
                } else {
                    // Rust strings span lines; elsewhere a line break ends an unclosed one,
                    // so a stray quote costs one line at most.
                    string_end(bytes, i, language == Language::Rust)
                }
            }
            _ => i + 1,
        };
    }
}

/// The offset of the line break ending the line at `from` (or the end).
fn line_end(bytes: &[u8], from: usize) -> usize {
    find(bytes, from, b"\n").unwrap_or(bytes.len())
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|at| from + at)
}

/// [`find`], passing over backslash escapes.
fn find_unescaped(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 2;
        } else if bytes[i..].starts_with(needle) {
            return Some(i);
        } else {
            i += 1;
        }
    }
    None
}

/// Past the string whose opening quote is at `start`: its closing quote, or the line break
/// that ends it unclosed when it cannot span lines.
fn string_end(bytes: &[u8], start: usize, spans_lines: bool) -> usize {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            byte if byte == quote => return i + 1,
            b'\n' if !spans_lines => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Past a Rust character literal at `start` (`'('`, `'\''`, `'€'`), or just past the quote of a
/// lifetime (`'a`), which opens nothing.
fn after_rust_quote(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    if bytes.get(start + 1) == Some(&b'\\') {
        // An escape: `'\n'`, `'\''`, `'\u{1F600}'`, closed within a dozen bytes.
        let window = &bytes[start + 2..bytes.len().min(start + 14)];
        return match window.iter().skip(1).position(|b| *b == b'\'') {
            Some(at) => start + 2 + 1 + at + 1,
            None => start + 1,
        };
    }
    match text[start + 1..].chars().next() {
        Some(c) if bytes.get(start + 1 + c.len_utf8()) == Some(&b'\'') => start + 2 + c.len_utf8(),
        _ => start + 1,
    }
}

/// The most line spans one text's blanked regions are reported as; past it, the last span
/// stretches to cover the rest, so a file of many unclosed brackets yields a few notes.
const MAX_SPANS: usize = 8;

/// The 0-based first and last lines of `regions` of `text`, touching spans merged.
pub fn line_spans(text: &str, regions: &[Range<usize>]) -> Vec<(u32, u32)> {
    let lines = crate::text::LineIndex::new(text);
    let mut spans: Vec<(u32, u32)> = Vec::new();
    for region in regions {
        let start = lines.line_of(region.start) as u32;
        let end = lines.line_of(region.end.saturating_sub(1)) as u32;
        let full = spans.len() == MAX_SPANS;
        match spans.last_mut() {
            Some(last) if start <= last.1 + 1 || full => last.1 = last.1.max(end),
            _ => spans.push((start, end)),
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_text_is_left_alone() {
        let text = "(".repeat(MAX_NESTING) + &")".repeat(MAX_NESTING);
        assert!(mask_deep_nesting(&text, Language::JavaScript).is_none());
    }

    #[test]
    fn a_too_deep_pair_is_blanked_whole_and_the_rest_kept() {
        let depth = MAX_NESTING + 3;
        let text = format!("a\n{}x\ny{}\nb", "[".repeat(depth), "]".repeat(depth));
        let masked = mask_deep_nesting(&text, Language::JavaScript).unwrap();
        assert_eq!(masked.text.len(), text.len());
        assert_eq!(masked.regions.len(), 1);
        let region = masked.regions[0].clone();
        assert_eq!(region.start, 2 + MAX_NESTING);
        assert_eq!(
            text[region.end..],
            format!("{}\nb", "]".repeat(MAX_NESTING))
        );
        assert!(
            masked
                .text
                .starts_with(&format!("a\n{}", "[".repeat(MAX_NESTING)))
        );
        assert!(
            masked.text[region.clone()]
                .bytes()
                .all(|b| b == b' ' || b == b'\n')
        );
        assert_eq!(masked.text.lines().count(), text.lines().count());
    }

    #[test]
    fn unclosed_openers_are_blanked_alone() {
        let text = format!("{}\nx = 1\n", "{".repeat(MAX_NESTING + 10));
        let masked = mask_deep_nesting(&text, Language::JavaScript).unwrap();
        assert_eq!(
            masked.regions,
            vec![MAX_NESTING..MAX_NESTING + 10],
            "the ten openers past the limit, merged"
        );
        assert!(
            masked
                .text
                .ends_with(&format!("{}\nx = 1\n", " ".repeat(10)))
        );
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        let many = "(".repeat(10_000);
        let cases = [
            (
                Language::Python,
                format!("s = \"{many}\"\nt = '{many}'\n# {many}\n"),
            ),
            (
                Language::Python,
                format!("s = '''\n{many}\n'''\nu = \"a\\\"{many}\"\n"),
            ),
            (
                Language::JavaScript,
                format!("s = `\n{many}`;\n// {many}\n/* {many}\n */"),
            ),
            (Language::TypeScript, format!("let s: string = '{many}';\n")),
            (
                Language::Rust,
                format!(
                    "fn f<'a>(x: &'a str) {{ let c = '('; let d = '\\''; }}\n// {many}\nlet s = \"{many}\n\";"
                ),
            ),
        ];
        for (language, text) in cases {
            assert!(
                mask_deep_nesting(&text, language).is_none(),
                "{language:?}: {}",
                &text[..60]
            );
        }
        // The same brackets in code are too deep.
        assert!(mask_deep_nesting(&format!("x = {many}"), Language::Python).is_some());
        // A stray quote costs its line only: brackets on the next lines count.
        let stray = format!("it's\nx = {many}\n");
        assert!(mask_deep_nesting(&stray, Language::Python).is_some());
        // A lifetime opens no character literal: the brackets after it count.
        let rust = format!("fn f<'a>() {{ {many} }}");
        assert!(mask_deep_nesting(&rust, Language::Rust).is_some());
    }

    #[test]
    fn regions_are_reported_as_a_few_line_spans() {
        let text = "a\nb\nc\nd\n".repeat(10);
        // A byte on each of lines 0 and 1 (touching: one span), then on every other line from 4.
        let mut regions: Vec<Range<usize>> = vec![0..1, 2..3];
        regions.extend((2..20).map(|i| i * 4..i * 4 + 1));
        let spans = line_spans(&text, &regions);
        assert_eq!(spans[0], (0, 1));
        assert_eq!(spans.len(), MAX_SPANS);
        assert_eq!(spans[MAX_SPANS - 1].1, 38);
    }
}
