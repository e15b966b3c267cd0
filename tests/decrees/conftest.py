SK_FIELDS = {
    "number": "188.45/123/KPTS/414.403/2021",
    "signed_on": "2021-12-10",
    "signatory": "Kepala Desa Beji",
    "term_start": "2021-12-10",
    "term_end": "2026-12-09",
}
