"""Bounded load test on loopback: kecamatan admins browse and upload, staff verify, the public reads open data.

Usage: python bench/load.py --base http://127.0.0.1:8123 --users 30 --duration 60 --password-file F
Only loopback addresses are accepted. Prints requests/s, p50/p95/p99 per kind and the error count, and
writes the same as JSON with --json.
"""

import argparse
import http.cookiejar
import io
import json
import random
import re
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

from PIL import Image

THINK = (1.0, 3.0)  # seconds a simulated person pauses between steps; set by --think
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _jpeg(shade):
    out = io.BytesIO()
    Image.new("RGB", (900, 1200), (240, 200 + shade, 230)).save(out, "JPEG", quality=60)
    return out.getvalue()


# Made once: the load generator shares the machine's two cores with the server.
PAGES = [_jpeg(shade) for shade in range(8)]


def jpeg(seed):
    return PAGES[seed % len(PAGES)]


class Client:
    def __init__(self, base, stats):
        self.base, self.stats = base, stats
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def request(self, kind, path, data=None, headers=None):
        started = time.perf_counter()
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        if data is not None:
            req.add_header("Referer", self.base + path)
        try:
            with self.opener.open(req, timeout=30) as response:
                body = response.read()
                status = response.status
        except urllib.error.HTTPError as exc:
            body, status = exc.read(), exc.code
        except Exception as exc:  # connection refused, timeout
            self.stats.record(kind, time.perf_counter() - started, f"exception: {exc}")
            return None, ""
        error = None if status < 400 else f"HTTP {status} {path}"
        self.stats.record(kind, time.perf_counter() - started, error)
        return status, body.decode("utf-8", "replace")

    def csrf(self, path):
        _status, page = self.request("form", path)
        match = CSRF.search(page or "")
        return match.group(1) if match else ""

    def post(self, kind, path, fields, files=(), form_path=None):
        token = self.csrf(form_path or path)
        fields = {**fields, "csrfmiddlewaretoken": token}
        if files:
            boundary = uuid.uuid4().hex
            parts = []
            for name, value in fields.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                )
            for name, filename, content in files:
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                    f"Content-Type: image/jpeg\r\n\r\n".encode()
                    + content
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        else:
            body = urllib.parse.urlencode(fields).encode()
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request(kind, path, body, headers)

    def login(self, username, password):
        status, _ = self.post("login", "/masuk/", {"username": username, "password": password})
        if status != 302:
            raise RuntimeError(f"login failed for {username}: {status}")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times, self.errors = {}, []

    def record(self, kind, seconds, error):
        with self.lock:
            self.times.setdefault(kind, []).append(seconds)
            if error:
                self.errors.append(error)


def district_admin(client, username, password, district, stop, seed):
    client.login(username, password)
    status, _ = client.post(
        "kim_create",
        f"/wilayah/kecamatan/{district}/tambah-kim/",
        {"name": f"KIM Uji Beban {username}", "level": "kecamatan", "activity": "aktif", "member_count": "10"},
    )
    kim_path = None
    _s, page = client.request("page", f"/wilayah/kecamatan/{district}/")
    match = re.search(r'href="(/kim/[0-9a-f-]+/)">KIM Uji Beban', page)
    kim_path = match.group(1) if match else None
    n = 0
    while not stop.is_set():
        n += 1
        for path in ("/", "/kim/", f"/wilayah/kecamatan/{district}/", kim_path or "/kim/"):
            client.request("page", path)
        if kim_path and n % 3 == 0:
            kim_id = kim_path.strip("/").split("/")[1]
            client.post(
                "upload",
                f"/sk/unggah/{kim_id}/",
                {
                    "number": f"BEBAN/{username}/{n}",
                    "signed_on": "2025-01-02",
                    "signatory": "Camat",
                    "term_start": "2025-01-02",
                    "term_end": "2028-01-01",
                },
                files=[("files", "hal-1.jpg", jpeg(seed + n)), ("files", "hal-2.jpg", jpeg(seed + n + 1))],
            )
        time.sleep(random.uniform(*THINK))


def staff(client, username, password, stop, seed):
    client.login(username, password)
    while not stop.is_set():
        _s, queue = client.request("page", "/sk/verifikasi/")
        client.request("page", "/")
        links = re.findall(r'href="(/sk/[0-9a-f-]{36}/)"', queue or "")
        if links:
            path = random.choice(links[:10])
            client.request("page", path)
            client.post("verify", path + "verifikasi/", {}, form_path=path)
        time.sleep(random.uniform(*THINK))


def public(client, stop):
    while not stop.is_set():
        for path in ("/publik/", "/data/kim.json", "/data/kim.csv"):
            client.request("public", path)
        time.sleep(random.uniform(*THINK))


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000 if values else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8123")
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--password-file", required=True)
    parser.add_argument(
        "--districts",
        default="35.23.01,35.23.02,35.23.03,35.23.04,35.23.05,35.23.06,35.23.07,35.23.08,35.23.09,35.23.10",
    )
    parser.add_argument("--json")
    parser.add_argument("--think", default="1,3", help="min,max seconds between a user's steps")
    parser.add_argument("--ramp", type=float, default=10, help="seconds over which users start")
    args = parser.parse_args()
    global THINK
    THINK = tuple(float(x) for x in args.think.split(","))
    host = urllib.parse.urlparse(args.base).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("loopback only")
    password = open(args.password_file).read().strip()
    districts = args.districts.split(",")
    stats, stop = Stats(), threading.Event()
    threads = []
    per_kind = args.users // 3
    for i in range(args.users):
        client = Client(args.base, stats)
        if i < per_kind:
            target = lambda c=client, i=i: district_admin(
                c, f"beban_kec_{i}", password, districts[i % len(districts)], stop, i * 100
            )
        elif i < 2 * per_kind:
            target = lambda c=client, i=i: staff(c, f"beban_staf_{i}", password, stop, i)
        else:
            target = lambda c=client: public(c, stop)
        threads.append(threading.Thread(target=target, daemon=True))
    started = time.perf_counter()
    for index, thread in enumerate(threads):
        thread.start()
        time.sleep(args.ramp / len(threads))
    time.sleep(max(0.0, args.duration - args.ramp))
    stop.set()
    for thread in threads:
        thread.join(timeout=40)
    elapsed = time.perf_counter() - started
    everything = [t for times in stats.times.values() for t in times]
    result = {
        "think_seconds": list(THINK),
        "ramp_seconds": args.ramp,
        "users": args.users,
        "seconds": round(elapsed, 1),
        "requests": len(everything),
        "requests_per_second": round(len(everything) / elapsed, 1),
        "errors": len(stats.errors),
        "p50_ms": round(percentile(everything, 0.50)),
        "p95_ms": round(percentile(everything, 0.95)),
        "p99_ms": round(percentile(everything, 0.99)),
        "by_kind": {
            kind: {
                "n": len(t),
                "p50_ms": round(percentile(t, 0.5)),
                "p95_ms": round(percentile(t, 0.95)),
                "mean_ms": round(statistics.mean(t) * 1000),
            }
            for kind, t in sorted(stats.times.items())
        },
        "first_errors": stats.errors[:10],
    }
    print(json.dumps(result, indent=2))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(result, handle, indent=2)


if __name__ == "__main__":
    main()
