//! Typosquats: short names one keystroke from a popular one, young squats of established names,
//! and the popular lists of each registry.

use crate::support::check::*;
use crate::support::{Package, RegistryServer};

#[test]
fn short_names_one_keystroke_from_a_popular_one_are_typosquats_when_young_and_small() {
    // `sny` (two letters of `syn` swapped) and `lig` (`o` slipped to the next key) are days old
    // with one version; `logg` is years old with many versions: a neighbour, not a squat.
    let server = RegistryServer::start();
    let young = Package {
        published: days_ago(5),
        ..Package::new("0.1.0")
    };
    server.krate("sny", young.clone());
    server.krate("lig", young);
    let established = Package {
        versions: (0..12).map(|i| (format!("1.{i}.0"), false)).collect(),
        published: "2017-01-01T00:00:00Z".into(),
        ..Package::new("1.0.0")
    };
    server.krate("logg", established);
    let root = project(&[(
        "Cargo.toml",
        "[package]\nname = \"demo\"\n[dependencies]\nsny = \"0.1\"\nlig = \"0.1\"\nlogg = \"1\"\n",
    )]);
    let findings = check_fresh(&server, root.path(), &["Cargo.toml"]);
    let squats = named(&findings, "registry.typosquat");
    assert_eq!(squats.len(), 2, "{findings:#?}");
    assert_eq!(squats[0].0, "sny");
    assert!(squats[0].1.contains("`syn`"), "{}", squats[0].1);
    assert_eq!(squats[1].0, "lig");
    assert!(squats[1].1.contains("`log`"), "{}", squats[1].1);
}

#[test]
fn a_young_squat_of_an_unlisted_established_name_is_risky_with_both_facts() {
    // Neither `acme-ledger` nor `acme-parser` is on any list. `acme-ledgerr` (a doubled letter)
    // costs one extra lookup of `acme-ledger`; `acme-parsre` finds `acme-parser` among this
    // run's own answers, at no extra cost. An old, busy neighbour is a neighbour, not a squat.
    let server = RegistryServer::start();
    let established = Package {
        versions: (0..12).map(|i| (format!("1.{i}.0"), false)).collect(),
        published: "2017-01-01T00:00:00Z".into(),
        ..Package::new("1.0.0")
    };
    let young = Package {
        published: days_ago(4),
        ..Package::new("0.1.0")
    };
    server.krate("acme-ledger", established.clone());
    server.krate("acme-parser", established);
    server.krate("acme-ledgerr", young.clone());
    server.krate("acme-parsre", young);
    let root = project(&[(
        "Cargo.toml",
        "[package]\nname = \"demo\"\n[dependencies]\nacme-ledgerr = \"0.1\"\n\
         acme-parser = \"1\"\nacme-parsre = \"0.1\"\n",
    )]);
    let findings = check_fresh(&server, root.path(), &["Cargo.toml"]);
    let risky = named(&findings, "registry.risky-package");
    assert_eq!(risky.len(), 2, "{findings:#?}");
    assert_eq!(risky[0].0, "acme-ledgerr");
    assert!(
        risky[0].1.contains("one edit from `acme-ledger`")
            && risky[0].1.contains("first published 4 days ago")
            && risky[0].1.contains("no repository"),
        "{}",
        risky[0].1
    );
    assert_eq!(risky[1].0, "acme-parsre");
    assert!(
        risky[1].1.contains("one edit from `acme-parser`"),
        "{}",
        risky[1].1
    );
    let paths = server.paths();
    let asked = |name: &str| paths.iter().filter(|p| p.ends_with(name)).count();
    assert_eq!(asked("/acme-ledger"), 1, "{paths:?}");
    assert_eq!(asked("/acme-parser"), 1, "{paths:?}");
}

#[test]
fn short_name_typosquats_in_pypi_and_npm_too() {
    // As for crates above: a keystroke slip of a short popular name, young and small, is a
    // typosquat; an old, busy neighbour is not. PyPI: `sxi` (six, swapped), `tomk` (toml, `l`
    // slipped to `k`), `tomp` established. npm: `vie` (vue), `qa` (qs), `wss` established.
    let young = Package {
        published: days_ago(6),
        ..Package::new("0.1.0")
    };
    let established = Package {
        versions: (0..12).map(|i| (format!("1.{i}.0"), false)).collect(),
        published: "2016-01-01T00:00:00Z".into(),
        ..Package::new("1.0.0")
    };
    // (manifest, its text, squats and their targets, an established neighbour)
    type Case<'a> = (&'a str, &'a str, [(&'a str, &'a str); 2], &'a str);
    let cases: [Case<'_>; 2] = [
        (
            "requirements.txt",
            "sxi\ntomk\ntomp\n",
            [("sxi", "six"), ("tomk", "toml")],
            "tomp",
        ),
        (
            "package.json",
            r#"{"dependencies": {"vie": "0.1.0", "qa": "0.1.0", "wss": "1.0.0"}}"#,
            [("vie", "vue"), ("qa", "qs")],
            "wss",
        ),
    ];
    for (manifest, text, squats, neighbour) in cases {
        let server = RegistryServer::start();
        let register = |name: &str, package: &Package| match manifest {
            "package.json" => server.npm(name, package.clone()),
            _ => server.pypi(name, package.clone()),
        };
        for (squat, _) in squats {
            register(squat, &young);
        }
        register(neighbour, &established);
        let root = project(&[(manifest, text)]);
        let findings = check_fresh(&server, root.path(), &[manifest]);
        let found = named(&findings, "registry.typosquat");
        assert_eq!(found.len(), 2, "{manifest}: {findings:#?}");
        for ((squat, target), (name, message)) in squats.iter().zip(&found) {
            assert_eq!(name, squat, "{manifest}");
            assert!(message.contains(&format!("`{target}`")), "{message}");
        }
    }
}

#[test]
fn squats_of_popular_crates_the_old_list_lacked_are_typosquats() {
    // `zerovec`, `rust_decimal` and `http-body` are in most real dependency trees but were not
    // in the crate list built from slopguard's own tree: one-edit squats of them went unreported.
    let server = RegistryServer::start();
    let young = Package {
        published: days_ago(9),
        ..Package::new("0.1.0")
    };
    let squats = [
        ("zerovce", "zerovec"),
        ("rust_decimall", "rust_decimal"),
        ("http-bodi", "http-body"),
    ];
    let mut manifest = String::from("[package]\nname = \"demo\"\n[dependencies]\n");
    for (squat, _) in squats {
        server.krate(squat, young.clone());
        manifest.push_str(&format!("{squat} = \"0.1\"\n"));
    }
    let root = project(&[("Cargo.toml", manifest.as_str())]);
    let findings = check_fresh(&server, root.path(), &["Cargo.toml"]);
    let found = named(&findings, "registry.typosquat");
    assert_eq!(found.len(), 3, "{findings:#?}");
    for ((squat, target), (name, message)) in squats.iter().zip(&found) {
        assert_eq!(name, squat);
        assert!(message.contains(&format!("`{target}`")), "{message}");
    }
}

/// `(package name, message)` of the findings of one rule, in order.
fn named(findings: &[slopguard::registry::FileFinding], rule: &str) -> Vec<(String, String)> {
    findings
        .iter()
        .filter(|f| &*f.finding.rule_id == rule)
        .map(|f| {
            let name = f.finding.package.as_ref().unwrap().name.clone();
            (name, f.finding.message.to_string())
        })
        .collect()
}
