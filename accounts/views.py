"""Staff manage the kecamatan admin accounts of their own regency."""

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.forms import AccountFilterForm, DistrictAccountForm, LanguageForm
from accounts.models import User
from accounts.services import generate_password, password_reset
from audit.models import AuditEvent
from audit.services import audit
from districts.models import District


def _require_account_manager(user):
    """Only regency staff and superusers manage accounts; others get 403."""
    if not user.is_regency_staff:
        raise PermissionDenied


def _get_account_for_user(request, pk):
    """A kecamatan account in the manager's regency, else 404."""
    _require_account_manager(request.user)
    return get_object_or_404(User.objects.district_admins().for_user(request.user).select_related("district"), pk=pk)


def _audit_account(request, account, what, action=AuditEvent.Action.ACCOUNT_CHANGED):
    audit(
        action,
        actor=request.user,
        area_code=account.district_id,
        object_id=account.pk,
        summary=f"{account.username}: {what}",
        request=request,
    )


def account_list(request):
    _require_account_manager(request.user)
    form = AccountFilterForm(request.GET or None)
    accounts = (
        User.objects.district_admins()
        .for_user(request.user)
        .select_related("district")
        .order_by("district__name", "username")
    )
    if form.is_valid() and form.cleaned_data["q"]:
        q = form.cleaned_data["q"]
        accounts = accounts.filter(
            Q(username__icontains=q) | Q(first_name__icontains=q) | Q(district__name__icontains=q)
        )
    page = Paginator(accounts, 25).get_page(request.GET.get("page"))
    locked = set(
        AccessAttempt.objects.filter(
            username__in=[a.username for a in page], failures_since_start__gte=settings.AXES_FAILURE_LIMIT
        ).values_list("username", flat=True)
    )
    return render(request, "accounts/account_list.html", {"page": page, "form": form, "locked": locked})


@never_cache  # the response shows a one-time password
@require_http_methods(["GET", "POST"])
def account_create(request):
    _require_account_manager(request.user)
    form = DistrictAccountForm(request.POST or None, districts=District.objects.for_user(request.user))
    if request.method == "POST" and form.is_valid():
        password = generate_password()
        with transaction.atomic():
            user = form.save(commit=False)
            user.set_password(password)
            user.save()
        messages.success(request, _("Akun %(username)s dibuat.") % {"username": user.username})
        return render(request, "accounts/account_password.html", {"account": user, "password": password})
    return render(request, "accounts/account_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def account_toggle_active(request, pk):
    account = _get_account_for_user(request, pk)
    if request.method == "POST":
        account.is_active = not account.is_active
        account.save(update_fields=["is_active"])
        _audit_account(request, account, "aktif" if account.is_active else "nonaktif")
        if account.is_active:
            messages.success(request, _("Akun %(username)s diaktifkan kembali.") % {"username": account.username})
        else:
            messages.success(request, _("Akun %(username)s dinonaktifkan.") % {"username": account.username})
        return redirect("accounts:list")
    return render(request, "accounts/account_confirm_toggle.html", {"account": account})


@never_cache  # the response shows a one-time password
@require_http_methods(["GET", "POST"])
def account_reset_password(request, pk):
    account = _get_account_for_user(request, pk)
    if request.method == "POST":
        password = password_reset(user=account)
        _audit_account(request, account, "kata sandi direset")
        messages.success(request, _("Kata sandi %(username)s diganti.") % {"username": account.username})
        return render(request, "accounts/account_password.html", {"account": account, "password": password})
    return render(request, "accounts/account_confirm_reset.html", {"account": account})


@require_POST
def account_unlock(request, pk):
    """Lift a login lockout (django-axes) of a kecamatan admin after too many failed attempts."""
    account = _get_account_for_user(request, pk)
    removed = axes_reset(username=account.username)
    _audit_account(request, account, "kunci dibuka", action=AuditEvent.Action.ACCOUNT_UNLOCKED)
    messages.success(
        request,
        _("Kunci masuk %(username)s dibuka (%(n)d catatan dihapus).") % {"username": account.username, "n": removed},
    )
    return redirect("accounts:list")


@require_POST
def language_switch(request):
    """Set the language of the user's account, then go back to the page.

    A cookie remembers the choice for this browser's signed-out pages (the sign-in page).
    """
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    language = form.cleaned_data["language"]
    request.user.language = language
    request.user.save(update_fields=["language"])
    active = language or settings.LANGUAGE_CODE
    with translation.override(active):
        messages.success(request, _("Bahasa tampilan: %(language)s.") % {"language": dict(settings.LANGUAGES)[active]})
    target = form.cleaned_data["next"]
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = settings.LOGIN_REDIRECT_URL
    response = redirect(target)
    if language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    else:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME, samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    return response
