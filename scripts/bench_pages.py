"""Signs in, checks each page answers 200 alone, then runs wrk on it and prints the table (scripts/bench-pages)."""
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.error
import urllib.request

base, slug, email, password, token, server_pid = sys.argv[1:7]
seconds = os.environ.get("BENCH_SECONDS", "10")
connections = os.environ.get("BENCH_CONNECTIONS", "64")

class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Signing in redirects to the dashboard: measured below, not loaded on the way in."""
    def redirect_request(self, *args, **kwargs):
        return None


jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
login = opener.open(base + "/login").read().decode()
csrf = re.search(r'name="_csrf" value="([^"]+)"', login).group(1)
try:
    opener.open(base + "/login", urllib.parse.urlencode({"_csrf": csrf, "email": email, "password": password}).encode())
except urllib.error.HTTPError as redirect:  # the 303 to the dashboard, not followed
    if redirect.code not in (302, 303):
        raise
cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
bearer = f"Bearer {token}"

# A case with a long docket: the newest ethics case that reached final action.
listing = json.load(opener.open(urllib.request.Request(base + f"/api/v1/associations/{slug}/cases?limit=500",
                                                        headers={"Authorization": bearer})))
number = next((c["number"] for c in listing if c["number"].startswith("E-") and c["status"] == "final-action"), listing[0]["number"])

pages = [
    ("/healthz", "/healthz", None),
    ("case page", f"/a/{slug}/cases/{number}", cookie),
    ("dashboard", f"/a/{slug}", cookie),
    ("case list", f"/a/{slug}/cases", cookie),
    ("GC queue", f"/a/{slug}/gc-queue", cookie),
    ("Money", f"/a/{slug}/money", cookie),
    ("escrow register", f"/a/{slug}/money/escrow", cookie),
    ("escrow register CSV (whole)", f"/a/{slug}/money/escrow.csv", cookie),
    ("case list searched and filtered", f"/a/{slug}/cases?q=consumer+no+1&kind=ethics&due=overdue", cookie),
    ("API case list", f"/api/v1/associations/{slug}/cases", "bearer"),
    ("API deadlines of one case", f"/api/v1/associations/{slug}/cases/{number}/deadlines", "bearer"),
]


def rss_mb():
    with open(f"/proc/{server_pid}/status") as f:
        return int(next(line for line in f if line.startswith("VmRSS")).split()[1]) // 1024


def headers(auth):
    if auth is None:
        return []
    if auth == "bearer":
        return ["-H", f"Authorization: {bearer}"]
    return ["-H", f"Cookie: {auth}"]


def alone(path, auth):
    request = urllib.request.Request(base + path)
    for value in headers(auth)[1::2]:
        key, _, val = value.partition(": ")
        request.add_header(key, val)
    started = time.time()
    response = urllib.request.urlopen(request, timeout=600)
    response.read()
    return response.status, (time.time() - started) * 1000


def millis(out, percentile):
    """A latency percentile from wrk's output in ms; None when no request finished."""
    found = re.search(percentile + r"%\s+([\d.]+)(us|ms|s|m)\b", out)
    if not found:
        return None
    value, unit = found.groups()
    return float(value) * {"us": 1e-3, "ms": 1, "s": 1000, "m": 60000}[unit]


# BENCH_SKIP="dashboard,Money": pages to leave out of a run (those not yet fast enough to load at all).
skip = {name.strip() for name in os.environ.get("BENCH_SKIP", "").split(",") if name.strip()}
def settle():
    """Wait until the server has worked off what the last run queued: wrk stops sending, the server does not stop
    answering, and the next page's figures must not carry the last one's backlog."""
    for _ in range(600):
        if alone("/healthz", None)[1] < 20:
            return
        time.sleep(0.5)


rows = []
healthz = None
for label, path, auth in pages:
    if label in skip:
        continue
    settle()
    status, single = alone(path, auth)
    if single > 2000:
        # Loading a page this slow would queue minutes of work behind the run and spoil the pages after it.
        rows.append((label, status, single, single and 1000 / single, (1000 / single) / healthz * 100, None, None, 0, rss_mb()))
        continue
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "30s"] + headers(auth) + [base + path],
                         capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50, p99 = millis(out, "50"), millis(out, "99")
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    healthz = healthz or rate
    rows.append((label, status, single, rate, rate / healthz * 100, p50, p99, int(non2xx.group(1)) if non2xx else 0, rss_mb()))

print()
print(f"| page | alone | req/s ({connections} connections; one at a time when alone > 2 s) | of /healthz | p50 | p99 | non-2xx | resident MB after |")
print("|---|---|---|---|---|---|---|---|")
for label, status, single, rate, ratio, p50, p99, bad, rss in rows:
    def ms(value):
        return "—" if value is None or value == 0 else f"{value:.1f} ms"
    print(f"| {label} | {status}, {single:.0f} ms | {rate:,.1f} | {ratio:.2f} % | {ms(p50)} | {ms(p99)} | {bad} | {rss} |")
