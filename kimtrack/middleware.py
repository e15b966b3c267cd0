import logging
import time

logger = logging.getLogger("kimtrack.request")


class RequestLogMiddleware:
    """One structured log line per request: method, path (never the query string), status, time, user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        logger.info(
            "request",
            extra={
                "event": "request",
                "method": request.method,
                "path": request.path,  # request.path has no query string: it may hold search terms or names
                "status": response.status_code,
                "ms": round((time.monotonic() - started) * 1000, 1),
                "user": user.username if user is not None and user.is_authenticated else "",
            },
        )
        return response
