"""gunicorn settings for KIMTrack (used by `make serve` and the systemd unit in deploy/)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# The usual 2 x cores + 1; WEB_CONCURRENCY overrides it.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = 60
graceful_timeout = 30
# A worker is replaced after this many requests, so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Header limits, before Django reads anything; the body limit itself is nginx's client_max_body_size.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = None  # KIMTrack logs each request itself, as JSON, without query strings
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
