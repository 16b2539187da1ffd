#[derive(Default)]
pub struct Runner;

impl Runner {
    pub fn restore(&self, snapshot: &str) -> String {
        let removed = std::fs::remove_dir_all(format!("/srv/restore/{}", snapshot));
        format!("{:?}", removed.is_ok())
    }

    pub fn prune(&self, keep: u32) -> String {
        let removed = std::fs::remove_dir_all(format!("/srv/restore/older-than-{}", keep));
        format!("{:?}", removed.is_ok())
    }
}
