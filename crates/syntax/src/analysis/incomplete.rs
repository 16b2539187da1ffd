//! What an analysis did not cover. A security check that stops early must say so: every
//! producer that gives up on part of its input (a parse or match that ran out of budget,
//! nesting too deep to parse, a file not read, a cache that cannot be used) reports one
//! [`Incomplete`], and the shells (`check`'s output formats, the editor) only render them.
//! `slopguard check` exits with its own code when any is reported (see `docs/check.md`).

use std::fmt;

/// Why part of an input was not analysed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Incomplete {
    /// Parsing ran past its work budget: the rules that need a syntax tree did not run.
    ParseBudget,
    /// Matching ran past its work budget: the rules that need a syntax tree found nothing
    /// after this 0-based line.
    MatchBudget { line: u32 },
    /// Nesting deeper than the parser is given, from this 0-based line to that one: that part
    /// was not seen by the rules that need a syntax tree (the rest of the file was).
    TooDeep { start_line: u32, end_line: u32 },
    /// A text file over the size limit: not analysed.
    TooLarge { size: u64, limit: u64 },
    /// A file that could not be read.
    Unreadable { error: String },
    /// The registry cache could not be used: answers were not kept or not reused.
    Cache { error: String },
    /// A manifest includes a file outside the project root (`-r ../x.txt`): it was not read,
    /// so the packages it names were not checked.
    IncludeOutside { include: String },
    /// A manifest includes a file that does not exist.
    IncludeMissing { include: String },
}

impl Incomplete {
    /// A stable name for scripts: `parse-budget`, `match-budget`, `too-deep`, `too-large`,
    /// `unreadable`, `cache`, `include-outside-root`, `include-missing`.
    pub fn kind(&self) -> &'static str {
        match self {
            Incomplete::ParseBudget => "parse-budget",
            Incomplete::MatchBudget { .. } => "match-budget",
            Incomplete::TooDeep { .. } => "too-deep",
            Incomplete::TooLarge { .. } => "too-large",
            Incomplete::Unreadable { .. } => "unreadable",
            Incomplete::Cache { .. } => "cache",
            Incomplete::IncludeOutside { .. } => "include-outside-root",
            Incomplete::IncludeMissing { .. } => "include-missing",
        }
    }

    /// The 0-based line it concerns, where it has one (an editor shows the others on line 1).
    pub fn line(&self) -> Option<u32> {
        match self {
            Incomplete::MatchBudget { line } => Some(*line),
            Incomplete::TooDeep { start_line, .. } => Some(*start_line),
            _ => None,
        }
    }
}

impl fmt::Display for Incomplete {
    /// One sentence for a person, with 1-based lines.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Incomplete::ParseBudget => write!(
                f,
                "parsing stopped at its work limit; only rules that need no syntax tree ran"
            ),
            Incomplete::MatchBudget { line } => write!(
                f,
                "matching stopped at its work limit; syntax rules found nothing after line {}",
                line + 1
            ),
            Incomplete::TooDeep {
                start_line,
                end_line,
            } => write!(
                f,
                "nesting too deep to parse in lines {}-{}; syntax rules did not see that part",
                start_line + 1,
                end_line + 1
            ),
            Incomplete::TooLarge { size, limit } => write!(
                f,
                "{size} bytes is over the size limit of {limit} (`max-file-size` in slopguard.toml); not analysed"
            ),
            Incomplete::Unreadable { error } => write!(f, "could not be read: {error}"),
            Incomplete::Cache { error } => write!(f, "the registry cache is unusable: {error}"),
            Incomplete::IncludeOutside { include } => write!(
                f,
                "includes {include}, which is outside the project: not read, its packages not checked"
            ),
            Incomplete::IncludeMissing { include } => {
                write!(f, "includes {include}, which does not exist")
            }
        }
    }
}

/// An [`Incomplete`] about one file (or, for the cache, the directory concerned).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IncompleteFile {
    /// As shown in output: as given, with `/` separators.
    pub path: String,
    pub reason: Incomplete,
}

impl fmt::Display for IncompleteFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}
