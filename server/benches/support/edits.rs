//! The editing cycle of the latency benchmark, shared with the differential test that holds the
//! re-check after each of these edits equal to a full check (`tests/incremental_recheck.rs`).
//!
//! Each file gets the same cycle of edits at positions spread over the whole file (a
//! low-discrepancy sequence, so the top, middle and end are all hit): one line inserted with the
//! indentation of the line it lands on, a 20-line block pasted before a top-level item (an
//! accepted suggestion), one line deleted, and the pasted block deleted again.

use super::samples::BlockFn;

/// One edit as an LSP range replacement: `(start line, end line, new text)`, whole lines.
pub type LineEdit = (usize, usize, String);

/// The `k`-th of a low-discrepancy sequence over `0..n`: successive edits land far apart and
/// cover the file evenly.
fn spread(k: usize, n: usize) -> usize {
    const GOLDEN: f64 = 0.618_033_988_749_894_9;
    ((k as f64 * GOLDEN).fract() * n as f64) as usize % n.max(1)
}

/// The edit `k` of the cycle on `text`, with `statement` one plausible line of the language
/// and `block` its sample code; `pasted` remembers where the last block went.
pub fn next_edit(
    block: BlockFn,
    statement: fn(usize) -> String,
    text: &str,
    k: usize,
    pasted: &mut Option<usize>,
) -> LineEdit {
    let lines: Vec<&str> = text.lines().collect();
    let at = spread(k / 4 * 4 + 1, lines.len());
    match k % 4 {
        0 => {
            let indent: String = lines[at].chars().take_while(|c| *c == ' ').collect();
            (at, at, format!("{indent}{}\n", statement(k)))
        }
        1 => {
            // Before the next top-level item: where a suggested function would go.
            let before = (at..lines.len())
                .find(|&l| {
                    let line = lines[l];
                    !line.is_empty() && !line.starts_with([' ', '}', ')', '#', '/'])
                })
                .unwrap_or(lines.len() - 1);
            let block = block(100_000 + k);
            let block: String = block.lines().take(20).map(|l| format!("{l}\n")).collect();
            *pasted = Some(before);
            (before, before, block)
        }
        2 => (at, at + 1, String::new()),
        _ => {
            let start = pasted.take().unwrap_or(at);
            (start, start + 20, String::new())
        }
    }
}

/// The byte offsets a whole-line edit replaces in `text`: `(start, end)`.
pub fn byte_range(text: &str, (start, end, _): &LineEdit) -> (usize, usize) {
    let offset = |line: usize| {
        text.split_inclusive('\n')
            .take(line)
            .map(str::len)
            .sum::<usize>()
    };
    (offset(*start), offset(*end))
}
