//! HTTP clients for talking to internal services and a webhook relay.

use std::sync::Arc;
use std::time::Duration;

use openssl::ssl::{SslAcceptor, SslConnector, SslFiletype, SslMethod, SslVerifyMode};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, RootCertStore, SignatureScheme};

pub struct ClientSettings {
    pub insecure: bool,
    pub ca_pem: Vec<u8>,
}

pub fn staging_client() -> reqwest::Result<reqwest::Client> {
    let skip_verify = true;
    let strict = std::env::var("STRICT_TLS").is_ok();
    reqwest::Client::builder()
        // ruleid: rust.tls-verification-disabled
        .danger_accept_invalid_certs(skip_verify)
        // ok: rust.tls-verification-disabled
        .danger_accept_invalid_hostnames(!strict)
        .build()
}

pub fn fetch_with_curl(url: &str) -> Result<(), curl::Error> {
    let mut easy = curl::easy::Easy::new();
    easy.url(url)?;
    // ruleid: rust.tls-verification-disabled
    easy.ssl_verify_peer(false)?;
    // ok: rust.tls-verification-disabled
    easy.ssl_verify_host(true)?;
    easy.perform()
}

pub fn internal_client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        // ruleid: rust.tls-verification-disabled
        .danger_accept_invalid_certs(true)
        // ruleid: rust.tls-verification-disabled
        .danger_accept_invalid_hostnames(true)
        .build()
}

pub fn blocking_client() -> reqwest::Result<reqwest::blocking::Client> {
    // ruleid: rust.tls-verification-disabled
    reqwest::blocking::ClientBuilder::new().danger_accept_invalid_certs(true).build()
}

pub fn configurable_client(settings: &ClientSettings) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        // ok: rust.tls-verification-disabled
        .danger_accept_invalid_certs(settings.insecure)
        // ok: rust.tls-verification-disabled
        .danger_accept_invalid_hostnames(false)
        .build()
}

pub fn pinned_ca_client(settings: &ClientSettings) -> reqwest::Result<reqwest::Client> {
    let ca = reqwest::Certificate::from_pem(&settings.ca_pem)?;
    // ok: rust.tls-verification-disabled
    reqwest::Client::builder().add_root_certificate(ca).build()
}

pub fn native_connector() -> native_tls::Result<native_tls::TlsConnector> {
    let mut builder = native_tls::TlsConnector::builder();
    // ruleid: rust.tls-verification-disabled
    builder.danger_accept_invalid_certs(true);
    builder.build()
}

pub fn ureq_agent() -> ureq::Agent {
    let tls = ureq::tls::TlsConfig::builder()
        // ruleid: rust.tls-verification-disabled
        .disable_verification(true)
        .build();
    ureq::Agent::config_builder().tls_config(tls).build().into()
}

pub fn openssl_connector() -> Result<SslConnector, openssl::error::ErrorStack> {
    let mut builder = SslConnector::builder(SslMethod::tls())?;
    // ruleid: rust.tls-verification-disabled
    builder.set_verify(SslVerifyMode::NONE);
    Ok(builder.build())
}

pub fn openssl_callback_connector() -> Result<SslConnector, openssl::error::ErrorStack> {
    let mut connector = SslConnector::builder(SslMethod::tls_client())?;
    // ruleid: rust.tls-verification-disabled
    connector.set_verify_callback(SslVerifyMode::PEER, |_preverify_ok, _ctx| true);
    Ok(connector.build())
}

pub fn openssl_strict_connector() -> Result<SslConnector, openssl::error::ErrorStack> {
    let mut builder = SslConnector::builder(SslMethod::tls())?;
    // ok: rust.tls-verification-disabled
    builder.set_verify(SslVerifyMode::PEER);
    // ok: rust.tls-verification-disabled
    builder.set_verify_callback(SslVerifyMode::PEER, |preverify_ok, _ctx| preverify_ok);
    Ok(builder.build())
}

pub fn openssl_server() -> Result<SslAcceptor, openssl::error::ErrorStack> {
    let mut acceptor = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls())?;
    acceptor.set_private_key_file("key.pem", SslFiletype::PEM)?;
    acceptor.set_certificate_chain_file("cert.pem")?;
    // ok: rust.tls-verification-disabled
    acceptor.set_verify(SslVerifyMode::NONE);
    Ok(acceptor.build())
}

pub fn isahc_client() -> Result<isahc::HttpClient, isahc::Error> {
    use isahc::config::{Configurable, SslOption};
    isahc::HttpClient::builder()
        // ruleid: rust.tls-verification-disabled
        .ssl_options(SslOption::DANGER_ACCEPT_INVALID_CERTS | SslOption::DANGER_ACCEPT_REVOKED_CERTS)
        .build()
}

#[derive(Debug)]
struct SkipServerVerification;

impl ServerCertVerifier for SkipServerVerification {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        // accept everything for now
        // ruleid: rust.tls-verifier-accepts-any
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        // ruleid: rust.tls-verifier-accepts-any
        Ok(rustls::client::danger::HandshakeSignatureValid::assertion())
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        // ok: rust.tls-verifier-accepts-any
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &rustls::crypto::ring::default_provider().signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        vec![SignatureScheme::ECDSA_NISTP256_SHA256, SignatureScheme::ED25519]
    }
}

#[derive(Debug)]
struct PinnedVerifier {
    inner: Arc<rustls::client::WebPkiServerVerifier>,
    pin: [u8; 32],
}

impl ServerCertVerifier for PinnedVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        // ok: rust.tls-verifier-accepts-any
        self.inner.verify_server_cert(end_entity, intermediates, server_name, ocsp, now)?;
        if ring::digest::digest(&ring::digest::SHA256, end_entity.as_ref()).as_ref() != self.pin {
            return Err(rustls::Error::General("certificate pin mismatch".into()));
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

#[derive(Debug)]
struct AnyClientCert;

impl rustls::server::danger::ClientCertVerifier for AnyClientCert {
    fn root_hint_subjects(&self) -> &[rustls::DistinguishedName] {
        &[]
    }

    fn verify_client_cert(&self, _end_entity: &CertificateDer<'_>, _intermediates: &[CertificateDer<'_>], _now: UnixTime) -> Result<rustls::server::danger::ClientCertVerified, rustls::Error> {
        // ruleid: rust.tls-verifier-accepts-any
        Ok(rustls::server::danger::ClientCertVerified::assertion())
    }
}

pub struct ApiKeyCheck;

impl ApiKeyCheck {
    fn verify_server_token(&self, _token: &str) -> Result<(), String> {
        // ok: rust.tls-verifier-accepts-any
        Ok(())
    }
}

pub fn mtls_server(verifier: Arc<dyn rustls::server::danger::ClientCertVerifier>, certs: Vec<CertificateDer<'static>>, key: rustls::pki_types::PrivateKeyDer<'static>) -> rustls::ServerConfig {
    rustls::ServerConfig::builder()
        // ok: rust.rustls-dangerous-verifier
        .with_client_cert_verifier(verifier)
        .with_single_cert(certs, key)
        .unwrap()
}

pub fn rustls_insecure() -> rustls::ClientConfig {
    rustls::ClientConfig::builder()
        .dangerous()
        // ruleid: rust.rustls-dangerous-verifier
        .with_custom_certificate_verifier(Arc::new(SkipServerVerification))
        .with_no_client_auth()
}

pub fn rustls_swap_verifier(mut config: rustls::ClientConfig) -> rustls::ClientConfig {
    config
        .dangerous()
        // ruleid: rust.rustls-dangerous-verifier
        .set_certificate_verifier(Arc::new(SkipServerVerification));
    config
}

pub fn rustls_legacy() -> rustls::ClientConfig {
    rustls::ClientConfig::builder()
        .with_safe_defaults()
        // ruleid: rust.rustls-dangerous-verifier
        .with_custom_certificate_verifier(Arc::new(SkipServerVerification))
        .with_no_client_auth()
}

pub fn rustls_default() -> rustls::ClientConfig {
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    // ok: rust.rustls-dangerous-verifier
    rustls::ClientConfig::builder().with_root_certificates(roots).with_no_client_auth()
}

pub fn rustls_webpki(roots: Arc<RootCertStore>) -> rustls::ClientConfig {
    let verifier = rustls::client::WebPkiServerVerifier::builder(roots).build().unwrap();
    rustls::ClientConfig::builder()
        // ok: rust.rustls-dangerous-verifier
        .with_webpki_verifier(verifier)
        .with_no_client_auth()
}

#[derive(Debug)]
struct InternalCaVerifier;

impl rustls::client::danger::ServerCertVerifier for InternalCaVerifier {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        // ruleid: rust.tls-verifier-accepts-any
        Ok(ServerCertVerified::assertion()) // trust the internal CA
    }
}

// The flag in a field every construction of the type sets to `true`, and one read from the
// configuration.
pub struct Mailer {
    relay: String,
    accept_any: bool,
}

impl Mailer {
    pub fn from_env() -> Self {
        Mailer {
            relay: std::env::var("SMTP_RELAY").unwrap_or_else(|_| "mail.internal".into()),
            accept_any: true,
        }
    }

    pub fn connector(&self) -> native_tls::TlsConnector {
        native_tls::TlsConnector::builder()
            // ruleid: rust.tls-verification-disabled
            .danger_accept_invalid_certs(self.accept_any)
            .build()
            .unwrap()
    }
}

pub struct ProxyClient {
    insecure: bool,
}

impl ProxyClient {
    pub fn new(insecure: bool) -> Self {
        Self { insecure }
    }

    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            // ok: rust.tls-verification-disabled
            .danger_accept_invalid_certs(self.insecure)
            .build()
            .unwrap()
    }
}
