from django.core.management.base import BaseCommand, CommandError

from ops.demo import DemoRefused, demo_state, load_demo


class Command(BaseCommand):
    help = (
        "Isi database kosong dengan data demo Tuban yang diberi label jelas (riwayat sosialisasi yang diketahui, "
        "KIM dan SK rekaan) serta akun demo per peran. Menolak bila sudah ada KIM nyata, kecuali --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Muat juga bila sudah ada KIM nyata.")
        parser.add_argument(
            "--skip-if-loaded", action="store_true", help="Keluar dengan tenang bila demo atau data nyata sudah ada."
        )

    def handle(self, *args, force, skip_if_loaded, **options):
        state = demo_state()
        if skip_if_loaded and state != "empty" and not force:
            self.stdout.write("Data demo tidak dimuat: database sudah berisi KIM.")
            if state == "demo":
                self.stdout.write(
                    "Akun demo: demo_staf, demo_jenu, demo_palang, demo_provinsi. Lupa sandi? "
                    "manage.py add_account demo_staf --role staf --area 35.23"
                )
            return
        try:
            logins = load_demo(force=force)
        except DemoRefused as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS("Data demo dimuat (ditandai DEMO; hanya untuk uji coba)."))
        self.stdout.write("Akun demo (kata sandi hanya ditampilkan sekali):")
        for username, password in logins.items():
            self.stdout.write(f"  {username:15} {password}")
