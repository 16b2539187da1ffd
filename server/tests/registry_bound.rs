//! The bound on requests in flight to a registry holds across the whole process. A test
//! binary of its own: the bound is process-wide, so other tests' requests (a server that never
//! answers holds its slots for the whole timeout) would change what this one sees.

mod support;

use slopguard::registry::{PackageChecker, Settings};
use std::time::Duration;
use support::check::*;
use support::{Knob, Package, RegistryServer, settings};

#[test]
fn the_bound_on_requests_in_flight_holds_across_checkers() {
    // The editor runs background passes side by side, each with its own checker: the
    // registry must still see no more than `concurrency` requests at once.
    let server = RegistryServer::start();
    server.knob("/pypi/", Knob::Delay(Duration::from_millis(150)));
    let names: Vec<String> = (0..6).map(|i| format!("acme-bounded-{i}")).collect();
    for name in &names {
        server.pypi(name, Package::new("1.0"));
    }
    let cache = tempfile::tempdir().unwrap();
    let settings = Settings {
        concurrency: 2,
        cache_dir: None,
        ..settings(&server, cache.path())
    };
    std::thread::scope(|scope| {
        for half in names.chunks(3) {
            let settings = settings.clone();
            scope.spawn(move || {
                let text: String = half
                    .iter()
                    .map(|n| format!("import {}\n", n.replace('-', "_")))
                    .collect();
                let root = project(&[("a.py", &text)]);
                let findings = check(&PackageChecker::new(settings), root.path(), &["a.py"]);
                assert!(findings.is_empty(), "{findings:?}");
            });
        }
    });
    assert_eq!(server.paths().len(), 6);
    assert_eq!(server.max_in_flight(), 2);
}
