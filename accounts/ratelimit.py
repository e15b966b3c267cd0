"""Counting attempts per key in Django's cache (shared by every worker: see CACHES in settings)."""

import hashlib

from django.core.cache import cache


def hit(scope, value, *, limit, window):
    """Count one attempt for (scope, value); True while the count within `window` seconds is at most `limit`.

    The value is hashed so that addresses and e-mail addresses never sit in the cache in clear.
    """
    key = f"ratelimit:{scope}:{hashlib.sha256(str(value).strip().lower().encode()).hexdigest()}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
