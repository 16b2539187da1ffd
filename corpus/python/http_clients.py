import socket
import ssl
import urllib.request

import aiohttp
import httpx
import paramiko
import requests
from httpx import AsyncClient

INTERNAL_CA = "/etc/ssl/certs/internal-ca.pem"


def fetch_report(url, token):
    # ruleid: python.tls-verify-disabled
    resp = requests.get(url, headers={"Authorization": f"Bearer {token}"}, verify=False)
    resp.raise_for_status()
    return resp.json()


def fetch_report_internal_ca(url):
    # ok: python.tls-verify-disabled
    return requests.get(url, verify=INTERNAL_CA, timeout=10).json()


def post_event(session: requests.Session, url, event):
    # ruleid: python.tls-verify-disabled
    return session.post(url, json=event, verify=False, timeout=5)


def make_session():
    s = requests.Session()
    # ruleid: python.tls-verify-disabled
    s.verify = False
    return s


def make_client():
    # ruleid: python.tls-verify-disabled
    return httpx.Client(base_url="https://billing.internal", verify=False)


def make_async_client():
    # ruleid: python.tls-verify-disabled
    return AsyncClient(verify=False, timeout=10)


def make_strict_client():
    # ok: python.tls-verify-disabled
    return httpx.Client(verify=True, timeout=10)


async def scrape(url):
    # ruleid: python.tls-verify-disabled
    connector = aiohttp.TCPConnector(ssl=False)
    async with aiohttp.ClientSession(connector=connector) as session:
        # ruleid: python.tls-verify-disabled
        async with session.get(url, ssl=False) as resp:
            return await resp.text()


def cache_lookup(cache, key):
    # An unrelated keyword that happens to be called verify.
    # ok: python.tls-verify-disabled
    return cache.lookup(key, verify=False)


def validate_form(form):
    # ok: python.tls-verify-disabled
    form.verify = True
    return form


def legacy_urlopen(url):
    # ruleid: python.ssl-no-cert-verification
    ctx = ssl._create_unverified_context()
    return urllib.request.urlopen(url, context=ctx).read()


def patch_default_context():
    # ruleid: python.ssl-no-cert-verification
    ssl._create_default_https_context = ssl._create_unverified_context


def lenient_context():
    ctx = ssl.create_default_context()
    # ruleid: python.ssl-no-cert-verification
    ctx.check_hostname = False
    # ruleid: python.ssl-no-cert-verification
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def strict_context():
    # ok: python.ssl-no-cert-verification
    ctx = ssl.create_default_context(cafile=INTERNAL_CA)
    # ok: python.ssl-no-cert-verification
    ctx.verify_mode = ssl.CERT_REQUIRED
    # ok: python.ssl-no-cert-verification
    ctx.check_hostname = True
    return ctx


def is_insecure(ctx):
    # ok: python.ssl-no-cert-verification
    return ctx.verify_mode == ssl.CERT_NONE


def pooled(urllib3):
    # ruleid: python.ssl-no-cert-verification
    return urllib3.PoolManager(cert_reqs="CERT_NONE")


def raw_tls(host, port):
    sock = socket.create_connection((host, port))
    # ruleid: python.ssl-no-cert-verification
    return ssl.wrap_socket(sock)


def raw_tls_verified(host, port):
    sock = socket.create_connection((host, port))
    ctx = ssl.create_default_context()
    # ok: python.ssl-no-cert-verification
    return ctx.wrap_socket(sock, server_hostname=host)


def deploy(host, key_path):
    client = paramiko.SSHClient()
    # ruleid: python.paramiko-auto-add-policy
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(host, username="deploy", key_filename=key_path)
    return client


def deploy_warning(host):
    client = paramiko.SSHClient()
    # ruleid: python.paramiko-auto-add-policy
    client.set_missing_host_key_policy(paramiko.WarningPolicy)
    client.connect(host, username="deploy")
    return client


def deploy_known_hosts(host):
    from paramiko import AutoAddPolicy, RejectPolicy, SSHClient
    client = SSHClient()
    client.load_system_host_keys()
    # ok: python.paramiko-auto-add-policy
    client.set_missing_host_key_policy(RejectPolicy())
    client.connect(host, username="deploy")
    return client


def deploy_bare_import(host):
    from paramiko import AutoAddPolicy, SSHClient
    client = SSHClient()
    # ruleid: python.paramiko-auto-add-policy
    client.set_missing_host_key_policy(AutoAddPolicy())
    return client


def strict_default(host):
    client = paramiko.SSHClient()
    client.load_host_keys("/etc/myapp/known_hosts")
    # ok: python.paramiko-auto-add-policy
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    return client


def weather(city, API_KEY, token):
    # ruleid: python.secret-in-url-query
    resp = requests.get(f"https://api.weather.example/v1/forecast?city={city}&api_key={API_KEY}", timeout=5)
    # ruleid: python.secret-in-url-query
    feed = requests.get(f"https://feeds.example.com/items?access_token={token}", timeout=5)
    # ok: python.secret-in-url-query
    safe = requests.get("https://api.weather.example/v1/forecast", params={"city": city}, headers={"X-Api-Key": API_KEY}, timeout=5)
    # ok: python.secret-in-url-query
    page = requests.get(f"https://api.weather.example/v1/forecast?city={city}&page={2}", timeout=5)
    return resp, feed, safe, page


def send_reset_link(send_mail, email, token):
    # ok: python.secret-in-url-query
    send_mail(email, "Reset your password", f"https://app.example/reset-password?token={token}")


def internal_report(password):
    # ruleid: python.basic-auth-over-http
    r1 = requests.get("http://reports.internal.example.com/api/daily", auth=("admin", password), timeout=5)
    # ruleid: python.basic-auth-over-http
    r2 = httpx.post("http://billing.example.com/api/export", auth=("svc", password))
    # ok: python.basic-auth-over-http
    r3 = requests.get("https://reports.internal.example.com/api/daily", auth=("admin", password), timeout=5)
    # ok: python.basic-auth-over-http
    r4 = requests.get("http://localhost:8080/api/daily", auth=("admin", password), timeout=5)
    return r1, r2, r3, r4


def serving_context(cert, key):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    # ok: python.ssl-no-cert-verification
    context.check_hostname = False
    return context


def lax_client_context():
    context = ssl.create_default_context()
    # ruleid: python.ssl-no-cert-verification
    context.check_hostname = False
    return context
