"""The project's settings with the SK reading assistant (OCR) left out.

`.ci/run` runs the SK tests with these to prove `decrees` does not depend on `reading`.
"""

from kimtrack.settings import *  # noqa: F403

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "reading"]  # noqa: F405
