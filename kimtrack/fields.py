"""Model fields that carry a shared text rule, so every write path (form, import, admin) reaches it via full_clean().

The rule runs in `Field.clean()`, which `Model.full_clean()` calls and whose result it stores, and
not in `to_python()`: deserialising a backup calls `to_python()`, and a restore must load old rows
exactly as they were, never refuse or rewrite them.
"""

from django.db import models

from kimtrack.phone import normalise_phone
from kimtrack.validators import validate_single_line


class SingleLineCharField(models.CharField):
    """A name: surrounding whitespace stripped, line breaks and control characters refused."""

    default_validators = [validate_single_line]

    def clean(self, value, model_instance):
        if isinstance(value, str):
            value = value.strip()
        return super().clean(value, model_instance)


class PhoneField(models.CharField):
    """An Indonesian telephone number, stored in the one canonical form of kimtrack.phone ("+62…")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(*args, **kwargs)

    def clean(self, value, model_instance):
        return super().clean(normalise_phone(value), model_instance)
