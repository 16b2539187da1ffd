//! `supersedes` in the editor: one finding per place, decided on the whole list of a file's
//! findings, so the incremental re-check (findings kept from before the edit plus fresh ones)
//! and the editor's per-item answer report what a full check reports, as the weaker finding
//! comes and goes with the stronger one.

use slopguard::lang::Language;
use slopguard::rules::RuleSet;
#[path = "support/tree_edit.rs"]
mod tree_edit;
use tree_edit::apply;

fn rules_on(findings: &[slopguard::Finding], line: u32) -> Vec<String> {
    let mut ids: Vec<String> = findings
        .iter()
        .filter(|f| f.span.start.line == line)
        .map(|f| f.rule_id.to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn the_weaker_finding_comes_back_and_goes_again_with_the_stronger_one() {
    let rules = RuleSet::builtin();
    let language = Language::Rust;
    let mut text = String::from(
        "fn words(buf: [u8; 16]) -> [u32; 4] {\n    unsafe { core::mem::transmute(buf) }\n}\n\n\
         fn other(p: *const u8) -> u8 {\n    unsafe { *p }\n}\n",
    );
    let mut tree = slopguard::analysis::parse(language, &text, None).unwrap();
    let mut findings = rules.check_tracked(Some(language), &text, Some(&tree));
    assert_eq!(rules_on(&findings.findings(), 1), ["rust.transmute"]);
    assert_eq!(rules_on(&findings.findings(), 5), ["rust.unsafe-block"]);

    // The transmute goes (renamed), then comes back: the block's prompt shows, then hides.
    for (from, to, expected) in [
        ("transmute(buf)", "from_bytes(buf)", "rust.unsafe-block"),
        ("from_bytes(buf)", "transmute(buf)", "rust.transmute"),
    ] {
        let start = text.find(from).unwrap();
        let old_end = start + from.len();
        let mut old_tree = tree.clone();
        apply(&mut text, &mut old_tree, start, old_end, to);
        findings.edit(start, old_end, start + to.len());
        let provisional = rules
            .check_items(language, &text, &old_tree, &findings)
            .map(|answer| answer.findings());
        let new_tree = slopguard::analysis::parse(language, &text, Some(&old_tree)).unwrap();
        let rechecked = rules.recheck(language, &text, &old_tree, &new_tree, findings);
        let full = rules.check_tracked(Some(language), &text, Some(&new_tree));
        assert_eq!(rechecked.findings(), full.findings(), "{text}");
        assert_eq!(rules_on(&full.findings(), 1), [expected], "{text}");
        assert_eq!(rules_on(&full.findings(), 5), ["rust.unsafe-block"]);
        if let Some(provisional) = provisional {
            assert_eq!(rules_on(&provisional, 1), [expected], "{text}");
        }
        findings = rechecked;
        tree = new_tree;
    }
}
