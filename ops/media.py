from django.apps import apps
from django.db import models


def referenced_files():
    """{storage name: 'app.Model pk'} for every file a row points to."""
    found = {}
    for model in apps.get_models():
        fields = [f for f in model._meta.get_fields() if isinstance(f, models.FileField)]
        if not fields or model._meta.label.startswith("historical") or "Historical" in model.__name__:
            continue
        for field in fields:
            for pk, name in model._default_manager.exclude(**{field.name: ""}).values_list("pk", field.name):
                found[name] = f"{model._meta.label} {pk}"
    return found
