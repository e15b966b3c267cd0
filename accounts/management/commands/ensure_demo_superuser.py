from django.core.management.base import BaseCommand

from accounts.models import User
from accounts.services import generate_password


class Command(BaseCommand):
    help = (
        "Untuk uji coba lokal saja: jika belum ada pengguna sama sekali, buat superuser 'admin' "
        "dengan kata sandi acak dan cetak login-nya. Tidak melakukan apa pun jika sudah ada pengguna."
    )

    def handle(self, *args, **options):
        if User.objects.exists():
            self.stdout.write("Pengguna sudah ada; superuser demo tidak dibuat.")
            return
        password = generate_password()
        User.objects.create_superuser("admin", "admin@localhost", password, first_name="Admin Demo")
        self.stdout.write(self.style.WARNING("Superuser demo dibuat (HANYA untuk uji coba lokal):"))
        self.stdout.write(f"  nama pengguna: admin\n  kata sandi:    {password}")
        self.stdout.write("Lupa? Jalankan: .venv/bin/python manage.py changepassword admin")
