"""What the SK app announces, so that other apps (the OCR reader) can join in without being imported.

decrees never imports those apps; they connect to these signals in their AppConfig.ready().
"""

from django.dispatch import Signal

# Sent inside the transaction that stored new scans of an SK (an upload, a confirmed draft, scans
# attached to an imported SK), after the scans are saved. kwargs: decree. Receivers may write in the
# same transaction; an exception they raise undoes the upload.
scans_stored = Signal()

# Asked while rendering the SK page. kwargs: request, decree, perms (what the user may do).
# Each receiver returns HTML (already rendered and escaped) to show, or "".
decree_page_panels = Signal()

# Asked while rendering the SK upload page. kwargs: request, kim. Receivers return HTML or "".
upload_page_panels = Signal()


def panels(signal, **kwargs):
    """The HTML fragments the receivers of `signal` contributed, in connection order."""
    return [html for _receiver, html in signal.send(sender=None, **kwargs) if html]


# Asked by "Cari SK" for the read text of SK scans (OCR). No kwargs. A receiver returns an object
# offering:
#   reading_on: bool, True while new scans are being read on this server;
#   matching(query) -> a queryset of Decree primary keys whose read text matches (used as a subquery;
#                      scope is applied by the caller to the decrees, never trusted from here);
#   passages(decrees, query) -> {decree pk: safe HTML passage} for one page of results.
# With no receiver (the reading app is not installed) only the typed data of SKs is searched.
text_search = Signal()


def text_searchers():
    """The read-text searchers contributed by receivers of `text_search`."""
    return [searcher for _receiver, searcher in text_search.send(sender=None) if searcher is not None]
