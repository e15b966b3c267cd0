"""Time and peak Python memory of writing the province report (XLSX, CSV) for N formed KIMs.

    .venv/bin/python -m bench.report_files [--rows 328 3000]

Builds report documents without a database (the writers read only the document), so it measures
the writers: kimtrack.xlsx (every cell through `put`) and kimtrack.csvstream.
"""

import argparse
import os
import time
import tracemalloc

import django


def document(rows):
    row = {
        "kode_kabupaten": "35.23", "kabupaten": "Kabupaten Tuban", "kode_kecamatan": "35.23.12", "kecamatan": "Jenu",
        "kode_desa": "35.23.12.2009", "desa_kelurahan": "Beji", "tingkat": "desa", "nama_kim": "=KIM Beji Bersinar",
        "nomor_sk": "188.45/12/KPTS/414.403/2021", "tanggal_sk": "2021-12-10", "penerbit_sk": "Kepala Desa Beji",
        "masa_bakti_mulai": "2021-12-10", "masa_bakti_selesai": "2026-12-09", "klasifikasi": "Madya",
        "status_keaktifan": "Aktif", "ketua": "Siti Aminah", "jumlah_anggota": 25,
        "alamat_sekretariat": "Jl. Raya Beji No. 1", "website": "https://beji.desa.id", "perubahan": "sama",
    }  # fmt: skip
    return {
        "regency": {"code": "35.23", "name": "Kabupaten Tuban"},
        "period": "Semester II 2026",
        "report_date": "2026-12-01",
        "produced_at": "2026-12-01T10:00",
        "legal_basis": "Peraturan Bupati Tuban Nomor 55 Tahun 2020",
        "last_report": {"report_date": "2026-06-01", "period": "Semester I 2026"},
        "rows": [row] * rows,
        "gone": [{"nama_kim": "KIM Lama", "wilayah": "Beji, Jenu", "nomor_sk": "1/2020", "alasan": "KIM bubar."}] * 5,
        "totals": {
            "kim": rows,
            "kecamatan": 0,
            "desa": rows,
            "kelurahan": 0,
            "districts_covered": 0,
            "districts_total": 20,
            "villages_covered": min(rows, 328),
            "villages_total": 328,
        },  # fmt: skip
        "signer": {"place": "Tuban", "title": "Kepala Dinas", "name": "Nama", "rank": "Pembina (IV/a)", "nip": ""},
    }


def measure(label, write):
    started = time.perf_counter()
    size = len(write())
    seconds = time.perf_counter() - started  # timed without tracemalloc, which slows Python down
    tracemalloc.start()
    write()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{label:<28} {seconds * 1000:8.0f} ms  peak {peak / 2**20:6.1f} MiB  {size / 1024:8.0f} KiB")


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimtrack.settings")
    django.setup()
    from reports.export import write_csv, write_xlsx

    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[328, 3000])
    for rows in parser.parse_args().rows:
        doc = document(rows)
        measure(f"xlsx, {rows} rows", lambda doc=doc: write_xlsx(doc))
        measure(f"csv, {rows} rows", lambda doc=doc: write_csv(doc))
        measure(f"csv (;), {rows} rows", lambda doc=doc: write_csv(doc, delimiter=";"))


if __name__ == "__main__":
    main()
