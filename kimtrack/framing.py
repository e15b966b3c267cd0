"""Which responses the site's own pages may show in a frame: the one home of that exception.

Every response answers `X-Frame-Options: DENY` and `frame-ancestors 'none'` (settings). A response
that one of our pages embeds (a dashboard map, a PDF scan on the SK page) is framed by the site
itself only. The CSP directive is *replaced*, not extended: `'none'` beside `'self'` is not a valid
source list, and browsers log an error for it on every page that frames the response.
"""

from csp.decorators import csp_replace
from django.views.decorators.clickjacking import xframe_options_sameorigin


def framed_by_site(view):
    """View decorator: the responses of `view` may be framed by pages of this site, by no other."""
    return xframe_options_sameorigin(csp_replace({"frame-ancestors": ["'self'"]})(view))
