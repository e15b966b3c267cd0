"""Form parts every app uses: the date input, the multiple-file field, showing a service's errors."""

from django import forms

from kimtrack import uploads


class DateInput(forms.DateInput):
    """The browser's own date picker (ISO value, shown in the user's locale)."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that carries the upload limits as data attributes, read when it is rendered (see upload.js)."""

    allow_multiple_selected = True

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        own = context["widget"]["attrs"]
        checks = uploads.browser_checks(own.get("accept", ""), own.get("data-max-files"))
        context["widget"]["attrs"] = {**checks, **own}
        return context


class MultipleFileField(forms.FileField):
    """Several files in one input; their content is checked by the upload validation, not here."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            # image/* lets phones offer the camera; the server still accepts only JPEG, PNG and PDF.
            MultipleFileInput(attrs={"accept": "image/*,application/pdf", "multiple": True}),
        )
        # Empty files are refused by the upload validation, with a message naming the file.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = list(data) if isinstance(data, list | tuple) else ([data] if data else [])
        if not items and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


def attach_errors(form, exc, field="files"):
    """Show a service's ValidationError on the form: per field, and the rest under `field`.

    File problems go under the file field; a form without files passes field=None (top of the form).
    """
    if not hasattr(exc, "error_dict"):
        form.add_error(field, exc)
        return
    for name, errors in exc.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
