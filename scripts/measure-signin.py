#!/usr/bin/env python3
"""Sign-in under load: N clients post wrong passwords at once while /healthz is polled.
Usage: measure-signin.py BASE_URL [N]. Prints the sign-in times and the worst /healthz time seen meanwhile."""
import re, sys, threading, time, urllib.request, urllib.parse, http.cookiejar

BASE, N = sys.argv[1].rstrip("/"), int(sys.argv[2]) if len(sys.argv) > 2 else 8

def sign_in(email, password, out):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(BASE + "/login").read().decode()
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"_csrf": csrf, "email": email, "password": password, "next": ""}).encode()
    started = time.time()
    try:
        opener.open(BASE + "/login", data)
    except urllib.error.HTTPError:
        pass
    out.append(time.time() - started)

times, health, done = [], [], threading.Event()
def poll():
    while not done.is_set():
        started = time.time(); urllib.request.urlopen(BASE + "/healthz").read(); health.append(time.time() - started); time.sleep(0.02)
poller = threading.Thread(target=poll); poller.start()
threads = [threading.Thread(target=sign_in, args=(f"nobody{i}@example.com", "wrong", times)) for i in range(N)]
[t.start() for t in threads]; [t.join() for t in threads]
done.set(); poller.join()
one = []; sign_in("psa@obar.example", "psdesk-demo-2026", one)
print(f"{N} parallel sign-ins: fastest {min(times):.2f} s, slowest {max(times):.2f} s; /healthz worst {max(health)*1000:.0f} ms over {len(health)} polls; one sign-in alone {one[0]:.2f} s")
