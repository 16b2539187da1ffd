//! Small deploy helper: tags a release on GitHub/GitLab, resizes the
//! DigitalOcean droplet and runs the database migrations.

use std::env;
use std::time::Duration;

use reqwest::blocking::Client;
use serde_json::json;

// ruleid: any.github-token
const GITHUB_TOKEN: &str = "ghp_Z9jSNPSVHUCVq5DVFcwVM9cMeGuPr0bwFqPq";

// ok: any.github-token
const GITHUB_TOKEN_ENV: &str = "GITHUB_TOKEN";

// ruleid: any.github-fine-grained-token
static RELEASE_PAT: &str = "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";

// ok: any.github-fine-grained-token
const PAT_PREFIX: &str = "github_pat_";

// ruleid: any.gitlab-token
const GITLAB_TOKEN: &str = "glpat-bAjtbDV3J7Y59r5zFa1l";

// ruleid: any.digitalocean-token
const DO_TOKEN: &str = "dop_v1_62b1e23cc47c3ee38ae14e8496f2facd5ab3b46f9dda914c001dab552cf3c4b2";

pub struct Deployer {
    http: Client,
    gitlab_token: String,
    do_token: String,
}

impl Deployer {
    pub fn from_env() -> Result<Self, env::VarError> {
        Ok(Self {
            http: Client::builder().timeout(Duration::from_secs(30)).build().expect("client"),
            // ok: any.gitlab-token
            gitlab_token: env::var("GITLAB_TOKEN")?,
            // ok: any.digitalocean-token
            do_token: env::var("DIGITALOCEAN_ACCESS_TOKEN")?,
        })
    }

    pub fn hardcoded() -> Self {
        Self {
            http: Client::new(),
            // ruleid: any.gitlab-token
            gitlab_token: String::from("glpat-_22nRe40JZ-bYZ_w65no5VB180A.01.opa0ig3bv"),
            // ruleid: any.digitalocean-token
            do_token: "doo_v1_2fa91787effb2121c506bac842f5fa229d4f62a0290c9d174e373bdb76b2ca91".to_string(),
        }
    }

    pub fn tag_github(&self, repo: &str, tag: &str, sha: &str) -> reqwest::Result<()> {
        self.http
            .post(format!("https://api.github.com/repos/{repo}/git/refs"))
            .bearer_auth(GITHUB_TOKEN)
            .header("User-Agent", "acme-deployer")
            .json(&json!({ "ref": format!("refs/tags/{tag}"), "sha": sha }))
            .send()?
            .error_for_status()?;
        Ok(())
    }

    pub fn tag_with_app_token(&self, repo: &str) -> reqwest::Result<()> {
        self.http
            .get(format!("https://api.github.com/repos/{repo}"))
            // ruleid: any.github-token
            .bearer_auth("ghs_px9jzlGNJHAGXJHedO6RpcGJH2TqzACMNeet")
            .send()?;
        Ok(())
    }

    pub fn tag_gitlab(&self, project: u64, tag: &str) -> reqwest::Result<()> {
        self.http
            .post(format!("https://gitlab.com/api/v4/projects/{project}/repository/tags"))
            .header("PRIVATE-TOKEN", &self.gitlab_token)
            .query(&[("tag_name", tag), ("ref", "main")])
            .send()?;
        Ok(())
    }

    pub fn resize(&self, droplet: u64) -> reqwest::Result<()> {
        self.http
            .post(format!("https://api.digitalocean.com/v2/droplets/{droplet}/actions"))
            .bearer_auth(&self.do_token)
            .json(&json!({ "type": "resize", "size": "s-2vcpu-4gb" }))
            .send()?;
        Ok(())
    }
}

// Key the deployer uses to push to the bastion host.
// ruleid: any.private-key-block
const BASTION_KEY: &str = r#"-----BEGIN OPENSSH PRIVATE KEY-----
yD5FN/kvkdgK7FI0b4iiLl3Ezomr0odA+v4/ffDNH0qdN7VExMzj83pcgPIrWZHt7OSGqx
7KXM1InwJNRHaFa87XwMt1fDRDJnRdzQQWk8Hd+KFbfUwm5TQuZxLQZ35BqewvoSFxhfrE
w0bVCTvmiaXcaAK9G0Wuiw6rWIj0LEiRlwYjqzertEmtWSgz3FSDw0wO0sOZgjON/ytr2F
hhKtnELt5HlrMVh9GKeQtw3lgHUR/WUTPOsKhoiMJiDBMfccQlrQBxftYSUENkHOZr2HSw
cx/+oQwZirf+F4eN1NI6zuksypSMP9B2TzB/ihe+41leYv6eN6hO9Xc9gcB0cLdACG9I24
-----END OPENSSH PRIVATE KEY-----"#;

// ok: any.private-key-block
const BASTION_HOST_KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK3x9vQm2Lr7Tz4Wc8Yb1Nd6Hf0Ja5Pe2Gu3Ks9Mo7Vi bastion";

// Deploy tokens for the registry, used by the CI image.
// ruleid: any.gitlab-token
pub const REGISTRY_DEPLOY_TOKEN: (&str, &str) = ("gitlab+deploy-token-42", "gldt-JztksLN-CfEWAp72vSrE");

// ok: any.gitlab-token
pub const GITLAB_TOKEN_HELP: &str = "create a token at gitlab.com/-/user_settings/personal_access_tokens (glpat-...)";

// Token quoted in the incident report, redacted before committing.
// ok: any.gitlab-token
pub const LEAKED_TOKEN_REDACTED: &str = "glpat-********************";

// ok: any.digitalocean-token
pub const DO_TOKEN_FORMAT: &str = "dop_v1_<64 hex characters>";

// ok: any.github-token
pub const GH_OUTPUT: &str = "ghs_output_directory_for_generated_release_notes";

// ruleid: any.github-token
pub const LEGACY_OAUTH: &str = "gho_2X1EBKdcWZhDg7W7pYECCQMspnTTlgUCbAdl";

// ok: any.github-fine-grained-token
pub const FINE_GRAINED_PLACEHOLDER: &str = "github_pat_XXXXXXXXXXXXXXXXXXXXXX_XXXXXXXXXXXX";

// ruleid: any.github-fine-grained-token
pub fn fallback_pat() -> String { env::var("RELEASE_PAT").unwrap_or_else(|_| "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".into()) }

// ok: any.digitalocean-token
pub const SPACES_BUCKET: &str = "do_v1_assets_backup";

// ruleid: any.digitalocean-token
pub const REFRESH: &str = "dor_v1_e5e67bb9d2759235937aa53bb93775c513a5890c54ece58ea3cf29e11366e36e";

pub fn migrate() {
    // ruleid: any.connection-string-password
    let url = "postgres://deploy:~njrxSQN5ONc8-4D@db.internal.acme.example:5432/app";
    // ok: any.connection-string-password
    let from_env = env::var("DATABASE_URL").unwrap_or_else(|_| "postgres://postgres:postgres@localhost:5432/app".into());
    // ok: any.connection-string-password
    let templated = format!("postgres://deploy:{}@{}/app", env::var("DB_PASSWORD").unwrap_or_default(), "db");
    println!("{url} {from_env} {templated}");
}

pub fn secrets() -> Vec<String> {
    let mut v = Vec::new();
    // ruleid: any.generic-secret-assignment
    let signing_key = "pdZDr3MMT9362mwmfaC2sNl8ZZh4Ul41";
    v.push(signing_key.to_string());
    // ok: any.generic-secret-assignment
    let api_key = env::var("ACME_API_KEY").unwrap_or_default();
    v.push(api_key);
    // ruleid: any.generic-secret-assignment
    let webhook_secret: String = String::from("p69RMkjeCgTE0oPMZPdUfryY");
    v.push(webhook_secret);
    // ok: any.generic-secret-assignment
    let expected_token = "refresh_token";
    v.push(expected_token.into());
    v
}

// Snippet pasted from a chat, cut off:
pub fn partial_config() -> serde_json::Value {
    json!({
        "region": "fra1",
        // ruleid: any.digitalocean-token
        "token": "dop_v1_3555127e4507b503ccb2c06e8c54554f2cc4cfac2b3f5230acbad8af82271112",
        // ok: any.generic-secret-assignment
        "password": "",
        "droplets": [

// A marker string that names a private type path is not a credential.
// ok: any.generic-secret-assignment
pub const TOKEN: &str = "$serde_json::private::RawValue";

// ok: any.generic-secret-assignment
const AUTH: &str = "Authorization::Bearer::Header";

// ruleid: any.generic-secret-assignment
const SIGNING_SECRET: &str = "q8ZfT2vLx9RmW4kPj7YbN3cH";

/// Connects to MySQL. The URL has the form `mysql://[user[:password]@]host[:port][/database]`.
pub fn connect_documented(url: &str) -> String {
    // ok: any.connection-string-password
    let example = "mysql://scott:tiger@localhost/test";
    // ok: any.connection-string-password
    let local = "postgres://app:apptest@localhost/app_test";
    format!("{url} {example} {local}")
}

pub fn replica_url() -> &'static str {
    // ruleid: any.connection-string-password
    "mysql://replica:Qm7vT2xK9pLw@replica.internal.acme.example/app"
}

