//! Values kept between calls: request data one handler puts in the session (`req.session.returnTo
//! = req.query.returnTo`), middleware leaves on the request's per-request store (`res.locals`,
//! `ctx.state`, `request.state`, Flask's `g`) or a route adds to a module-level container
//! (`const pages = new Map()` ... `pages.set(id, req.body.source)`), and another function reads
//! back: `res.redirect(req.session.returnTo)`, `pug.compile(pages.get(id))`.
//!
//! Like `tainted_fields.rs`: before the functions' own passes, each function that names a store
//! runs once with its hits dropped, recording the stores it leaves holding a value from a source
//! (not a helper's parameter). Each such store then starts every function's pass tainted, with
//! a step naming the function that filled it: a may-analysis, whichever handler runs first.
//!
//! Only the request-scoped stores above and module-level names bound to an empty container
//! count: a store is a place written to be read elsewhere, and the words that name one are what
//! `flow::reach` follows, so that a re-check after an edit of a writer looks at its readers.

use super::value::{Taint, Value, join_ranges};
use super::{FileFlow, Params};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::rc::Rc;
use std::sync::LazyLock;
use tree_sitter::Node;

/// The per-request and per-session stores, as written (`req.session.returnTo`), each with the
/// word `flow::reach` looks for.
pub(crate) const REQUEST_STORES: &[(&str, &str)] = &[
    ("req.session", "session"),
    ("request.session", "session"),
    ("ctx.session", "session"),
    ("session", "session"),
    ("res.locals", "locals"),
    ("ctx.state", "state"),
    ("request.state", "state"),
    ("g", "g"),
];

/// Whether a module-level statement binds a name to an empty container that functions fill:
/// `const pages = new Map()`, `REGISTRY: dict[str, Hook] = {}`, `jobs = []`, `events = asyncio.Queue()`.
pub(crate) fn binds_container(statement: &str) -> bool {
    static CONTAINER: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"=\s*(new\s+(Map|Set|WeakMap)\s*(<[^>]*>\s*)?\(\s*\)|\{\s*\}|\[\s*\]|(dict|list|set|(collections\.)?(defaultdict|OrderedDict|deque)|(asyncio\.|queue\.)?(Simple|Lifo|Priority)?Queue)\s*\()",
        )
        .expect("valid regex")
    });
    // The first line holds the `=`: a multi-line initialiser is not an empty container.
    statement
        .lines()
        .next()
        .is_some_and(|line| CONTAINER.is_match(line))
}

/// The module-level names among `bindings` (a file's, with their statements' bytes) bound to
/// an empty container: the stores a module keeps. One answer for the analysis and for
/// `flow::reach`, which must re-check every function the analysis counts as a store's.
pub(crate) fn container_names<'a>(
    bindings: &'a [(std::ops::Range<usize>, String)],
    text: &'a str,
) -> impl Iterator<Item = &'a str> {
    bindings
        .iter()
        .filter(move |(bytes, name)| {
            !name.contains('.') && text.get(bytes.clone()).is_some_and(binds_container)
        })
        .map(|(_, name)| name.as_str())
}

/// Fields of the request object that middleware sets for later handlers (`req.clientTag =
/// req.get("X-Client")`, Django's `request.ui_locale = ...` in `process_request`), as written
/// to in `text`: `req.<field> = ` or `request.<field> = `, but not the request's own data
/// (its body, query or headers, read already as sources) nor the signed-in user a verified
/// token or the session names.
pub(crate) fn request_fields_written(text: &str) -> impl Iterator<Item = &str> {
    static WRITE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"\b(?:req|request)\.([A-Za-z_$][\w$]*)\s*=(?:[^=]|$)")
            .expect("valid regex")
    });
    WRITE
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|field| field.as_str())
        .filter(|field| !REQUEST_OWN.contains(field))
}

/// Whether `slice` holds `word` as a whole word (followed by `.` or `[` when `accessed`):
/// plain string search, as a regex per word and function would cost more than the search.
pub(crate) fn mentions(slice: &str, word: &str, accessed: bool) -> bool {
    let identifier = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    !word.is_empty()
        && slice.match_indices(word).any(|(at, _)| {
            let after = &slice[at + word.len()..];
            !slice[..at].chars().next_back().is_some_and(identifier)
                && !after.chars().next().is_some_and(identifier)
                && (!accessed || after.starts_with(['.', '[']))
        })
}

/// The request's own properties: what a framework fills (sources where untrusted) and the
/// identity it establishes.
const REQUEST_OWN: &[&str] = &[
    "body",
    "query",
    "params",
    "headers",
    "cookies",
    "signedCookies",
    "url",
    "originalUrl",
    "baseUrl",
    "path",
    "method",
    "ip",
    "ips",
    "hostname",
    "protocol",
    "files",
    "file",
    "route",
    "app",
    "res",
    "socket",
    "GET",
    "POST",
    "FILES",
    "COOKIES",
    "META",
    "args",
    "form",
    "json",
    "values",
    "data",
    "session",
    "state",
    "user",
    "auth",
    "log",
    "id",
];

/// The stores of one file: its module-level containers and the request fields its
/// middleware sets.
pub(super) struct Stores {
    containers: HashSet<String>,
    fields: HashSet<String>,
}

impl Stores {
    /// The word of the store `key` is in, if it is one: `session` for `req.session.returnTo`,
    /// `clientTag` for `req.clientTag`, the name for a key of one of the module's containers.
    fn word<'k>(&self, key: &'k str) -> Option<&'k str> {
        for (store, word) in REQUEST_STORES {
            if key == *store
                || key
                    .strip_prefix(store)
                    .is_some_and(|rest| rest.starts_with('.'))
            {
                return Some(word);
            }
        }
        if let Some(rest) = key
            .strip_prefix("req.")
            .or_else(|| key.strip_prefix("request."))
        {
            let field = rest.split(['.', '[']).next().unwrap_or(rest);
            return self.fields.contains(field).then_some(field);
        }
        let head = key.split(['.', '[']).next().unwrap_or(key);
        self.containers.contains(head).then_some(&key[..head.len()])
    }

    /// Whether `text` (a function's) may write one of the stores: it names one, as a whole
    /// word (a request store read or written through: `g.locale`, `session["next"]`). Every
    /// function naming one runs an extra pass, and `g` or `session` as substrings are in
    /// nearly every function.
    fn named_in(&self, text: &str) -> bool {
        REQUEST_STORES
            .iter()
            .any(|(store, _)| mentions(text, store, true))
            || self
                .containers
                .iter()
                .any(|name| mentions(text, name, false))
            || self.fields.iter().any(|field| mentions(text, field, false))
    }
}

impl<'t> FileFlow<'t, '_> {
    /// The module-level names bound to an object of a class of this file (`registry =
    /// Registry()` above the routes that call `registry.add(sub)` and `registry.urls()`): a
    /// container too, filled through its methods (`helpers.rs`, `fills_object`). For
    /// `flow::reach`, which must re-check the same functions the analysis counts as a store's.
    pub(crate) fn object_stores(&self) -> impl Iterator<Item = &str> {
        self.module_objects
            .iter()
            .filter(|(name, class)| !name.contains('.') && self.keeps_container(class))
            .map(|(name, _)| name.as_str())
    }

    /// Whether the class sets up an empty container to fill (`self._subs = {}`, `this.jobs
    /// = []`, `private readonly hooks = new Map()`): a registry or a queue. A service object
    /// that only holds its settings is no store: one method keeping a parameter in a field
    /// would otherwise taint every call on the module's one instance.
    fn keeps_container(&self, class: &str) -> bool {
        let Some(&method) = self.methods.get(class).and_then(|m| m.values().next()) else {
            return false;
        };
        self.functions[method]
            .class()
            .and_then(|node| self.text.get(node.byte_range()))
            .is_some_and(|body| body.lines().any(binds_container))
    }

    /// The module-level names bound to empty containers or objects, and the request fields set.
    fn stores(&self) -> Stores {
        Stores {
            containers: container_names(&self.bindings, self.text)
                .chain(self.object_stores())
                .map(str::to_string)
                .collect(),
            fields: request_fields_written(self.text)
                .map(str::to_string)
                .collect(),
        }
    }

    /// Adds to the module's values the stores functions leave holding request data, and
    /// returns the words of those stores (for `flow::reach`).
    pub(super) fn taint_stores(&mut self) -> BTreeSet<String> {
        let stores = self.stores();
        let writers: Vec<usize> = (0..self.functions.len())
            .filter(|&index| {
                let function = &self.functions[index];
                !function.is_module()
                    && self
                        .text
                        .get(function.node.byte_range())
                        .is_some_and(|body| stores.named_in(body))
            })
            .collect();
        if writers.is_empty() {
            return BTreeSet::new();
        }
        let stored = self.quietly(|flow| {
            // Helpers that keep a parameter in a store (`register(tenant, url)` filling
            // `subscriptions`), and the functions that call them: each caller's pass records what
            // it passes there (`note_store_call`).
            let by_param = flow.stores_by_param(&writers, &stores);
            let mut recorded = writers.clone();
            for index in 0..flow.functions.len() {
                let function = &flow.functions[index];
                let body = flow.text.get(function.node.byte_range()).unwrap_or("");
                if !function.is_module()
                    && !recorded.contains(&index)
                    && by_param.keys().any(|&helper| {
                        flow.functions[helper]
                            .name
                            .as_deref()
                            .is_some_and(|name| body.contains(name))
                    })
                {
                    recorded.push(index);
                }
            }
            *flow.store_recording.borrow_mut() = Some(StoreRecording {
                by_param,
                stored: HashMap::new(),
            });
            let mut stored: HashMap<String, Value> = HashMap::new();
            for index in recorded {
                let mut hits = Vec::new();
                let (env, _) = flow.pass(index, Params::Own, flow.module_env.clone(), &mut hits);
                let function = &flow.functions[index];
                for (key, value) in env.differing_from(&flow.module_env) {
                    if stores.word(key).is_none() {
                        continue;
                    }
                    // Every write counts: request data taints the store, a number or an escaped
                    // value leaves it clean for what every write is clean for, anything else (a
                    // parameter's stand-in included) unknown.
                    let kept = match &value.taint {
                        Some(taint) if taint.parameter.is_none() => {
                            let range = function.node.byte_range();
                            let who = function.name.as_deref().unwrap_or("a handler");
                            let keep = |taint: &Taint| {
                                let mut taint = taint.with_step(
                                    range.start..range.start,
                                    format!("kept in `{key}` by `{who}`"),
                                );
                                taint.via = join_ranges(&taint.via, &Some(range.clone()));
                                taint
                            };
                            // The fields of the records kept there stay apart (`records.rs`).
                            let record = value.record.as_ref().map(|fields| {
                                Rc::new(
                                    fields
                                        .iter()
                                        .map(|(name, field)| {
                                            let field = Value {
                                                taint: field.taint.as_ref().map(keep),
                                                ..field.clone()
                                            };
                                            (name.clone(), field)
                                        })
                                        .collect(),
                                )
                            });
                            Value {
                                clean: 0,
                                record,
                                ..Value::tainted(keep(taint))
                            }
                        }
                        Some(_) => Value::default(),
                        None => Value {
                            clean: value.clean,
                            ..Value::default()
                        },
                    };
                    keep_value(&mut stored, key, kept);
                }
            }
            let through_helpers = flow.store_recording.borrow_mut().take();
            for (key, value) in through_helpers.map(|r| r.stored).unwrap_or_default() {
                keep_value(&mut stored, &key, value);
            }
            stored
        });
        let mut words = BTreeSet::new();
        for (key, value) in stored {
            let joined = match self.module_env.get(&key) {
                Some(old) => old.join(&value),
                // Nothing known of a store no write of which says anything.
                None if value.taint.is_none() && value.clean == 0 => continue,
                None => value,
            };
            if let Some(word) = stores.word(&key) {
                words.insert(word.to_string());
            }
            self.module_env.insert(key, joined);
        }
        self.module_env.commit();
        words
    }

    /// Per plain function among `writers` that has parameters: the stores each parameter ends
    /// up in, from one pass per parameter that stands for it.
    fn stores_by_param(&self, writers: &[usize], stores: &Stores) -> ParamStores {
        let mut by_param = ParamStores::new();
        for &index in writers {
            let function = &self.functions[index];
            if function.class().is_some() || function.name.is_none() {
                continue;
            }
            for position in 0..function.params.len().min(MAX_PARAMS) {
                for (key, value) in self.keys_holding_parameter(index, position) {
                    if stores.word(&key).is_some() {
                        by_param.entry(index).or_default().push(KeptParameter {
                            position,
                            key,
                            record: value.record,
                        });
                    }
                }
            }
        }
        by_param
    }

    /// The names function `index` leaves holding its parameter at `position` (a store, a
    /// field of its object), from one pass in which that parameter stands for itself.
    pub(super) fn keys_holding_parameter(
        &self,
        index: usize,
        position: usize,
    ) -> Vec<(String, Value)> {
        let mut hits = Vec::new();
        let (env, _) = self.pass(
            index,
            Params::Summarise(position),
            self.module_env.clone(),
            &mut hits,
        );
        env.differing_from(&self.module_env)
            .filter(|(_, value)| value.taint.as_ref().and_then(|t| t.parameter) == Some(position))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect()
    }

    /// The request data a call `node` of function `index` (`name`) passes as `argument`, which
    /// the function keeps in `key`: its taint, with that step. `None` for an argument holding
    /// none (a helper's parameter standing for whatever its callers pass included).
    pub(super) fn argument_kept(
        &self,
        node: Node<'t>,
        index: usize,
        name: &str,
        key: &str,
        argument: Option<&Value>,
    ) -> Option<Taint> {
        let taint = argument?.taint.as_ref().filter(|t| t.parameter.is_none())?;
        let mut taint = taint.with_step(
            node.byte_range(),
            format!("passed to `{name}()`, which keeps it in `{key}`"),
        );
        let function = self.functions[index].node.byte_range();
        taint.via = join_ranges(&taint.via, &Some(function));
        Some(taint)
    }

    /// While stores are recorded: the call `node` of helper `index` (`name`) with `values`
    /// keeps those of its arguments the helper puts in a store there.
    pub(super) fn note_store_call(
        &self,
        node: Node<'t>,
        index: usize,
        name: &str,
        values: &[Value],
    ) {
        let mut recording = self.store_recording.borrow_mut();
        let Some(recording) = recording.as_mut() else {
            return;
        };
        let Some(writes) = recording.by_param.get(&index).cloned() else {
            return;
        };
        for KeptParameter {
            position,
            key,
            record,
        } in writes
        {
            let Some(taint) = self.argument_kept(node, index, name, &key, values.get(position))
            else {
                // The helper's own pass recorded its write as unknown already.
                continue;
            };
            // `REPORTS[rid] = {"file": name, "owner": owner}`: the caller's value is in the
            // fields that held the parameter; the others hold what the helper put there, their
            // other parameters' share recorded by those parameters' own entries.
            let record = record.map(|fields| {
                Rc::new(
                    fields
                        .iter()
                        .map(|(field, held)| {
                            let held = match &held.taint {
                                Some(t) if t.parameter == Some(position) => Value {
                                    clean: 0,
                                    ..Value::tainted(taint.clone())
                                },
                                _ => Value {
                                    taint: None,
                                    ..held.clone()
                                },
                            };
                            (field.clone(), held)
                        })
                        .collect(),
                )
            });
            let kept = Value {
                clean: 0,
                record,
                ..Value::tainted(taint)
            };
            keep_value(&mut recording.stored, &key, kept);
        }
    }
}

/// Per helper (its function index): each parameter kept in a store.
type ParamStores = HashMap<usize, Vec<KeptParameter>>;

/// A parameter a helper keeps in a store: its position, the store's key, and the fields of
/// the records it is kept in, as the helper's pass for it left them (the fields holding it
/// carry its taint).
#[derive(Clone)]
struct KeptParameter {
    position: usize,
    key: String,
    record: Option<Rc<super::value::Record>>,
}

/// Parameters followed into stores at most: a pass per parameter of each helper naming a store.
const MAX_PARAMS: usize = 8;

/// While `taint_stores` records: what helpers keep, and what their callers' calls stored.
pub(super) struct StoreRecording {
    by_param: ParamStores,
    stored: HashMap<String, Value>,
}

fn keep_value(stored: &mut HashMap<String, Value>, key: &str, value: Value) {
    match stored.get_mut(key) {
        Some(old) => *old = old.join(&value),
        None => {
            stored.insert(key.to_string(), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_containers_at_module_level_are_stores() {
        assert!(binds_container("const pages = new Map();"));
        assert!(binds_container(
            "const cache: Map<string, Entry> = new Map<string, Entry>();"
        ));
        assert!(binds_container("REGISTRY: dict[str, Hook] = {}"));
        assert!(binds_container("jobs = []"));
        assert!(binds_container("seen = collections.defaultdict(list)"));
        assert!(!binds_container("ROUTES = {\"home\": \"/\"}"));
        assert!(binds_container(
            "jobs: asyncio.Queue = asyncio.Queue(maxsize=100)"
        ));
        assert!(binds_container("pending = queue.SimpleQueue()"));
        assert!(!binds_container("const app = express();"));
    }

    #[test]
    fn keys_of_request_stores_and_containers_have_their_word() {
        let stores = Stores {
            containers: ["pages".to_string()].into_iter().collect(),
            fields: request_fields_written("req.clientTag = tag; req.body = {}; request.user = u;")
                .map(str::to_string)
                .collect(),
        };
        assert_eq!(stores.word("req.session.returnTo"), Some("session"));
        assert_eq!(stores.word("res.locals"), Some("locals"));
        assert_eq!(stores.word("pages"), Some("pages"));
        assert_eq!(stores.word("req.clientTag"), Some("clientTag"));
        assert_eq!(stores.word("req.sessionId"), None);
        assert_eq!(stores.word("req.query"), None);
        // The request's own data and the signed-in user are not stores.
        assert_eq!(stores.word("req.body"), None);
        assert_eq!(stores.word("request.user"), None);
        let written: Vec<&str> =
            request_fields_written("if (req.tag == x) {}\nrequest.ui_locale = lang").collect();
        assert_eq!(written, ["ui_locale"]);
    }
}
