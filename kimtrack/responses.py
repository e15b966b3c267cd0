"""The answer to a form that was saved: a redirect for the browser, or its address for static/js/upload.js.

upload.js posts upload forms itself (to show progress on a slow line). A plain redirect would be
followed inside that request, and the page it lands on would use up the success message nobody
then sees; so the script asks with UPLOAD_SCRIPT_HEADER and gets {"redirect": url} instead, then
navigates there itself, and the message is shown on that page.
"""

from django.http import JsonResponse
from django.shortcuts import redirect, resolve_url

UPLOAD_SCRIPT_HEADER = "X-Requested-With"
UPLOAD_SCRIPT_VALUE = "XMLHttpRequest"


def from_upload_script(request):
    """Whether upload.js sent this request (and reads the answer itself)."""
    return request.headers.get(UPLOAD_SCRIPT_HEADER) == UPLOAD_SCRIPT_VALUE


def redirect_after_save(request, to, *args, **kwargs):
    """Redirect to `to` (a model, URL name or URL, as django.shortcuts.redirect takes it) after a save."""
    url = resolve_url(to, *args, **kwargs)
    if from_upload_script(request):
        return JsonResponse({"redirect": url})
    return redirect(url)
