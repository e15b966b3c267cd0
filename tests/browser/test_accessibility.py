"""WCAG 2.1 AA on the main pages, checked with axe-core (from the npm registry) in chromium.

Zero serious or critical violations allowed. axe runs inside the page; the test context bypasses
the site's Content-Security-Policy only to inject axe itself.
"""

import json
from pathlib import Path

import pytest
from django.conf import settings

from decrees.models import Decree
from reading.services import create_draft
from tests.browser.conftest import DESKTOP, PHONE, login
from tests.factories import PASSWORD
from tests.files import sk_photo

pytestmark = pytest.mark.django_db(transaction=True)
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0/2.1 A and AA rules; only serious and critical findings, each with its first nodes and message.
AXE_RUN = """async () => {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations
    .filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + ((n.any[0] || {}).message || ''))}));
}"""


def violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(AXE_RUN)
    return result


def pages():
    decree = Decree.objects.filter(status=Decree.Status.PENDING).exclude(scans=None).first()
    kim = decree.kim
    return {
        "dashboard": "/",
        "kim-list": "/kim/",
        "kim-page": kim.get_absolute_url(),
        "sk-upload": f"/sk/unggah/{kim.pk}/",
        "verification-queue": "/sk/verifikasi/",
        "sk-decision": decree.get_absolute_url(),
        "outreach-form": "/sosialisasi/baru/",
        "outreach-list": "/sosialisasi/",
        "sk-search": "/sk/cari/?q=KIM",
        "sk-draft": create_draft(kim=kim, files=[sk_photo()], uploaded_by=decree.uploaded_by).get_absolute_url(),
    }


@pytest.mark.parametrize(("viewport", "label"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_main_pages_have_no_serious_accessibility_violations(browser, live_server, demo, viewport, label):
    assert AXE.exists(), "run `npm ci` (make test does) to install axe-core"
    context = browser.new_context(viewport=viewport, base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    found = {}
    page.goto("/masuk/")
    found["login"] = violations(page)
    login(page, "demo_staf", PASSWORD)
    for name, url in pages().items():
        page.goto(url)
        found[name] = violations(page)
    page.context.clear_cookies()
    login(page, "demo_provinsi", PASSWORD)
    page.goto("/provinsi/35/")
    found["province-dashboard"] = violations(page)
    page.context.clear_cookies()
    page.goto("/publik/")
    found["public"] = violations(page)
    context.close()
    bad = {name: v for name, v in found.items() if v}
    assert bad == {}, json.dumps(bad, indent=1, ensure_ascii=False)
