pub struct Archive {
    root: String,
}

impl Archive {
    pub fn open(root: &str) -> Self {
        Archive { root: root.to_string() }
    }

    pub fn member(&self, name: &str) -> Vec<u8> {
        std::fs::read(format!("{}/{}", self.root, name)).unwrap_or_default()
    }
}
