import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.services import account_save


class Command(BaseCommand):
    help = (
        "Buat atau perbarui akun dengan peran dan wilayahnya. Tanpa --password-stdin, "
        "kata sandi acak dibuat dan dicetak sekali."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=User.Role.values)
        parser.add_argument("--area", required=True, help="Kode wilayah: kabupaten (staf), kecamatan, atau provinsi.")
        parser.add_argument("--email", default="")
        parser.add_argument("--name", default="", help="Nama lengkap yang ditampilkan.")
        parser.add_argument("--password-stdin", action="store_true", help="Baca kata sandi dari baris pertama stdin.")

    def handle(self, *args, username, role, area, email, name, password_stdin, **options):
        password = None
        if password_stdin:
            password = sys.stdin.readline().rstrip("\n")
            if not password:
                raise CommandError("Kata sandi dari stdin kosong.")
        try:
            user, created, password = account_save(
                username=username, role=role, area_code=area, email=email, full_name=name, password=password
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        verb = "dibuat" if created else "diperbarui"
        self.stdout.write(self.style.SUCCESS(f"Akun {user.username} {verb}: {user.role_label}, {user.area}."))
        if not password_stdin:
            self.stdout.write(f"Kata sandi (hanya ditampilkan sekali): {password}")
