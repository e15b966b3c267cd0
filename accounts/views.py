"""Staff manage the kecamatan admin accounts of their own regency; everyone changes their own password."""

import logging
import time

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from accounts import ratelimit, services, two_factor
from accounts.filters import AccountFilter
from accounts.forms import (
    DistrictAccountForm,
    LanguageForm,
    LoginForm,
    OwnAccountForm,
    TwoFactorCodeForm,
)
from accounts.models import User
from audit.models import AuditEvent
from audit.services import area_of, audit, client_ip
from districts.models import District

logger = logging.getLogger("kimtrack.accounts")


def _require_account_manager(user):
    """Only regency staff and superusers manage accounts; others get 403."""
    if not user.is_regency_staff:
        raise PermissionDenied


def _get_account_for_user(request, pk):
    """A kecamatan account in the manager's regency, else 404 (Django-staff and superusers never match)."""
    _require_account_manager(request.user)
    return get_object_or_404(User.objects.district_admins().for_user(request.user).select_related("district"), pk=pk)


def account_list(request):
    _require_account_manager(request.user)
    accounts = (
        User.objects.district_admins()
        .for_user(request.user)
        .select_related("district")
        .order_by("district__name", "username")
    )
    account_filter = AccountFilter(request.GET or None, queryset=accounts)
    form = account_filter.form
    page = Paginator(account_filter.qs, 25).get_page(request.GET.get("page"))
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
        try:
            user, password = services.account_create(by=request.user, ip=client_ip(request), **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Akun %(username)s dibuat.") % {"username": user.username})
            return render(request, "accounts/account_password.html", {"account": user, "password": password})
    return render(request, "accounts/account_form.html", {"form": form})


def _set_active(request, pk, active):
    """GET asks for confirmation; POST puts the account in the named state (a repeat changes nothing)."""
    account = _get_account_for_user(request, pk)
    if request.method == "POST":
        change = services.account_activate if active else services.account_deactivate
        changed = change(account=account, by=request.user, ip=client_ip(request))
        names = {"username": account.username}
        if not changed:
            messages.info(
                request,
                (_("Akun %(username)s sudah aktif.") if active else _("Akun %(username)s sudah nonaktif.")) % names,
            )
        elif active:
            messages.success(request, _("Akun %(username)s diaktifkan kembali.") % names)
        else:
            messages.success(request, _("Akun %(username)s dinonaktifkan.") % names)
        return redirect("accounts:list")
    return render(request, "accounts/account_confirm_active.html", {"account": account, "activate": active})


@require_http_methods(["GET", "POST"])
def account_activate(request, pk):
    return _set_active(request, pk, True)


@require_http_methods(["GET", "POST"])
def account_deactivate(request, pk):
    return _set_active(request, pk, False)


@never_cache  # the response shows a one-time password
@require_http_methods(["GET", "POST"])
def account_reset_password(request, pk):
    account = _get_account_for_user(request, pk)
    if request.method == "POST":
        password = services.account_password_reset(account=account, by=request.user, ip=client_ip(request))
        messages.success(request, _("Kata sandi %(username)s diganti.") % {"username": account.username})
        return render(request, "accounts/account_password.html", {"account": account, "password": password})
    return render(request, "accounts/account_confirm_reset.html", {"account": account})


@require_POST
def account_unlock(request, pk):
    """Lift a login lockout (django-axes) of a kecamatan admin after too many failed attempts."""
    account = _get_account_for_user(request, pk)
    removed = axes_reset(username=account.username)
    audit(
        AuditEvent.Action.ACCOUNT_UNLOCKED,
        actor=request.user,
        area_code=account.district_id,
        object_id=account.pk,
        summary=f"{account.username}: kunci dibuka",
        request=request,
    )
    messages.success(
        request,
        _("Kunci masuk %(username)s dibuka (%(n)d catatan dihapus).") % {"username": account.username, "n": removed},
    )
    return redirect("accounts:list")


@require_http_methods(["GET", "POST"])
def own_account(request):
    """The user's own account page: contact details, mail language and the weekly digest opt-out."""
    form = OwnAccountForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Pengaturan akun disimpan."))
        return redirect("accounts:own")
    return render(request, "accounts/own_account.html", {"form": form})


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's own view; the change and its audit event commit together."""

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            services.password_change_record(account=self.request.user, ip=client_ip(self.request))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset-by-email view, limited per address and per client.

    Whatever happens (unknown address, inactive account, too many requests), the caller sees the
    same "check your e-mail" page, so the form cannot be used to learn which addresses exist.
    """

    email_template_name = "registration/password_reset_email.txt"
    extra_email_context = {"base_url": settings.KIMTRACK_BASE_URL}

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        window = settings.PASSWORD_RESET_RATE_WINDOW
        address_ok = ratelimit.hit("reset-email", email, limit=settings.PASSWORD_RESET_MAX_PER_ADDRESS, window=window)
        client_ok = ratelimit.hit(
            "reset-ip", client_ip(self.request) or "", limit=settings.PASSWORD_RESET_MAX_PER_CLIENT, window=window
        )
        if not (address_ok and client_ok):
            logger.warning("password reset throttled", extra={"event": "password_reset_throttled"})
            return HttpResponseRedirect(self.get_success_url())
        audit(AuditEvent.Action.PASSWORD_RESET_REQUESTED, summary="pemulihan sandi diminta", request=self.request)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's view: the link works once (the token depends on the password) and expires.

    Saving the new password changes the session hash, so every session of the account ends.
    """

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            user = form.user
            audit(
                AuditEvent.Action.PASSWORD_RESET_DONE,
                actor=user,
                area_code=area_of(user),
                object_id=user.pk,
                summary=f"{user.username}: kata sandi dipulihkan lewat email",
                request=self.request,
            )
        return response


# Two-factor sign-in ---------------------------------------------------------------------------
# After a correct password, an account with a device is NOT logged in yet: the session remembers
# who passed the password step (for a few minutes) and the code page finishes the login. So the
# lockout counters are reset only by a complete sign-in, and a wrong code counts as a failed login.
PENDING_KEY, FLOW_KEY = two_factor.PENDING_KEY, two_factor.FLOW_KEY


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True
    authentication_form = LoginForm

    def form_valid(self, form):
        user = form.get_user()
        if two_factor.has_device(user):
            self.request.session[PENDING_KEY] = {
                "user": user.pk,
                "backend": user.backend,
                "next": self.get_success_url(),
                "at": time.time(),
            }
            return redirect("two_factor_verify")
        response = super().form_valid(form)
        self.request.session[FLOW_KEY] = True
        return response


def _pending_user(request):
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["at"] > settings.TWO_FACTOR_PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None, None
    return User.objects.filter(pk=pending["user"], is_active=True).first(), pending


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """The second step of signing in: a code from the app, or one recovery code."""
    user, pending = _pending_user(request)
    if user is None:
        messages.info(request, _("Silakan masuk lagi dengan nama pengguna dan kata sandi."))
        return redirect("login")
    credentials = {"username": user.username}
    if AxesProxyHandler.is_locked(request, credentials):
        request.session.pop(PENDING_KEY, None)
        return get_lockout_response(request, None, credentials)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.device_matching(user, form.cleaned_data["code"])
        if device is not None:
            del request.session[PENDING_KEY]
            auth_login(request, user, backend=pending["backend"])
            otp_login(request, device)
            request.session[FLOW_KEY] = True
            return HttpResponseRedirect(pending["next"])
        # Counted by django-axes like a wrong password (and audited as a wrong code); at the limit
        # AxesMiddleware answers with the lockout page.
        user_login_failed.send(sender=__name__, credentials={**credentials, "second_factor": True}, request=request)
        form.add_error("code", _("Kode salah atau sudah dipakai. Coba lagi dengan kode yang sedang tampil."))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "username": user.username})


@never_cache  # shows the secret and, once, the recovery codes
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Enrolment: scan the QR code (or type the secret), confirm with a code, note the recovery codes."""
    user = request.user
    if two_factor.has_device(user):
        return render(request, "accounts/two_factor_active.html", {"required": user.two_factor_required()})
    device = two_factor.pending_totp_device(user)
    form = TwoFactorCodeForm(request.POST or None)
    form.fields["code"].help_text = _("6 angka yang tampil di aplikasi autentikator.")
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = two_factor.two_factor_enrol(
                user=user, device=device, token=form.cleaned_data["code"], ip=client_ip(request)
            )
        except ValidationError as exc:
            form.add_error("code", exc)
        else:
            otp_login(request, device)
            request.session[FLOW_KEY] = True
            return render(request, "accounts/two_factor_codes.html", {"codes": codes})
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": mark_safe(two_factor.qr_svg(device)),  # noqa: S308 - SVG drawn by qrcode from our own URL
            "secret": two_factor.secret_of(device),
            "required": user.two_factor_required(),
        },
    )


@login_not_required
def admin_login(request, extra_context=None):
    """Django admin's login would skip the code step: anonymous visitors sign in on the site's page."""
    if request.user.is_authenticated:
        return admin.site.login(request, extra_context)
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


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
