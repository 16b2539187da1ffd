//! Entering a function: each parameter bound to what the rules say it holds — a request
//! source of a route or an extractor type, the parameter a helper summary follows, a value the
//! framework injects, a number that cannot carry an injection, or nothing known.

use super::parts::Part;
use super::{ALL, FileFlow, OBJECT, Params, Pass, Taint, Value};
use crate::flow::adapter::{Function, Param, text_of};
use crate::flow::spec::{SourceKind, converts_param};
use std::rc::Rc;

impl<'t> FileFlow<'t, '_> {
    /// Binds the parameters: sources where the rules say so, the summarised one as its own
    /// origin, the others unknown.
    pub(super) fn enter(&self, function: &Function<'t>, pass: &mut Pass<'_>) {
        let decorators: Vec<&str> = function
            .decorators
            .iter()
            .map(|d| text_of(*d, self.text))
            .collect();
        if pass.params == Params::Summarise(OBJECT) {
            for name in ["self", "this"] {
                let origin = Rc::new((function.node.byte_range(), name.to_string()));
                let taint = Taint {
                    origin,
                    steps: None,
                    rules: ALL,
                    parameter: Some(OBJECT),
                    via: None,
                    ignored_by: 0,
                    grants: 0,
                    decodes: false,
                };
                let object = shaped(taint, &pass.part);
                // Each known field as the object holds it, over what the class's settled
                // fields say (`fields.rs`).
                for (field, value) in object.record.iter().flat_map(|r| r.iter()) {
                    pass.env.insert(format!("{name}.{field}"), value.clone());
                }
                pass.env.insert(name.to_string(), object);
            }
            // An object whose fields are known (`constructed.rs`) says what each holds itself.
            let known = matches!(pass.part, Some(Part::Shaped(_)));
            // A field every write of which is clean for some rules only (`this.body =
            // String(body)`) holds what the object was built from for the others.
            let partly_clean: Vec<(String, Value)> = pass
                .env
                .iter()
                .filter(|_| !known)
                .filter(|(key, value)| {
                    (key.starts_with("self.") || key.starts_with("this."))
                        && value.taint.is_none()
                        && value.clean != 0
                        && value.clean != ALL
                })
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect();
            for (key, value) in partly_clean {
                let object = if key.starts_with("self.") {
                    "self"
                } else {
                    "this"
                };
                let Some(taint) = pass.env.get(object).and_then(|o| o.taint.clone()) else {
                    continue;
                };
                let taint = Taint {
                    rules: taint.rules & !value.clean,
                    ..taint
                };
                pass.env.insert(
                    key,
                    Value {
                        taint: Some(taint),
                        ..value
                    },
                );
            }
        }
        let element = self.callback_element.take();
        // `events.on("job", (job) => ...)`: what the file's functions emit (`channels.rs`).
        let emitted = match pass.params {
            Params::Own | Params::Injected(_) => self.channel_callback_param(function, pass),
            _ => None,
        };
        let index_first = self.takes_index_first(function, pass);
        for (position, param) in function.params.iter().enumerate() {
            let mut names = Vec::new();
            self.adapter.bindings(param.pattern, &mut names);
            let annotation = param.annotation.map(|a| text_of(a, self.text));
            let default = param.default.map(|d| text_of(d, self.text));
            // `Route<String>` after `use axum::extract::Path as Route`: the type as imported.
            let imported = annotation.and_then(|a| self.imported_type(a));
            let annotation_matches = |ty: &crate::rules::LazyRegex| {
                let ty = ty.get();
                annotation.is_some_and(|a| ty.is_match(a))
                    || imported.as_deref().is_some_and(|a| ty.is_match(a))
            };
            // The rules a parameter source makes it untrusted for, and those that ignore every
            // source it is.
            let excepted = |except: &Option<crate::rules::LazyRegex>| {
                except
                    .as_ref()
                    .map(crate::rules::LazyRegex::get)
                    .is_some_and(|e| {
                        annotation.is_some_and(|a| e.is_match(a))
                            || default.is_some_and(|d| e.is_match(d))
                    })
            };
            let mut source: Option<(u64, u64)> = None;
            for (index, (spec, mask, ignored_by)) in self.rules.sources.iter().enumerate() {
                let hit = match &spec.kind {
                    SourceKind::ParamsOf {
                        decorator,
                        except,
                        converted,
                        only,
                    } => {
                        let route = decorators.iter().find(|d| decorator.get().is_match(d));
                        let single = match names.as_slice() {
                            [name] => Some(text_of(*name, self.text)),
                            _ => None,
                        };
                        route.is_some_and(|d| {
                            !single.is_some_and(|n| converts_param(converted.as_ref(), d, n))
                        }) && only.as_ref().is_none_or(annotation_matches)
                            && !excepted(except)
                    }
                    SourceKind::ParamType(ty) => annotation_matches(ty),
                    SourceKind::Injected { except, .. } => {
                        pass.params == Params::Injected(index) && !excepted(except)
                    }
                    _ => false,
                };
                if hit {
                    let entry = source.get_or_insert((0, ALL));
                    entry.0 |= mask;
                    entry.1 &= ignored_by;
                }
            }
            // `id: int`, `Path(id): Path<u64>`: a number cannot carry an injection, whatever
            // the request sent.
            let written = text_of(param.pattern, self.text);
            let scalar = annotation.is_some_and(|a| {
                self.adapter.is_scalar_type(a)
                    || self.scalar_types.contains(self.adapter.required_type(a))
            }) || (position == 0 && index_first)
                || self
                    .rules
                    .scalar_params
                    .iter()
                    .any(|r| r.get().is_match(written));
            let class = annotation.and_then(|a| self.class_in_type(a));
            // `target: str = Depends(get_target)`: what the framework passes.
            let injected = match pass.params {
                Params::Constants | Params::Summarise(_) => None,
                _ => self.injected(param, pass),
            };
            for name in names {
                let key = text_of(name, self.text).to_string();
                let range = name.byte_range();
                // `fn load_item(id: i64)`: whatever a caller passes is a number.
                let typed_scalar = scalar && self.adapter.checks_types();
                let value = if pass.params == Params::Summarise(position) && !typed_scalar {
                    let taint = Taint {
                        origin: Rc::new((range, key.clone())),
                        steps: None,
                        rules: ALL,
                        parameter: Some(position),
                        via: None,
                        ignored_by: 0,
                        grants: 0,
                        decodes: false,
                    };
                    shaped(taint, &pass.part)
                } else if scalar
                    || pass.params == Params::Constants
                    || annotation
                        .is_some_and(|a| self.adapter.scalar_element(param.pattern, a, name))
                {
                    Value::constant()
                } else if let Some(value) = (pass.params == Params::Own)
                    .then(|| self.fed_param(pass.function, position))
                    .flatten()
                {
                    value
                } else if let Some(value) = &injected {
                    value.clone()
                } else if let Some(value) = annotation.and_then(|a| self.channel_param(a)) {
                    // `Extension(backend): Extension<TenantBackend>`: what middleware put there.
                    value
                } else if let Some(value) = emitted.as_ref().filter(|_| position == 0) {
                    value.clone()
                } else if let Some((mask, ignored_by)) = source.or_else(|| {
                    self.query_sources
                        .get(&range)
                        .or_else(|| self.query_sources.get(&param.pattern.byte_range()))
                        .map(|(_, mask)| (*mask, 0))
                }) {
                    Value {
                        clean: ignored_by,
                        ..Value::tainted(Taint {
                            origin: Rc::new((range, key.clone())),
                            steps: None,
                            rules: mask,
                            parameter: None,
                            via: None,
                            ignored_by,
                            grants: 0,
                            decodes: false,
                        })
                    }
                } else if let Some(element) = element.as_ref().filter(|_| position == 0) {
                    element.clone()
                } else if element.is_some() && position == 1 && self.adapter.callback_index() {
                    // `xs.map((x, i) => ...)`: the element's index, a number.
                    Value::constant()
                } else {
                    Value::default()
                };
                // A parameter named like a module-level object is not that object; one typed
                // with a class of this file is an object of it (`State(n): State<Notifier>`).
                match class {
                    Some(class) => pass.objects.insert(key.clone(), class.to_string()),
                    None => pass.objects.remove(&key),
                };
                pass.env.insert(key, value);
            }
        }
    }

    /// The parameter of `function` that binds `name` (`base` of `safe_join(base, rel)`, `qb`
    /// of `fn apply(qb: &mut QueryBuilder<..>)`).
    pub(super) fn param_named<'f>(
        &self,
        function: &'f Function<'t>,
        name: &str,
    ) -> Option<&'f Param<'t>> {
        let mut names = Vec::new();
        function.params.iter().find(|param| {
            names.clear();
            self.adapter.bindings(param.pattern, &mut names);
            names.iter().any(|n| text_of(*n, self.text) == name)
        })
    }

    /// A type written with an imported alias at its head, spelled with the path it was imported
    /// from (`Route<String>` → `axum::extract::Path<String>`).
    fn imported_type(&self, written: &str) -> Option<String> {
        let end = written
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(written.len());
        let canonical = self.names.binding(&written[..end])?;
        Some(format!("{canonical}{}", &written[end..]))
    }
}

/// The summarised parameter: its taint, and for a [`Part::Shaped`] summary the record its caller
/// passes, each field untrusted only for the rules it is there.
fn shaped(taint: Taint, part: &Option<Part>) -> Value {
    let Some(Part::Shaped(fields)) = part else {
        return Value::tainted(taint);
    };
    let record = fields
        .iter()
        .map(|(name, rules, clean)| {
            let field = Value {
                clean: *clean,
                ..match rules {
                    0 => Value::default(),
                    _ => Value::tainted(Taint {
                        rules: *rules,
                        ..taint.clone()
                    }),
                }
            };
            (name.clone(), field)
        })
        .collect();
    Value {
        record: Some(Rc::new(record)),
        ..Value::tainted(taint)
    }
}
