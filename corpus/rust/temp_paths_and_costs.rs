// Report files named with `format!` under /tmp (guessable from an id, or random), and bcrypt costs held in constants.
use std::fs::File;
use std::io::Write;

struct Report {
    id: u64,
    html: String,
}

impl Report {
    fn save(&self) -> std::io::Result<String> {
        let path = format!("/tmp/report-{}.html", self.id);
        // ruleid: rust.insecure-temp-path
        let mut file = File::create(&path)?;
        file.write_all(self.html.as_bytes())?;
        Ok(path)
    }

    fn save_inline(&self) -> std::io::Result<()> {
        // ruleid: rust.insecure-temp-path
        std::fs::write(format!("/tmp/report-{}.html", self.id), &self.html)
    }

    fn save_random(&self) -> std::io::Result<()> {
        let path = format!("/tmp/report-{}.html", uuid::Uuid::new_v4());
        // ok: rust.insecure-temp-path
        std::fs::write(&path, &self.html)
    }

    fn save_in_cache(&self, cache_dir: &str) -> std::io::Result<()> {
        // ok: rust.insecure-temp-path
        std::fs::write(format!("{}/report-{}.html", cache_dir, self.id), &self.html)
    }
}

// bcrypt costs held in constants.
const HASH_COST: u32 = 4;
const STRONG_COST: u32 = 12;

fn weak_hash(password: &str) -> String {
    // ruleid: rust.bcrypt-low-cost
    bcrypt::hash(password, HASH_COST).unwrap()
}

fn strong_hash(password: &str) -> String {
    // ok: rust.bcrypt-low-cost
    bcrypt::hash(password, STRONG_COST).unwrap()
}
