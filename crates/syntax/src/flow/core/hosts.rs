//! What a guard vouches for: the value it checks, and, when that value is the host of a parsed
//! URL (`urlparse(u).hostname`, `new URL(u).hostname`, `parsed.netloc` after `parsed =
//! urlparse(u)`), the parsed object and the URL it was parsed from. An allow-list check of the
//! host is the fix the SSRF and redirect rules ask for; the parsing library is data
//! (`host-fields` of a guard in the language's taint library). Likewise a check that a path
//! relative to a root does not climb out (`path.relative(root, p).startsWith("..")`) vouches for
//! the path it was computed from (`escape-of`).

use super::{FileFlow, Pass, Value, Vouch};
use crate::flow::adapter::{CallSite, Expr, text_of};
use crate::flow::spec::{CallPattern, GuardKind, Slot};
use tree_sitter::Node;

/// Steps from a checked value back to the host read at most: `&host.as_str()`, the name, then
/// `url.host_str()?.to_lowercase()` (a reference, a view, a binding, a case change, `?`, ...).
const HOST_READ_STEPS: usize = 8;

impl<'t> FileFlow<'t, '_> {
    /// `if (!parts.every((p) => SEGMENT.test(p))) return`, `parts.iter().all(|p|
    /// SEGMENT.is_match(p))`: where every element passes the callback's check, the collection
    /// holds only what the check vouches for. Likewise an option whose value passes it
    /// (`host.is_some_and(|h| ALLOWED.contains(&h))`, `host.map_or(false, |h| ..)`).
    pub(super) fn every_element_checked(
        &self,
        site: &CallSite<'_>,
        receiver: Option<Node<'t>>,
        args: &[crate::flow::adapter::Arg<'t>],
        holds: bool,
        out: &mut Vec<Vouch>,
        pass: &Pass<'_>,
    ) {
        let Some(receiver) = receiver else {
            return;
        };
        match (site.method.as_deref(), args) {
            (Some("every" | "all" | "is_some_and" | "is_ok_and"), [_]) => {}
            // `url.host_str().map_or(false, |h| ALLOWED.contains(&h))`.
            (Some("map_or"), [default, _]) if text_of(default.value, self.text) == "false" => {}
            _ => return,
        }
        let rules = self.callback_vouches(args, pass);
        if rules == 0 {
            return;
        }
        // Rust iterates first (`parts.iter().all(..)`): the collection is the iterator's own.
        let checked = match self.adapter.expr(receiver, self.text) {
            Expr::Call {
                receiver: Some(collection),
                method: Some(method),
                args,
                ..
            } if args.is_empty() && matches!(text_of(method, self.text), "iter" | "into_iter") => {
                collection
            }
            _ => receiver,
        };
        // An allow-list check of a host read (`url.host_str().is_some_and(|h|
        // ALLOWED.contains(&h))`) vouches for the URL it was read from.
        let host = self.reads_host(checked, pass);
        self.vouch_rules.set(rules);
        self.vouch(checked, holds, host, out, pass);
        self.vouch_rules.set(super::ALL);
    }

    /// `ALLOWED.some((d) => host === d || host.endsWith("." + d))` on a list of the program's
    /// own: where it holds, `host` is one of the list's hosts or a subdomain of one, as an
    /// allow-list lookup says. Each part of the callback must compare the same value with the
    /// element, for equality or as a dot-separated suffix (a bare `endsWith(d)` lets
    /// `evilwikipedia.org` through).
    #[inline(never)]
    pub(super) fn allow_list_some(
        &self,
        site: &CallSite<'_>,
        receiver: Option<Node<'t>>,
        args: &[crate::flow::adapter::Arg<'t>],
        holds: bool,
        out: &mut Vec<Vouch>,
        pass: &Pass<'_>,
    ) {
        let (Some(receiver), Some("some"), [callback]) = (receiver, site.method.as_deref(), args)
        else {
            return;
        };
        if !(self.is_constant_operand(receiver) || self.holds_programs_own(receiver, pass)) {
            return;
        }
        let Some(&index) = self.by_node.get(&callback.value.byte_range()) else {
            return;
        };
        let function = &self.functions[index];
        let ([param], true) = (function.params.as_slice(), function.expression_body) else {
            return;
        };
        let element = text_of(param.pattern, self.text);
        let parts = match self.adapter.condition(function.body, self.text) {
            crate::flow::adapter::Condition::Any(parts) => parts,
            _ => vec![function.body],
        };
        let mut tested: Option<Node<'t>> = None;
        for part in parts {
            let value = self.compared_with_element(part, element);
            match (value, tested) {
                (Some(value), None) => tested = Some(value),
                (Some(value), Some(so_far))
                    if text_of(value, self.text) == text_of(so_far, self.text) => {}
                _ => return,
            }
        }
        let Some(tested) = tested else { return };
        let host = self.reads_host(tested, pass);
        if host || matches!(self.adapter.expr(tested, self.text), Expr::Name) {
            self.vouch(tested, holds, host, out, pass);
        }
    }

    /// The value `part` (of an allow-list callback) compares with the list's `element`: `x ===
    /// d`, `d == x`, `x.endsWith("." + d)`, ``x.endsWith(`.${d}`)``.
    fn compared_with_element(&self, part: Node<'t>, element: &str) -> Option<Node<'t>> {
        let part = match self.adapter.expr(part, self.text) {
            Expr::Wrap(inner) => inner,
            _ => part,
        };
        if let Some((left, right, false)) = self.adapter.equality(part) {
            return match (text_of(left, self.text), text_of(right, self.text)) {
                (l, _) if l == element => Some(right),
                (_, r) if r == element => Some(left),
                _ => None,
            };
        }
        let Expr::Call {
            receiver: Some(receiver),
            method: Some(method),
            args,
            ..
        } = self.adapter.expr(part, self.text)
        else {
            return None;
        };
        let suffix: String = match args.as_slice() {
            [arg] => text_of(arg.value, self.text)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect(),
            _ => return None,
        };
        let dotted = [
            format!("\".\"+{element}"),
            format!("'.'+{element}"),
            format!("`.${{{element}}}`"),
        ];
        (text_of(method, self.text) == "endsWith" && dotted.contains(&suffix)).then_some(receiver)
    }

    /// Records that `checked` is clean where the guard `holds`, and, when the guard is an
    /// allow-list lookup (`host in ALLOWED`, `ALLOWED.has(host)`) of a parsed URL's host, read
    /// there or bound to a name before (`host = urlparse(u).hostname`), what it was parsed from. A prefix or character check of a host (`startswith("api.")`) is not
    /// enough: `api.example.com.evil.example` passes it.
    pub(super) fn vouch(
        &self,
        checked: Node<'t>,
        holds: bool,
        lookup: bool,
        out: &mut Vec<Vouch>,
        pass: &Pass<'_>,
    ) {
        // `Path::new(&name).components().all(...)`: the check of the path is one of `name`.
        let checked = self.adapter.path_of(checked, self.text).unwrap_or(checked);
        let checked = or_default_dropped(checked, self.text);
        let checked = self.conversion_dropped(checked);
        if let Some(key) = self.key(checked) {
            self.vouch_key(key, checked, holds, self.vouch_rules.get(), out, pass);
        }
        if !lookup {
            return;
        }
        // The host read itself, or what a name was bound to (`host = urlparse(u).hostname`).
        let read = match self.adapter.expr(checked, self.text) {
            Expr::Name => self.bound_condition(text_of(checked, self.text), pass),
            _ => Some(checked),
        };
        let Some(mut read) = read else { return };
        let is_host_field = |field: &str| {
            self.rules.guards.iter().any(
                |g| matches!(g, GuardKind::HostOf(_, fields) if fields.iter().any(|f| f == field)),
            )
        };
        // The object the host is read from and the field: `parsed.hostname`, or a method that
        // returns it (`url.host_str()` in Rust), through a reference or an `Option`'s default
        // (`&url.host_str().unwrap_or("")`).
        let mut found = None;
        for _ in 0..HOST_READ_STEPS {
            match self.adapter.expr(read, self.text) {
                Expr::Wrap(inner) => read = inner,
                // `parts.hostname or ""`, `u.hostname ?? ""`: the host, or a literal default.
                Expr::Compose(parts) => {
                    let mut read_parts = parts
                        .into_iter()
                        .filter(|&p| !matches!(self.adapter.expr(p, self.text), Expr::Constant));
                    match (read_parts.next(), read_parts.next()) {
                        (Some(only), None) => read = only,
                        _ => return,
                    }
                }
                // `&host` after `let host = url.host_str().unwrap_or_default()`.
                Expr::Name => match self.bound_condition(text_of(read, self.text), pass) {
                    Some(bound) => read = bound,
                    None => return,
                },
                Expr::Member { object } => {
                    let field = text_of(read, self.text).rsplit('.').next().unwrap_or("");
                    found = Some((object, field.trim()));
                    break;
                }
                Expr::Call {
                    receiver: Some(receiver),
                    method: Some(method),
                    args,
                    ..
                } => {
                    let name = text_of(method, self.text);
                    if args.is_empty() && is_host_field(name) {
                        found = Some((receiver, name));
                        break;
                    }
                    // The same host (`host.lower()`, `host.unwrap_or("")`), not a part of it
                    // (`host.split(".").slice(-2)` is a suffix check).
                    if !args.is_empty() && !self.adapter.unwraps(name) {
                        return;
                    }
                    read = receiver;
                }
                _ => return,
            }
        }
        let Some((object, field)) = found else { return };
        // Each parse with the rules its guard vouches for (a rule's own `protocol` field is
        // the scheme, a host for no other rule).
        let parses: Vec<_> = self
            .rules
            .guards
            .iter()
            .zip(&self.rules.guard_rules)
            .filter_map(|(g, &rules)| match g {
                GuardKind::HostOf(pattern, fields) if fields.iter().any(|f| f == field) => {
                    Some((pattern, rules))
                }
                _ => None,
            })
            .collect();
        if parses.is_empty() {
            return;
        }
        // The call that parsed the URL: written right there, or the one that made the object.
        let (call, object_key) = match self.adapter.expr(object, self.text) {
            Expr::Call { .. } => (Some(object), None),
            _ => {
                let key = self.key(object);
                let made = key
                    .as_ref()
                    .and_then(|k| pass.env.get(k)?.made_by.clone())
                    .and_then(|bytes| self.node_at(pass, &bytes))
                    // A name a validator bound before its check (`parsed = urlparse(url)`),
                    // read as written: its pass does not evaluate the statements.
                    .or_else(|| match self.adapter.expr(object, self.text) {
                        Expr::Name => self.bound_condition(text_of(object, self.text), pass),
                        _ => None,
                    });
                (made, key)
            }
        };
        let Some(mut call) = call else { return };
        // `Url::parse(&u).unwrap()`, `.expect("url")`, `.map_err(..)?`: the parse itself.
        for _ in 0..4 {
            if let Expr::Wrap(inner) = self.adapter.expr(call, self.text) {
                call = inner;
            } else if let Expr::Call {
                receiver: Some(inner),
                method: Some(method),
                ..
            } = self.adapter.expr(call, self.text)
                && matches!(self.adapter.expr(inner, self.text), Expr::Call { .. })
                && self.adapter.unwraps(text_of(method, self.text))
            {
                call = inner;
            }
        }
        let Expr::Call {
            callee,
            receiver,
            method,
            args,
        } = self.adapter.expr(call, self.text)
        else {
            return;
        };
        let site = self.call_site(call, callee, receiver, method, pass);
        let rules = parses
            .iter()
            .filter(|(p, _)| p.matches(&site))
            .fold(0, |all, (_, rules)| all | rules)
            & self.vouch_rules.get();
        if rules == 0 {
            return;
        }
        if let Some(key) = object_key {
            out.push((key, holds, rules, None));
        }
        if let Some(url) = args.first().and_then(|a| self.key(a.value)) {
            out.push((url, holds, rules, None));
        }
    }

    /// Records that `key` (read by `read`, or a field of what `read` is) is clean for `rules`
    /// where the guard `holds`. A rule's own guard clears what the value holds for that rule
    /// only: for a member path the environment does not hold (`req.body.email`), what it reads
    /// now.
    pub(super) fn vouch_key(
        &self,
        key: String,
        read: Node<'t>,
        holds: bool,
        rules: u64,
        out: &mut Vec<Vouch>,
        pass: &Pass<'_>,
    ) {
        let held = (rules != super::ALL && !pass.env.contains_key(&key))
            .then(|| self.member_read(read, pass))
            .flatten();
        out.push((key, holds, rules, held));
    }

    /// What a member path (`req.body.email`) reads, without evaluating it: the source or the
    /// held value of the path or of the nearest object it is read from.
    fn member_read(&self, node: Node<'t>, pass: &Pass<'_>) -> Option<Value> {
        let mut node = node;
        for _ in 0..8 {
            if let Some(value) = self
                .source_at(node)
                .or_else(|| self.path_source(node, pass))
                .or_else(|| self.key(node).and_then(|k| pass.env.get(&k).cloned()))
            {
                return Some(value);
            }
            match self.adapter.expr(node, self.text) {
                Expr::Member { object } | Expr::Wrap(object) => node = object,
                _ => return None,
            }
        }
        None
    }

    /// Whether `read` is the host of a parsed URL as a guard's `host-fields` name it, read
    /// there or through a name, `&`, `unwrap_or(..)` / `expect(..)` / `ok_or(..)`
    /// (`urlsplit(u).hostname`, `url.host_str()`), not another part of it (`url.scheme()`).
    pub(super) fn reads_host(&self, read: Node<'t>, pass: &Pass<'_>) -> bool {
        let is_host_field = |field: &str| {
            self.rules.guards.iter().any(
                |g| matches!(g, GuardKind::HostOf(_, fields) if fields.iter().any(|f| f == field)),
            )
        };
        let mut read = read;
        for _ in 0..HOST_READ_STEPS {
            match self.adapter.expr(read, self.text) {
                Expr::Wrap(inner) => read = inner,
                Expr::Name => match self.bound_condition(text_of(read, self.text), pass) {
                    Some(bound) => read = bound,
                    None => return false,
                },
                Expr::Member { .. } => {
                    let field = text_of(read, self.text).rsplit('.').next().unwrap_or("");
                    return is_host_field(field.trim());
                }
                Expr::Call {
                    receiver: Some(receiver),
                    method: Some(method),
                    args,
                    ..
                } => {
                    let name = text_of(method, self.text);
                    if args.is_empty() && is_host_field(name) {
                        return true;
                    }
                    if !self.adapter.unwraps(name) {
                        return false;
                    }
                    read = receiver;
                }
                _ => return false,
            }
        }
        false
    }

    /// One side of an equality test where it `holds`: a call a guard lists as `compared`
    /// (`os.path.commonpath([full, root]) == root`) vouches for the operand it names, each
    /// element of a list there, unless what it is compared with is itself untrusted.
    pub(super) fn compared(
        &self,
        side: Node<'t>,
        other: Node<'t>,
        holds: bool,
        out: &mut Vec<Vouch>,
        pass: &Pass<'_>,
    ) {
        let Expr::Call {
            callee,
            receiver,
            method,
            args,
        } = self.adapter.expr(side, self.text)
        else {
            return;
        };
        if self
            .key(other)
            .and_then(|k| pass.env.get(&k))
            .is_some_and(|v| v.taint.is_some())
        {
            return;
        }
        let site = self.call_site(side, callee, receiver, method, pass);
        for guard in &self.rules.guards {
            let GuardKind::Compared(pattern, slot) = guard else {
                continue;
            };
            if !pattern.matches(&site) {
                continue;
            }
            let checked = slot.at(receiver, &args);
            let Some(checked) = checked else { continue };
            match self.adapter.expr(checked, self.text) {
                Expr::Compose(parts) if checked.named_child_count() > 0 => {
                    for part in parts {
                        self.vouch(part, holds, false, out, pass);
                    }
                }
                _ => self.vouch(checked, holds, false, out, pass),
            }
        }
    }

    /// A check (`site`, on `receiver`) that holds only for a path that climbs out of its root,
    /// read on the result of the call a guard names as `escape-of` (`rel.startsWith("..")` after
    /// `rel = path.relative(ROOT, full)`, or `rel.split(path.sep).includes("..")`; Rust's
    /// `p.components().any(...)`): where it does not hold, that call's operand (`full`, `p`) is
    /// contained; or, for `inside-of`, one that holds only for a path inside, where it holds.
    pub(super) fn escaped(
        &self,
        site: &CallSite<'_>,
        receiver: Node<'t>,
        holds: bool,
        out: &mut Vec<Vouch>,
        pass: &Pass<'_>,
    ) {
        let escapes: Vec<_> = self
            .rules
            .guards
            .iter()
            .filter_map(|g| match g {
                GuardKind::Escape {
                    check,
                    of,
                    operand,
                    inside,
                } if check.matches(site) => Some((of, operand, *inside)),
                _ => None,
            })
            .collect();
        self.escaped_operand(receiver, &escapes, holds, out, pass);
    }

    /// `rel.split(path.sep)[0] === ".."` (`side`, compared with `other`): holds only for a path
    /// whose first step climbs, as `rel.startsWith("..")` does, so read as the guards that
    /// treat such a check on `path.relative(..)` as one of escape.
    pub(super) fn first_part_climbs(
        &self,
        side: Node<'t>,
        other: Node<'t>,
        holds: bool,
        out: &mut Vec<Vouch>,
        pass: &Pass<'_>,
    ) {
        if !matches!(text_of(other, self.text), "'..'" | "\"..\"" | "`..`") {
            return;
        }
        let (Some(object), Some(index)) = (
            side.child_by_field_name("object")
                .or_else(|| side.child_by_field_name("value")),
            side.child_by_field_name("index")
                .or_else(|| side.child_by_field_name("subscript")),
        ) else {
            return;
        };
        if !side.kind().contains("subscript") || text_of(index, self.text) != "0" {
            return;
        }
        let climbs: Vec<_> = self
            .rules
            .guards
            .iter()
            .filter_map(|g| match g {
                GuardKind::Escape {
                    of,
                    operand,
                    inside: false,
                    ..
                } => Some((of, operand, false)),
                _ => None,
            })
            .collect();
        if matches!(self.adapter.expr(object, self.text), Expr::Call { method: Some(m), .. } if text_of(m, self.text) == "split")
        {
            self.escaped_operand(object, &climbs, holds, out, pass);
        }
    }

    /// For the escape checks `escapes` (the call each reads, the operand of it that the check
    /// contains, whether it holds inside) read on `receiver`: vouches for that operand.
    fn escaped_operand(
        &self,
        receiver: Node<'t>,
        escapes: &[(&CallPattern, &Slot, bool)],
        holds: bool,
        out: &mut Vec<Vouch>,
        pass: &Pass<'_>,
    ) {
        if escapes.is_empty() {
            return;
        }
        // `rel.split(sep)`: the parts of the same relative path.
        let mut read = receiver;
        if let Expr::Call {
            receiver: Some(inner),
            method: Some(m),
            ..
        } = self.adapter.expr(read, self.text)
            && text_of(m, self.text) == "split"
        {
            read = inner;
        }
        // The relative path computed right there, or what a name was bound to.
        let call = match self.adapter.expr(read, self.text) {
            Expr::Name => self.bound_condition(text_of(read, self.text), pass),
            _ => Some(read),
        };
        let Some(call) = call else { return };
        let Expr::Call {
            callee,
            receiver,
            method,
            args,
        } = self.adapter.expr(call, self.text)
        else {
            return;
        };
        let made = self.call_site(call, callee, receiver, method, pass);
        for &(of, slot, inside) in escapes {
            if !of.matches(&made) {
                continue;
            }
            let operand = slot.at(receiver, &args);
            if let Some(operand) = operand {
                self.vouch(operand, holds == inside, false, out, pass);
            }
        }
    }
}

/// The value a check reads when it is written with a literal default (`SLUG.fullmatch(name or
/// "")`, `ID.test(id ?? "")`): where the check holds, the value held too, or was empty.
impl<'t> FileFlow<'t, '_> {
    /// `RE.test(String(name))`, `str(name)`, `name.toString()`, `name.as_str()`: a conversion
    /// to the text the value already is; a check of it is one of the value itself.
    fn conversion_dropped(&self, checked: Node<'t>) -> Node<'t> {
        let Expr::Call {
            callee,
            receiver,
            method,
            args,
        } = self.adapter.expr(checked, self.text)
        else {
            return checked;
        };
        match (receiver, method) {
            (Some(receiver), Some(method))
                if args.is_empty()
                    && matches!(
                        text_of(method, self.text),
                        "toString" | "to_string" | "as_str"
                    ) =>
            {
                receiver
            }
            (None, _)
                if args.len() == 1 && matches!(text_of(callee, self.text), "String" | "str") =>
            {
                args[0].value
            }
            _ => checked,
        }
    }
}

fn or_default_dropped<'t>(checked: Node<'t>, text: &str) -> Node<'t> {
    let defaulted = checked
        .child_by_field_name("operator")
        .is_some_and(|op| matches!(text_of(op, text), "or" | "||" | "??"));
    let (Some(left), Some(right)) = (
        checked.child_by_field_name("left"),
        checked.child_by_field_name("right"),
    ) else {
        return checked;
    };
    let literal = matches!(
        right.kind(),
        "string" | "integer" | "number" | "none" | "null"
    );
    if defaulted && literal { left } else { checked }
}
