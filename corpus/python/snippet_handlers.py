# Fragments pasted from a chat answer: no imports, a method without its class, and the
# last function is cut off mid-call.

    def restore(self, raw):
        # ruleid: python.jsonpickle-decode
        self.state = jsonpickle.decode(raw)
        # ruleid: python.marshal-load
        self.code = marshal.loads(self.state["code"])

def run_job(job):
    # ruleid: python.subprocess-shell
    subprocess.Popen(job.command_line, shell=True)
    # ok: python.asyncio-subprocess-shell
    asyncio.create_subprocess_shell("sync")

def open_user_shelf(user_id):
    # ruleid: python.shelve-open
    return shelve.open(os.path.join(DATA_DIR, user_id))

def temp_report():
    # ruleid: python.tempfile-mktemp
    return tempfile.mktemp(".csv")

def connect(host):
    ssh = paramiko.SSHClient()
    # ok: python.paramiko-auto-add-policy
    ssh.set_missing_host_key_policy(paramiko.client.RejectPolicy())
    # ok: python.sax-external-entities
    features.setFeature("external-general-entities", True)

def lookup(cur, name):
    # ruleid: python.sql-string-formatting
    cur.execute(f"SELECT * FROM people WHERE name = '{name}'")
    # ok: python.jsonpickle-decode
    return jsonpickle.encode(cur.fetchall())

def parse(xml_bytes):
    p = make_parser()
    # ruleid: python.sax-external-entities
    p.setFeature(handler.feature_external_ges, True)
    # ok: python.marshal-load
    # ruleid: python.insecure-temp-path
    marshal.dump(xml_bytes, open("/tmp/x.bin", "wb"))
    # ok: python.shelve-open, python.tempfile-mktemp
    return tempfile.NamedTemporaryFile(suffix=".xml")

def fetch_all(urls):
    results = []
    for url in urls:
        # ruleid: python.tls-verify-disabled
        results.append(requests.get(url, verify=False).text)
    return results

def finish(data):
    # ruleid: python.yaml-load
    cfg = yaml.load(data)
    resp = requests.post(
        cfg["url"],
        json={"items": [
            1, 2, 3
