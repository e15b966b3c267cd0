"""Helpers that send a page's forms back as a browser would."""


def rules_post(page, **fields):
    """The regency rules page's form and formsets as loaded, with `fields` changed."""
    form = page.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = "" if value is None else value
    for formset in page.context["formsets"]:
        count = formset.initial_form_count()
        data[f"{formset.prefix}-TOTAL_FORMS"] = count
        data[f"{formset.prefix}-INITIAL_FORMS"] = count
        for i, sub in enumerate(formset.forms[:count]):
            data[f"{formset.prefix}-{i}-id"] = sub.instance.pk
            for name in sub.fields:
                if name not in ("id", "DELETE", "regency"):
                    value = getattr(sub.instance, name)
                    data[f"{formset.prefix}-{i}-{name}"] = "" if value is None else value
    data.update(fields)
    return data
