//! Generated sample code shared by the benchmarks: ordinary application code in each language,
//! with a few insecure idioms mixed in.

/// Generates the i-th block of sample code.
pub type BlockFn = fn(usize) -> String;

pub fn python_block(i: usize) -> String {
    format!(
        r#"
class Service{i}:
    """Loads and stores records for tenant {i}."""

    def __init__(self, session, cache=None):
        self.session = session
        self.cache = cache or {{}}

    def fetch(self, record_id: int) -> dict:
        if record_id in self.cache:
            return self.cache[record_id]
        row = self.session.execute("SELECT * FROM records WHERE id = %s", (record_id,)).fetchone()
        result = {{"id": row[0], "name": row[1].strip(), "tags": [t for t in row[2].split(",") if t]}}
        self.cache[record_id] = result
        return result

    def export(self, path):
        with open(path, "w", encoding="utf-8") as handle:
            for key, value in sorted(self.cache.items()):
                handle.write(f"{{key}}\t{{value['name']}}\n")
        return len(self.cache)

def load_config_{i}(text):
    import yaml
    return yaml.load(text)
"#
    )
}

pub fn javascript_block(i: usize) -> String {
    format!(
        r#"
export class Store{i} {{
  constructor(client, options = {{}}) {{
    this.client = client;
    this.ttl = options.ttl ?? 60;
    this.items = new Map();
  }}

  async get(id) {{
    if (this.items.has(id)) return this.items.get(id);
    const res = await this.client.query('SELECT * FROM items WHERE id = $1', [id]);
    const item = {{ id, name: res.rows[0].name.trim(), tags: res.rows[0].tags.split(',') }};
    this.items.set(id, item);
    return item;
  }}

  render(el, item) {{
    el.textContent = `${{item.name}} (${{item.tags.length}})`;
    el.innerHTML = item.description;
  }}
}}

export function total{i}(values) {{
  return values.filter((v) => v > 0).reduce((a, b) => a + b, 0);
}}
"#
    )
}

pub fn typescript_block(i: usize) -> String {
    format!(
        r#"
export interface Item{i} {{ id: number; name: string; tags: string[] }}

export class Repo{i}<T extends Item{i}> {{
  private readonly cache = new Map<number, T>();

  constructor(private readonly db: {{ query(sql: string, args: unknown[]): Promise<T[]> }}) {{}}

  async find(id: number): Promise<T | undefined> {{
    const hit = this.cache.get(id);
    if (hit) return hit;
    const [row] = await this.db.query('SELECT * FROM items WHERE id = ?', [id]);
    if (row) this.cache.set(id, row);
    return row;
  }}

  async search(term: string): Promise<T[]> {{
    return this.db.query(`SELECT * FROM items WHERE name LIKE '%${{term}}%'`, []);
  }}
}}

export const sum{i} = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
"#
    )
}

pub fn rust_block(i: usize) -> String {
    format!(
        r#"
/// Keeps the latest readings of sensor group {i}.
pub struct Readings{i} {{
    values: Vec<f64>,
    limit: usize,
}}

impl Readings{i} {{
    pub fn new(limit: usize) -> Self {{
        Self {{ values: Vec::with_capacity(limit), limit }}
    }}

    pub fn push(&mut self, value: f64) {{
        if self.values.len() == self.limit {{
            self.values.remove(0);
        }}
        self.values.push(value);
    }}

    pub fn mean(&self) -> Option<f64> {{
        if self.values.is_empty() {{
            return None;
        }}
        Some(self.values.iter().sum::<f64>() / self.values.len() as f64)
    }}

    pub fn raw(&self) -> &[f64] {{
        unsafe {{ std::slice::from_raw_parts(self.values.as_ptr(), self.values.len()) }}
    }}
}}
"#
    )
}

/// Whole blocks until the text has at least `lines` lines.
pub fn generate(block: BlockFn, lines: usize) -> String {
    let mut text = String::new();
    let mut i = 0;
    while text.lines().count() < lines {
        for _ in 0..(lines / 100).clamp(1, 200) {
            text.push_str(&block(i));
            i += 1;
        }
    }
    text
}
