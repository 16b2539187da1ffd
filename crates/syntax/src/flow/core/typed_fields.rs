//! Fields declared with a class of the file: `struct PricingService { engine: RuleEngine }`, a
//! TypeScript `constructor(private readonly repo: OrderRepository)`, Python's `self.uploader =
//! uploader` with `uploader: Uploader` in `__init__`. A method called on such a field
//! (`self.engine.evaluate(rule)`, `state.svc.preview(req)` with `state: State<AppState>`) is
//! that class's method, followed like one called on a variable holding an object of it
//! (`objects.rs`): services reach their repositories and clients through fields, and the value
//! a handler passes them must reach the sink those hold.
//!
//! Only what the declarations say: a field whose type names one class of the file, with no
//! other declaration of the same name in that class. What a field is assigned elsewhere is not
//! followed.

use super::{FileFlow, Pass};
use crate::flow::adapter::{Expr, named_children, text_of};
use std::collections::HashMap;
use tree_sitter::Node;

/// Per class (or struct) name, its fields typed with a class of the file.
pub(super) type FieldClasses<'t> = HashMap<&'t str, HashMap<&'t str, &'t str>>;

/// Per key of an application registry, the class of the object stored there.
pub(super) type RegistryClasses<'t> = HashMap<&'t str, &'t str>;

impl<'t> FileFlow<'t, '_> {
    /// The class of the file whose object `receiver` holds: a variable the pass knows holds
    /// one, or a typed field of such an object (`self.engine`, `state.svc`).
    pub(super) fn object_class(
        &self,
        receiver: Node<'t>,
        pass: &Pass<'_>,
        depth: u8,
    ) -> Option<String> {
        let key = self.key(receiver);
        let written = key
            .as_deref()
            .unwrap_or_else(|| text_of(receiver, self.text));
        if let Some(class) = pass.objects.get(written) {
            return Some(class.clone());
        }
        let object = match self.adapter.expr(receiver, self.text) {
            Expr::Member { object } => object,
            Expr::Index { .. } => return self.registered_class(receiver).map(str::to_string),
            _ => return None,
        };
        let field = key.as_deref()?.rsplit('.').next()?;
        let owner = match text_of(object, self.text) {
            "self" | "this" => {
                super::objects::class_name(&self.functions[pass.function], self.text)?.to_string()
            }
            _ if depth < 4 => self.object_class(object, pass, depth + 1)?,
            _ => return None,
        };
        let fields = self
            .field_classes
            .get_or_init(|| self.declared_field_classes());
        fields
            .get(owner.as_str())?
            .get(field)
            .map(|c| c.to_string())
    }

    /// The class of the object an application registry holds under a literal key:
    /// `request.app["store"]` after `app["store"] = ArticleStore(pool)` (aiohttp's application,
    /// any object filled by key), when every such write of the key builds that class.
    pub(super) fn registered_class(&self, node: Node<'t>) -> Option<&'t str> {
        let key = literal_key(node, self.text)?;
        let registry = self.registry_classes.get_or_init(|| {
            let mut found: HashMap<&'t str, Option<&'t str>> = HashMap::new();
            let Some(root) = self.module_root() else {
                return HashMap::new();
            };
            let mut stack = vec![root];
            while let Some(node) = stack.pop() {
                stack.extend(named_children(node));
                if let Expr::Assign {
                    target,
                    value,
                    augmented: false,
                } = self.adapter.expr(node, self.text)
                    && let Some(key) = literal_key(target, self.text)
                {
                    agree(&mut found, key, self.class_built_by(value));
                }
            }
            found
                .into_iter()
                .filter_map(|(k, c)| Some((k, c?)))
                .collect()
        });
        registry.get(key).copied()
    }

    /// Whether `name` is a class, struct or record of the file that declares a field typed
    /// with a class of the file (an axum state struct holding services).
    pub(super) fn holds_typed_fields(&self, name: &str) -> bool {
        self.field_classes
            .get_or_init(|| self.declared_field_classes())
            .contains_key(name)
    }

    fn declared_field_classes(&self) -> FieldClasses<'t> {
        let mut found: HashMap<&'t str, HashMap<&'t str, Option<&'t str>>> = HashMap::new();
        let mut note = |class: &'t str, field: &'t str, ty: &'t str| {
            let typed = self.class_named_in(ty, |word| self.defines_class(word));
            agree(found.entry(class).or_default(), field, typed);
        };
        let Some(root) = self.module_root() else {
            return FieldClasses::new();
        };
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            stack.extend(named_children(node));
            if let Some((class, fields)) = self.adapter.declared_fields(node, self.text) {
                for (field, ty) in fields {
                    note(class, field, ty);
                }
            }
        }
        // Constructors: TypeScript parameter properties (`private readonly repo: Repo`) and
        // `self.repo = repo` / `this.repo = repo` of a parameter typed with a class.
        for function in &self.functions {
            let Some(name) = function.name.as_deref() else {
                continue;
            };
            if !matches!(name, "__init__" | "constructor") {
                continue;
            }
            let Some(class) = super::objects::class_name(function, self.text) else {
                continue;
            };
            let own = if name == "__init__" { "self." } else { "this." };
            let mut typed: HashMap<&'t str, &'t str> = HashMap::new();
            for param in &function.params {
                let Some(annotation) = param.annotation else {
                    continue;
                };
                let pattern = text_of(param.pattern, self.text);
                let ty = text_of(annotation, self.text);
                let declared = param.pattern.parent().is_some_and(|p| {
                    named_children(p)
                        .iter()
                        .any(|c| matches!(c.kind(), "accessibility_modifier" | "readonly"))
                        || text_of(p, self.text).starts_with("readonly ")
                });
                if declared {
                    note(class, pattern, ty);
                }
                typed.insert(pattern, ty);
            }
            let mut stack = vec![function.body];
            while let Some(node) = stack.pop() {
                if matches!(node.kind(), "assignment" | "assignment_expression")
                    && let (Some(left), Some(right)) = (
                        node.child_by_field_name("left"),
                        node.child_by_field_name("right"),
                    )
                    && let Some(field) = text_of(left, self.text).strip_prefix(own)
                    && field.chars().all(|c| c.is_alphanumeric() || c == '_')
                    && let Some(ty) = typed.get(text_of(right, self.text))
                {
                    note(class, field, ty);
                }
                stack.extend(named_children(node));
            }
        }
        found
            .into_iter()
            .map(|(class, fields)| {
                let fields = fields
                    .into_iter()
                    .filter_map(|(f, c)| Some((f, c?)))
                    .collect::<HashMap<_, _>>();
                (class, fields)
            })
            .filter(|(_, fields)| !fields.is_empty())
            .collect()
    }
}

/// `"store"` for `app["store"]` (Python's `subscript`, JavaScript's `subscript_expression`).
fn literal_key<'t>(node: Node<'t>, text: &'t str) -> Option<&'t str> {
    let index = match node.kind() {
        "subscript" => node.child_by_field_name("subscript")?,
        "subscript_expression" => node.child_by_field_name("index")?,
        _ => return None,
    };
    if index.kind() != "string" {
        return None;
    }
    let written = text_of(index, text);
    let quote = written.chars().next()?;
    (matches!(quote, '"' | '\'') && written.len() >= 2 && written.ends_with(quote))
        .then(|| &written[1..written.len() - 1])
        .filter(|key| !key.contains(['{', '\\']))
}

/// Records that `key` names `class`: a key named twice with different classes names neither.
fn agree<'t>(found: &mut HashMap<&'t str, Option<&'t str>>, key: &'t str, class: Option<&'t str>) {
    let entry = found.entry(key).or_insert(class);
    if *entry != class {
        *entry = None;
    }
}
