#!/usr/bin/env python3
"""Two `psdesk serve` instances on one PostgreSQL (issue 21, item 6), hit at once.

Usage: two_instances.py BASE_A BASE_B SMTP_PORT TOKEN
Both instances run `serve` against the same DATABASE_URL, the same PSDESK_DOCUMENTS folder and the same
PSDESK_OMBUDS_KEY, delivering mail to the aiosmtpd relay this script runs on SMTP_PORT. It checks that:
  - cases opened concurrently on both get distinct numbers;
  - entries appended concurrently to one case on both get distinct, gap-free sequences;
  - every outbox message is delivered exactly once although both instances deliver;
  - a session made on one instance is honoured by the other;
  - a paper uploaded through one is downloaded, byte for byte, through the other;
  - both say they are ready.
"""
import http.cookiejar, json, re, sys, threading, time, urllib.error, urllib.parse, urllib.request

from aiosmtpd.controller import Controller

A, B, SMTP_PORT, TOKEN = sys.argv[1].rstrip("/"), sys.argv[2].rstrip("/"), int(sys.argv[3]), sys.argv[4]
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def api(base, method, path, body=None, content_type="application/json", raw=False):
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + TOKEN, **({"Content-Type": content_type} if data else {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            payload = response.read()
            return response.status, payload if raw else json.loads(payload or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def in_parallel(jobs):
    results = [None] * len(jobs)
    def run(i, job):
        results[i] = job()
    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    return results


class Mailbox:
    def __init__(self):
        self.messages, self.lock = [], threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(envelope.content)
        return "250 Message accepted for delivery"


class Browser:
    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url):
        try:
            with self.opener.open(url, timeout=60) as response:
                return response.status, response.read().decode(), response.geturl()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), url

    def post_form(self, url, fields):
        _, page, _ = self.get(url)
        token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({**fields, "_csrf": token}).encode()
        try:
            with self.opener.open(url, data, timeout=60) as response:
                return response.status, response.read().decode(), response.geturl()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), url


box = Mailbox()
relay = Controller(box, hostname="127.0.0.1", port=SMTP_PORT)
relay.start()
try:
    for base in (A, B):
        status, _ = api(base, "GET", "/readyz")
        check(status == 200, f"{base} is ready")

    # Cases opened at once on both instances: distinct numbers.
    opened = in_parallel([lambda base=(A if i % 2 else B), i=i: api(base, "POST", "/api/v1/associations/obar/cases",
                                                                      {"kind": "mediation", "title": f"Two instances {i}"})
                          for i in range(24)])
    numbers = [body["number"] for status, body in opened if status == 201]
    check(len(numbers) == 24, f"24 cases opened across both instances ({len(numbers)} answered 201)")
    check(len(set(numbers)) == len(numbers), f"case numbers distinct: {sorted(numbers)[:3]}…")

    # Entries appended at once to one case through both: distinct, gap-free sequences.
    number = numbers[0]
    appended = in_parallel([lambda base=(A if i % 2 else B), i=i: api(base, "POST", f"/api/v1/associations/obar/cases/{number}/entries",
                                                                        {"type": "note", "effectiveOn": time.strftime("%Y-%m-%d"), "payload": {"text": f"note {i}"}})
                            for i in range(20)])
    check(all(status == 201 for status, _ in appended), f"20 notes appended through both ({[s for s, _ in appended if s != 201][:3]})")
    status, entries = api(B, "GET", f"/api/v1/associations/obar/cases/{number}/entries")
    sequences = sorted(entry["sequence"] for entry in entries)
    check(sequences == list(range(1, len(sequences) + 1)), f"the docket's {len(sequences)} sequences are distinct and gap-free")

    # Outbox: password resets asked through both; each message delivered once though both instances deliver.
    before = len(box.messages)
    asked = in_parallel([lambda base=(A if i % 2 else B): Browser().post_form(base + "/password/forgot", {"email": "psa@obar.example"})
                         for i in range(6)])
    check(all(status == 200 for status, _, _ in asked), "six reset requests taken through both instances")
    deadline = time.time() + 90
    while time.time() < deadline and len(box.messages) - before < 6:
        time.sleep(0.5)
    time.sleep(6)  # several more delivery rounds on both: a duplicate would arrive now
    delivered = box.messages[before:]
    ids = [re.search(rb"^Message-ID: *(.+)$", m, re.M | re.I).group(1).strip() for m in delivered]
    check(len(delivered) == 6, f"six messages delivered, not more ({len(delivered)})")
    check(len(set(ids)) == len(ids), "no message delivered twice")

    # A session made on A is honoured by B.
    person = Browser()
    status, _, landed = person.post_form(A + "/login", {"email": "psa@obar.example", "password": "psdesk-demo-2026", "next": ""})
    check("/login" not in landed, f"signed in on A (landed on {landed})")
    status, page, landed = person.get(B + "/a/obar")
    check(status == 200 and "/login" not in landed, "the session is honoured on B")

    # A paper uploaded through A is read through B.
    pdf = b"%PDF-1.4\n% two instances\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
    boundary = "two-instances"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nShared store\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"shared.pdf\"\r\nContent-Type: application/pdf\r\n\r\n").encode() \
        + pdf + f"\r\n--{boundary}--\r\n".encode()
    status, document = api(A, "POST", f"/api/v1/associations/obar/cases/{number}/documents", body, f"multipart/form-data; boundary={boundary}")
    check(status == 201, f"a paper uploaded through A ({status})")
    if status == 201:
        status, content = api(B, "GET", f"/api/v1/associations/obar/cases/{number}/documents/{document['id']}/content", raw=True)
        check(status == 200 and content == pdf, "the same bytes downloaded through B")
finally:
    relay.stop()

print(f"two instances: {'all checks passed' if not failures else f'{len(failures)} failed'}")
sys.exit(1 if failures else 0)
