"""Kinds of SK the generator did not draw at first: each read from typed text (as OCR gives it)."""

import random

import pytest

from reading import extract

# Pure reading: the same on every database (see the database_free marker).
pytestmark = pytest.mark.database_free

PLACES = ["Jenu", "Palang", "Beji", "Tasikmadu", "Kutorejo", "Glodog"]


def read(text, roles=()):
    return extract.extract(extract.Document.from_text(text), roles=roles, places=PLACES)


# --- No input crashes extraction ----------------------------------------------------------------

FRAGMENTS = [
    "KEPUTUSAN",
    "CAMAT",
    "KEPALA DESA",
    "LURAH",
    "NOMOR",
    "Nomor",
    ":",
    "/",
    "TAHUN",
    "TENTANG",
    "KIM",
    "(KIM)",
    '"',
    "“",
    "Ditetapkan di",
    "pada tanggal",
    "Tuban,",
    "2 l",
    "Desember",
    "Pebruari",
    "31",
    "2O23",
    "l",
    "I",
    "!",
    "|",
    "0",
    "99",
    "23/02/2023",
    "1I/I3/2O2l",
    "188/ 12 /KPTS",
    "414,402",
    "NIP.",
    "Pembina",
    "Ketua",
    "Seksi",
    "Informasi",
    "dan",
    "1.",
    "AHMAD",
    "Fauzi",
    "Desa",
    "DESA",
    "\n",
    "\n\n",
    " ",
    "—",
    "Ш",
    "٣",
    "\x00",
    "..",
    ",",
    "MASYARAKAT",
    "Bidang",
    "Pelindung",
    "a.n.",
    "Drs.",
    "M.Si",
    "9999",
    "00",
    "-",
    "Menimbang",
]


def test_extraction_never_raises_on_fuzzed_ocr_text():
    """A seeded fuzzer: shuffled SK fragments and OCR confusions, and random characters."""
    rng = random.Random(18)
    alphabet = "".join(FRAGMENTS) + "0123456789/.,:;-|!lIoO \n\t\"'“”"
    for attempt in range(1500):
        if attempt % 3:
            text = " ".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 60)))
        else:
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        found = read(text, roles=["Anggota pengurus"])
        assert set(found) == {"number", "signed_on", "issuer", "signatory", "kim_name", "officers"}
        for field in ("number", "signed_on", "issuer", "signatory", "kim_name"):
            assert found[field] is None or 0 <= found[field]["confidence"] <= 1


def test_a_day_split_by_ocr_is_read_not_crashed_on():
    found = read("Ditetapkan di : Jenu\npada tanggal : 2 l Desember 2023\n")
    assert found["signed_on"]["value"] == "2023-12-21"
    assert read("pada tanggal l Desember 2023\n")["signed_on"]["value"] == "2023-12-01"


# --- SK number ----------------------------------------------------------------------------------

TITLE = "KEPUTUSAN KEPALA DESA BEJI\n{line}\nTENTANG\nPEMBENTUKAN KIM\n"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("NOMOR 37 TAHUN 2023", "37 TAHUN 2023"),
        ("NOMOR : 37  Tahun  2023", "37 Tahun 2023"),
        ("NOMOR : 188/ 12 /KPTS/414.402/2021", "188/12/KPTS/414.402/2021"),
        ("Nomor : 100.3.3.2/67/KPTS/413.013/2026", "100.3.3.2/67/KPTS/413.013/2026"),
        ("NOMOR : B/180.05/325/409.1.2/KPTS/2024", "B/180.05/325/409.1.2/KPTS/2024"),
        # photocopy confusions: "/" read as I, l, ! or |; "." as ","; spaces inserted
        ("NOMOR : 188I12IKPTS/414.402I2021", "188/12/KPTS/414.402/2021"),
        ("NOMOR : 188/12lKPTSl414.402/2021", "188/12/KPTS/414.402/2021"),
        ("NOMOR : 188!12!KPTS|414,402!2021", "188/12/KPTS/414.402/2021"),
        ("NOMOR : 141 / 27 / 414 . 403 . 05 / 2021", "141/27/414.403.05/2021"),
        ("NOMOR : 141I27I414.403.05I2021", "141/27/414.403.05/2021"),
        # a photo forwarded at 1280 px: dots read as spaces, a slash as a colon
        ("NOMOR : 141/25/414 402 14/2022", "141/25/414.402.14/2022"),
        ("NOMOR : 452/90:414.168/2023", "452/90/414.168/2023"),
        # a slash read as I before a code in title case, as an apostrophe, or as 1 or 7 before the year
        ("Nomor : 141/85 IKpts/414.403.14/2026", "141/85/Kpts/414.403.14/2026"),
        ("Nomor : 188.45/62/Kpts'414.417/2019", "188.45/62/Kpts/414.417/2019"),
        ("NOMOR : 188.4/086/KPTS/414.40172020", "188.4/086/KPTS/414.401/2020"),
        ("NOMOR : 188.45/62/KPTS/414.41712019", "188.45/62/KPTS/414.417/2019"),
        # a code of letters split by a space
        ("Nomor : 400/05/K pts/414.409.09/2024", "400/05/Kpts/414.409.09/2024"),
        ("NOMOR : 180/137/K PTS/414.418.10/2022", "180/137/KPTS/414.418.10/2022"),
    ],
)
def test_the_whole_title_number_is_taken_whatever_its_shape(line, expected):
    assert read(TITLE.format(line=line))["number"]["value"] == expected


def test_a_damaged_title_number_never_gives_the_meeting_minutes_number():
    text = (
        "KEPUTUSAN KEPALA DESA BEJI\nNOMOR : ~~~ ///\nTENTANG\nPEMBENTUKAN KIM\n"
        "Menimbang : a. Berita Acara Musyawarah Desa\nNomor : 033/BA/414.403.05/2023 tanggal 8 Februari 2023;\n"
        "Mengingat : 1. Peraturan Bupati Tuban\nNomor 55 Tahun 2020 tentang KIM;\n"
    )
    found = read(text)
    assert found["number"] is None or "033" not in found["number"]["value"]


def test_a_number_cited_in_the_considerations_is_not_the_sk_number_even_with_a_slash():
    text = (
        "KEPUTUSAN CAMAT PALANG\nNOMOR : 188/7/KPTS/414.410/2024\nTENTANG\nKIM\n"
        "Menimbang : Berita Acara\nNomor : 033/BA/2024\n"
    )
    assert read(text)["number"]["value"] == "188/7/KPTS/414.410/2024"


def _with_confidence(text, unsure, confidence):
    """Typed text whose words inside the first `unsure` are read with `confidence` (the rest fully trusted)."""
    doc = extract.Document.from_text(text)
    start = text.index(unsure)
    end = start + len(unsure)
    doc.spans = [(s, e, confidence if s < end and e > start else c) for s, e, c in doc.spans]
    return doc


NUMBERED_TWICE = (
    "KEPUTUSAN CAMAT PALANG\nNOMOR : {title}\nTENTANG\nPEMBENTUKAN KIM\nMenimbang : a. bahwa\n\n"
    "LAMPIRAN : KEPUTUSAN CAMAT PALANG\nNOMOR : {attachment}\nTANGGAL : 5 MARET 2026\nTENTANG : KIM\n"
)


@pytest.mark.parametrize(
    ("title", "attachment", "expected"),
    [
        # a digit lost in one reading, another misread in the other: each part from where it is whole
        ("141/418/414.-04.17/2026", "1141/418/414.404.17/2026", "141/418/414.404.17/2026"),
        ("188.-/59/414.404/2020", "188.4/59/414.404/2020", "188.4/59/414.404/2020"),
        ("188.4/59/414.404/2020", "188.4/59/414.404/2020", "188.4/59/414.404/2020"),  # both whole
        ("188.4/59/414.404/2020", "~~~ ///", "188.4/59/414.404/2020"),  # the attachment's number lost
    ],
)
def test_the_sk_number_read_twice_takes_each_part_from_the_reading_where_it_is_whole(title, attachment, expected):
    doc = _with_confidence(NUMBERED_TWICE.format(title=title, attachment=attachment), attachment, 0.7)
    assert extract.extract(doc, places=PLACES)["number"]["value"] == expected


def test_of_two_whole_readings_of_the_sk_number_the_decrees_own_title_wins():
    """Both well formed and different: the title's, however sure Tesseract was of the attachment's."""
    text = NUMBERED_TWICE.format(title="188.45/63/KPTS/414.404/2022", attachment="188.45/63/KPTS/414.404/21.22")
    doc = _with_confidence(text, "188.45/63/KPTS/414.404/2022", 0.6)
    assert extract.extract(doc, places=PLACES)["number"]["value"] == "188.45/63/KPTS/414.404/2022"


# --- Signing date -------------------------------------------------------------------------------


def test_a_numeric_date_in_the_signature_block_beats_a_worded_date_in_the_considerations():
    text = (
        "KEPUTUSAN KEPALA DESA BEJI\nNOMOR 37 TAHUN 2023\nTENTANG\n"
        "Memperhatikan : Berita Acara Musyawarah Desa tanggal 8 Februari 2023;\n"
        "KEDUA : masa bakti sampai dengan tanggal 31 Desember 2025.\n"
        "Ditetapkan di : Beji\nPada tanggal : 23/02/2023\nKEPALA DESA BEJI,\nSUPARMAN\n"
    )
    assert read(text)["signed_on"]["value"] == "2023-02-23"


@pytest.mark.parametrize(
    "block",
    [
        "Ditetapkan gi : Bangilan\nPada langgal : 23/02/2023\n",  # "di" and "tanggal" misread off a photo
        "Oitetapkan di : Bangilan\npada tanggaj : 23/02/2023\n",
        "Tuban. 23-02-2023\nLURAH KUTOREJO,\n",  # the comma after the place read as a dot
        "Ditetapkan di : Bangilan\nPada Tansgal : 23/02/2023\n",  # "gg" read "sg"
        "Ditetapk 3 di : Bangilan\npadatar gal : 23-02-2023\n",  # letters lost under the stamp
        # the signing block lost; the attachment's heading carries the decree's date
        "Dtpk : Bangilan\n\nLAMPIRAN : KEPUTUSAN KEPALA DESA BEJI\nNOMOR : 37 TAHUN 2023\nTANG AL : 23 FEBRUARI 2023\n",
        "Pretapkan di: Bangilan\nPasta Lagyal 23 FEBRUARI 2023\n",  # both labels misread: the place decides
        "Ditetapkan di : Bangilan |\nPada tanggaL 4 23FEBRUARI 2023\n",  # the day and the month run together
    ],
)
def test_the_signing_date_is_found_when_ocr_damaged_the_words_around_it(block):
    text = "Menimbang : Berita Acara Musyawarah tanggal 8 Februari 2023;\nMEMUTUSKAN :\n" + block
    assert read(text)["signed_on"]["value"] == "2023-02-23"


@pytest.mark.parametrize("written", ["23-02-2023", "23.02.2023", "23 / 02 / 2023", "23I02I2O23", "23 Pebruari 2023"])
def test_the_signing_date_in_its_place_whatever_its_form(written):
    text = f"Menimbang : rapat tanggal 8 Februari 2023;\nDitetapkan di Beji\npada tanggal {written}\nKEPALA DESA BEJI\n"
    assert read(text)["signed_on"]["value"] == "2023-02-23"


# --- Issuer and KIM name ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("KEPUTUSAN CAMAT PALANG KABUPATEN TUBAN", "Camat Palang"),
        ("KEPUTUSAN KEPALA DESA BEJI KECAMATAN JENU KABUPATEN TUBAN", "Kepala Desa Beji"),
        ("KEPUTUSAN LURAH KUTOREJO KECAMATAN TUBAN", "Lurah Kutorejo"),
        ("KEPUTUSAN CAMAT JENU\nNOMOR : 1/2/2023", "Camat Jenu"),
    ],
)
def test_the_issuer_of_a_one_line_title_stops_at_the_next_level(title, expected):
    assert read(title + "\n")["issuer"]["value"] == expected


@pytest.mark.parametrize(
    "title",
    [
        "PEMBENTUKAN KELOMPOK INFORMASI MASYARAKAT (KIM) JENDELA DESA DESA GLODOG\nKECAMATAN PALANG",
        "PEMBENTUKAN KELOMPOK INFORMASI MASYARAKAT KIM JENDELA DESA DESA GLODOG KECAMATAN PALANG",
        "PEMBENTUKAN KELOMPOK INFORMASI MASYARAKAT (KIM) JENDELA DESA DESA GLODOG\nKEPALA DESA GLODOG,",
        'PEMBENTUKAN KELOMPOK INFORMASI MASYARAKAT (KIM) "JENDELA DESA" DESA GLODOG',
    ],
)
def test_a_kim_named_with_desa_is_not_cut_when_quotes_are_lost(title):
    assert read(title + "\nTENTANG\n")["kim_name"]["value"] == "KIM Jendela Desa"


# --- Signatory ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("KEPALA DESA BEJI,\nwW ~ PO\nSUPARMAN\n", "SUPARMAN"),  # no rank, no NIP
        ("KEPALA DESA BEJI\n\nSUPARMAN, S.Pd\n", None),  # a page break: not this block
        ("KEPALA DESA BEJI\nSUPARMAN, S.Pd\n", "SUPARMAN, S.Pd"),  # no comma after the title
        ("LURAH KUTOREJO,\n(ee | 7\nMOH. SUYONO\n", "MOH. SUYONO"),
        ("CAMAT PALANG,\nwl SUPRIYANTO, S.Sos |@\nPembina\nNIP. 19700101 199003 1 005\n", "SUPRIYANTO, S.Sos"),
        ("KEPALA DESA BEJI,\nAl~ H. ABDUL ROCHIM tT\n", "H. ABDUL ROCHIM"),
        # a stamp's ring read as eight lines of marks, then a word of the stamp before the name
        ("KEPALA DESA BEJI,\nII\nK — ,\nPM ha Pd\n/ 34\n/ /\n(5)\n/\n| | KEPA, Drs. Tri Susanto\n", "Drs. Tri Susanto"),
    ],
)
def test_the_name_under_the_signing_title_is_read_with_stamp_debris_dropped(block, expected):
    found = read("Ditetapkan di : Beji\npada tanggal : 2 Maret 2023\n" + block)["signatory"]
    assert (found and found["value"]) == expected


def test_a_line_of_real_words_is_not_taken_for_a_name():
    assert read("KEPALA DESA BEJI,\nSalinan Keputusan ini disampaikan\n")["signatory"] is None


# --- Officers -----------------------------------------------------------------------------------


def officers(text, roles=()):
    return [(o["name"], o["role"]) for o in read(text, roles)["officers"]]


def test_role_first_officers_are_read():
    text = "Pelindung : Camat Palang\nPenasehat : KEPALA DESA GLODOG\nKetua : AHMAD FAUZI\nSekretaris : Siti Aminah\n"
    assert officers(text)[-2:] == [("Ahmad Fauzi", "Ketua"), ("Siti Aminah", "Sekretaris")]


def test_a_role_first_table_with_and_without_its_number_column():
    text = (
        "NO | JABATAN | NAMA\n"
        "1 | Pelindung | H. MASRUKIN\n"
        "2 | Penasehat | Drs. Bambang Irawan\n"
        "3 Ketua Ahmad Fauzi\n"
        "Wakil Ketua | Rina Kusuma\n"  # the number column was dropped
        "5. Seksi Pengumpulan dan Pengolahan Informasi Joko Susilo\n"
    )
    assert officers(text) == [
        ("H. Masrukin", "Pelindung"),
        ("Drs. Bambang Irawan", "Penasehat"),
        ("Ahmad Fauzi", "Ketua"),
        ("Rina Kusuma", "Wakil Ketua"),
        ("Joko Susilo", "Seksi Pengumpulan dan Pengolahan Informasi"),
    ]


def test_a_wrapped_role_cell_is_joined_to_its_role():
    text = "1 Budi Santoso Bidang Pengumpulan /\nInformasi\n2 Dewi Lestari Bidang Publikasi\ndan Dokumentasi\n"
    assert [(n, extract.fold(r)) for n, r in officers(text)] == [
        ("Budi Santoso", "bidang pengumpulan informasi"),
        ("Dewi Lestari", "bidang publikasi dan dokumentasi"),
    ]


def test_a_section_named_last_on_its_row_runs_to_the_end_of_the_row_whatever_its_words():
    """Section names are the office's own ("Website Desa", "UMKM"): written last on a row, the row's end is its end."""
    text = (
        "1. YOYOK SULISTYO Bidang Media Sosial dan Website Desa\n"
        "2. ALI ROSYID Bidang Ekonomi Kreatif dan Olah Pangan |\n"
    )
    assert [(n, extract.fold(r)) for n, r in officers(text)] == [
        ("Yoyok Sulistyo", "bidang media sosial dan website desa"),
        ("Ali Rosyid", "bidang ekonomi kreatif dan olah pangan"),
    ]


def test_a_role_cell_wrapped_over_several_lines_in_a_role_first_table_is_joined():
    text = (
        "NO JABATAN NAMA\n5 BENDAHARA MIFTAHUL PRASETYO\n6 BIDANG LITERASI SUROSO\nDIGITAL DAN\nPENGADUAN\n"
        "MASYARAKAT\n7 SEKSI PENYEBARLUASAN INDAH YULIANA\nINFORMASI\n"
    )
    assert [(n, extract.fold(r)) for n, r in officers(text)] == [
        ("Miftahul Prasetyo", "bendahara"),
        ("Suroso", "bidang literasi digital dan pengaduan masyarakat"),
        ("Indah Yuliana", "seksi penyebarluasan informasi"),
    ]


def test_officers_listed_as_name_sebagai_role_are_read():
    text = "MASHUDI HAKIM HARTONO sebagai Pelindung\nRIZAL SUSANTO sebagai Ketua\nWAHYUNI sebagai Sekretaris\n"
    assert officers(text) == [
        ("Mashudi Hakim Hartono", "Pelindung"),
        ("Rizal Susanto", "Ketua"),
        ("Wahyuni", "Sekretaris"),
    ]


def test_a_name_first_row_without_its_number_is_read():
    assert officers("Ahmad Fauzi Ketua\nSiti Rahmawati — Bendahara\n") == [
        ("Ahmad Fauzi", "Ketua"),
        ("Siti Rahmawati", "Bendahara"),
    ]


def test_one_word_names_are_read_after_a_colon_and_inside_a_list():
    """Many Javanese officers have one name ("Endang", "Puji")."""
    assert officers("Ketua : AHMAD FAUZI\nBendahara : Endang\n") == [("Ahmad Fauzi", "Ketua"), ("Endang", "Bendahara")]
    # a table whose number column Tesseract dropped: one word beside a role, under another officer's row
    assert officers("Sutrisno Efendi Ketua\nEndang Sekretaris\nPuji Bendahara\n") == [
        ("Sutrisno Efendi", "Ketua"),
        ("Endang", "Sekretaris"),
        ("Puji", "Bendahara"),
    ]
    assert officers("Abdul Hariyanto, A.md. Wakil Ketua\n") == [("Abdul Hariyanto, A.md.", "Wakil Ketua")]


def test_a_lone_capitalised_word_beside_a_role_outside_a_list_is_not_an_officer():
    assert officers("Menimbang : bahwa\nSurat Ketua\nDinas Sekretaris\n") == []


def test_a_section_presenting_information_keeps_its_whole_name_when_wrapped():
    assert officers("5 ANIK, S.H. Bidang Pengolahan dan\nPenyajian Informasi\n") == [
        ("Anik, S.H.", "Bidang Pengolahan dan Penyajian Informasi")
    ]


def test_a_regulation_cited_in_the_considerations_gives_no_officer():
    text = (
        "Mengingat : 1. Peraturan Menteri tentang Pedoman Teknis Bidang Komunikasi dan\n"
        "Masyarakat Penyelenggaraan Urusan Pemerintahan Konkuren\n"
        "Ketua : Rukun Tetangga\n"
        "MEMUTUSKAN :\nKESATU : Membentuk KIM dengan susunan:\nKetua : AHMAD FAUZI\n"
    )
    assert officers(text) == [("Ahmad Fauzi", "Ketua")]


def test_a_sentence_mentioning_a_role_is_not_an_officer():
    assert officers("Ketua RT setempat hadir dalam Musyawarah Desa\nKetua dan Sekretaris bertugas\n") == []


def test_the_same_table_in_decree_and_attachment_is_read_once():
    assert officers("1. Ahmad Fauzi Ketua\nLAMPIRAN\n1. Ahmad Fauzi Ketua\n") == [("Ahmad Fauzi", "Ketua")]


# --- Names with titles, shared roles, stamps over the name --------------------------------------


def test_officers_keep_their_titles_before_and_after_the_name():
    text = (
        "NO | JABATAN | NAMA\n"
        "1 | Pembina | Drs. Wahyu Susanto, S.Pd.\n"
        "2 Ketua Hj. Siti Aminah, S.Pd.I\n"
        "3 Sekretaris Mashuri, A.Md.\n"
        "Bendahara : HJ. INDAH PRASETYO, S.SOS.\n"
    )
    assert officers(text) == [
        ("Drs. Wahyu Susanto, S.Pd.", "Pembina"),
        ("Hj. Siti Aminah, S.Pd.I", "Ketua"),
        ("Mashuri, A.Md.", "Sekretaris"),
        ("Hj. Indah Prasetyo, S.Sos.", "Bendahara"),  # printed in capitals, typed as a person would
    ]


def test_members_of_one_role_written_once_all_get_that_role():
    table = "7 Bendahara Budi Santoso\n8 Anggota Dewi Lestari\n9 Rina Kusuma, S.Pd.\n10 | | Kaseri\n"
    assert officers(table)[-3:] == [
        ("Dewi Lestari", "Anggota"),
        ("Rina Kusuma, S.Pd.", "Anggota"),
        ("Kaseri", "Anggota"),
    ]
    listed = "Bendahara : BUDI SANTOSO\nAnggota : 1. DEWI LESTARI\n2. RINA KUSUMA\n3. KASERI\nKEDUA : Masa bakti\n"
    assert officers(listed)[-3:] == [("Dewi Lestari", "Anggota"), ("Rina Kusuma", "Anggota"), ("Kaseri", "Anggota")]


def test_a_numbered_line_far_from_the_officers_is_not_a_member():
    text = "Anggota : 1. DEWI LESTARI\nKEDUA : Masa bakti\nKETIGA : berlaku\nTembusan :\n1. Bupati Tuban\n2. Kaseri\n"
    assert officers(text) == [("Dewi Lestari", "Anggota")]


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        # the stamp's own word joined the name line, which used to reject the whole line
        ("KEPALA DESA BEJI,\nKEPALA Hj. Ahmad Prasetyo\n", "Hj. Ahmad Prasetyo"),
        (
            "CAMAT JENU,\nIs ( , H. MUHAMMAD HIDAYAT, A.Md.\n| 3 KEPAI Pembina\nNIP. 19709541 199403 1 001\n",
            "H. MUHAMMAD HIDAYAT, A.Md.",
        ),  # stamp debris before the rank: the rank line is not the name
        ("KEPALA DESA BEJI,\nWI KEPALA ( MUHAMMAD KUSUMA, S.Pd.I)\n", "MUHAMMAD KUSUMA, S.Pd.I"),  # in brackets
        ("KEPALA DESA BEJI,\nKEPALA DESA SUGIHWARAS\n", None),  # a stamp's office and place: no person
        ("CAMAT JENU,\nMUHAMMAD KUSUMA\nPemruma.\n", "MUHAMMAD KUSUMA"),  # the rank misread under the name
        ("KEPALA DESA BEJI,\nPERMANA\n", "PERMANA"),  # a one-word name that looks like a rank, alone
        ("CAMAT JENU,\nW ~\nPemhwa\nNIP. 19700101 199003 1 005\n", None),  # the name lost: no rank for a name
        ("EPALA DESA BEJI,\nLO ONE\nHj. Ahmad Prasetyo\n", "Hj. Ahmad Prasetyo"),  # the title's K under the stamp
        ("KEPALA DESA BEJI,\nHi. Ahmad Prasetyo\n", "Hj. Ahmad Prasetyo"),  # "Hj." read "Hi." off a photo
        ("KEPALA DESA BEJI,\nPALA MUHAMMAD KUSUMA, S.Pd.I\n", "MUHAMMAD KUSUMA, S.Pd.I"),  # a piece of KEPALA
        ("KEPALA DESA BEJI,\nTUBAN\n", None),
        ("KEPALA DESA BEJI,\nW\nKEPAI.\n", None),  # all that is left of the stamp's KEPALA, misread
        ("LURAH KUTOREJO,\nLURAF KUTOREJO\n", None),  # the title again, misread: not a person
        ("KEPALA DESA BEJI,\nW ~\nEKA\n", "EKA"),  # a short one-word name, alone on its line
        ("KEPALA DESA BEJI,\nSUPARMAN\nKAH\n", "SUPARMAN"),  # a short mark under the name is not it
        ("CAMAT JENU,\nDrs. ALI ROZIKIN, M.Si.\nTingkat I\n", "Drs. ALI ROZIKIN, M.Si."),  # rank split by OCR
        # the title lost under the stamp; the rank below the name read "Pembma"
        ("W\n(MUHAMMAD KUSUMA, S.Pd.I)\nPembma |\n", "MUHAMMAD KUSUMA, S.Pd.I"),
        # a comma before a degree read as a dot, or doubled; one between two words of the name
        ("CAMAT JENU,\nH. SUMADI. S.Pd., M.M.\nPembina\n", "H. SUMADI, S.Pd., M.M."),
        ("CAMAT JENU,\nWahyuni. S.H.. M.Si.\n", "Wahyuni, S.H., M.Si."),
        ("CAMAT JENU,\nDrs. BAMBANG MAULANA. M.AP.\n", "Drs. BAMBANG MAULANA, M.AP."),
        ("CAMAT JENU,\nDrs. Dwi, Huda, M.H.\n", "Drs. Dwi Huda, M.H."),
        ("KEPALA DESA BEJI,\nAHMAD S.\n", "AHMAD S."),  # an initial, not a degree
        # a short one-word name with a title or a degree: the title says it is a person's
        ("KEPALA DESA BEJI,\nHj. Puji\n", "Hj. Puji"),
        # the name wrapped in a narrow column: its last degree on the next line, above the rank
        (
            "LURAH KUTOREJO,\nENDANG SULISTYOWATI, S.Sos.,\nM.M.\nPenata Tingkat I (III/d)\n",
            "ENDANG SULISTYOWATI, S.Sos., M.M.",
        ),
        ("CAMAT JENU,\nEKO, S.IP.\nPembina\nNIP. 19700101 199003 1 005\n", "EKO, S.IP."),
        ("KEPALA DESA BEJI,\nH. ALI, A.Md.\n", "H. ALI, A.Md."),
        ("KEPALA DESA BEJI,\n'SUGENG EKO PURNOMO, S.Pd.\n", "SUGENG EKO PURNOMO, S.Pd."),  # a pen mark read as '
    ],
)
def test_the_signatory_beside_a_stamp_keeps_the_whole_name(block, expected):
    found = read("Ditetapkan di : Beji\npada tanggal : 2 Maret 2023\n" + block)["signatory"]
    assert (found and found["value"]) == expected


@pytest.mark.parametrize(
    "text",
    [
        'Membentuk Komunitas Informasi Masyarakat (KIM) "Sumber Kabar" Desa Beji',  # the 2024 name
        "Membentuk Kelompok Informasi Masyarakat “Sumber Kabar” Desa Beji",  # no "(KIM)"
        "PEMBENTUKAN KOMUNITAS INFORMASI MASYARAKAT (KIM) SUMBER KABAR DESA BEJI\nKECAMATAN JENU",
        "PEMBENTUKAN KIM SUMBER KABAR DESA BEJI\nKECAMATAN JENU",  # the title names only "KIM"
        "PEMBENTUKAN KELOMPOK INFORMASI MASYARAKAT (KIM)\nKIM SUMBER KABAR DESA BEJI",  # "KIM" twice
        'Membentuk Kelompok Informasi Masyarakat (KIM) "KIM Sumber Kabar" Desa Beji',
        # without quotes, the sentence wrapped: more words of places after the name than of the name
        "Membentuk Kelompok Informasi Masyarakat (KIM) KIM\n"
        "Sumber Kabar Desa Beji Kecamatan Jenu Kabupaten\nTuban dengan",
        "PEMBENTUKAN KELOMPOK INFORMASI MASYARAKAT\n(KIM) KIM SUMBER KABAR DESA BEJI KECAMATAN\nJENU.",  # a full stop
        # the attachment's heading right under the name is not part of it
        "Membentuk Kelompok Informasi Masyarakat (KIM) Sumber Kabar\nSusunan Pengurus Kelompok Informasi Masyarakat",
        # named only above its officers' table: the table's heading is not part of it
        "SUSUNAN PENGURUS KIM SUMBER KABAR\nJABATAN NAMA KETERANGAN\nPelindung Hj. UMI",
    ],
)
def test_the_kim_name_is_read_under_either_name_of_the_group(text):
    assert read(text + "\n")["kim_name"]["value"] == "KIM Sumber Kabar"


@pytest.mark.parametrize("damaged", ['(KIM) "Ro: :golawe"', '(KIM) "Ro Sgolawe"', '(KIM) "RONGG0LAWE-"'])
def test_one_damaged_reading_of_the_kim_name_is_outvoted_by_the_others(damaged):
    """Title, considerations, diktum and attachment each name the group: the reading they agree on wins,
    whichever of them OCR damaged (first or not)."""
    text = (
        f"TENTANG PEMBENTUKAN KELOMPOK INFORMASI MASYARAKAT {damaged}\n"
        'Menimbang : susunan pengurus KIM "Ronggolawe";\n'
        'KESATU : Membentuk Kelompok Informasi Masyarakat (KIM) "RONGGOLAWE" Kecamatan Bancar\n'
        'LAMPIRAN : KEPUTUSAN CAMAT BANCAR\nTENTANG : PEMBENTUKAN KIM "RONGGOLAWE"\n'
    )
    assert read(text)["kim_name"]["value"] == "KIM Ronggolawe"
    text = text.replace(damaged, '(KIM) "Ronggolawe"').replace('KIM "Ronggolawe";', f"KIM {damaged.split(' ', 1)[1]};")
    assert read(text)["kim_name"]["value"] == "KIM Ronggolawe"


@pytest.mark.parametrize(
    ("a", "b"),
    [("Drs. Ahmad Fauzi, S.Pd.", "AHMAD FAUZI"), ("Hj. Siti Aminah,S.Pd.I", "siti aminah"), ("H. Kaseri", "Kaseri")],
)
def test_a_person_is_compared_without_titles_or_degrees(a, b):
    assert extract.person_key(a) == extract.person_key(b)
    assert extract.person_key("Ahmad Fauzi") != extract.person_key("Ahmad Fauziah")


def test_a_heading_that_only_mentions_the_kims_board_is_not_its_name():
    text = "LAMPIRAN KEPUTUSAN KEPALA DESA BEJI\nSUSUNAN PENGURUS KIM\nNO JABATAN NAMA\n1 Ketua Ahmad Fauzi\n"
    assert read(text)["kim_name"] is None


SIGNED_TWICE = (
    "Ditetapkan di : Beji\npada tanggal : 2 Maret 2023\nKEPALA DESA BEJI,\n{body}\n"
    "Tembusan Yth.\n1. Bupati Tuban\n\n"
    "LAMPIRAN : KEPUTUSAN KEPALA DESA BEJI\nNOMOR : 12 TAHUN 2023\n"
    "1. Ketua : AHMAD FAUZI\n\nKEPALA DESA BEJI,\n{attachment}\n"
)


@pytest.mark.parametrize(
    ("body", "attachment", "expected"),
    [
        ("FATHUR ROFIQ", "W FATHUR", "FATHUR ROFIQ"),  # the attachment's stamp hid the second word
        ("W ~ FATHUR", "FATHUR ROFIQ", "FATHUR ROFIQ"),  # or the decree's did
        ("Hj. FATIMAH", "Hj. FATIMAH FITRIANI, M.M.", "Hj. FATIMAH FITRIANI, M.M."),
        ("Ir. AINUR PURNOMO, S.STP., M.Si.", "Ir. AINUR PURNOMO", "Ir. AINUR PURNOMO, S.STP., M.Si."),  # degrees
        ("SUPARMAN", "~", "SUPARMAN"),  # the attachment's name lost altogether
    ],
)
def test_the_signatory_signed_twice_is_read_where_the_name_is_whole(body, attachment, expected):
    found = read(SIGNED_TWICE.format(body=body, attachment=attachment))["signatory"]
    assert found["value"] == expected


@pytest.mark.parametrize("surer", ["body", "attachment"])
def test_of_two_different_readings_of_the_signatory_the_surer_wins(surer):
    """ "MUJIONO ROFIA" off the decree and "MUJIONO ROFIQ" off the attachment: Tesseract's confidence decides."""
    readings = {"body": "MUJIONO ROFIA", "attachment": "MUJIONO ROFIQ"}
    if surer == "body":
        readings = {"body": "MUJIONO ROFIQ", "attachment": "MUJIONO ROFIA"}
    doc = extract.Document.from_text(SIGNED_TWICE.format(**readings))
    unsure = doc.text.index("ROFIA")
    doc.spans = [
        (s, e, 0.4 if s <= unsure < e or doc.text[s:e] == "MUJIONO" and abs(s - unsure) < 10 else c)
        for s, e, c in doc.spans
    ]
    found = extract.extract(doc, places=PLACES)["signatory"]
    assert found["value"] == "MUJIONO ROFIQ"


OFFICER_TABLE = (
    "LAMPIRAN : KEPUTUSAN KEPALA DESA BEJI\nNOMOR : 12 TAHUN 2023\nSUSUNAN PENGURUS\nNO NAMA JABATAN\n"
    "1. KEPALA DESA BEJI PELINDUNG\n2. JOKO JUNAEDI PENANGGUNG JAWAB\n3. EKA SHOLIKHAH SEKSI PENYEBARLUASAN\n"
    "INFORMASI\nJABATAN NAMA\nPenasihat AINUR SYAFII BASUKI, S.Kom.\nPembina IMAM JUNAEDI\n"
    "Pembina : H. AHMAD FAUZI\n1. KEPALA DESA BEJI\n2. JOKO JUNAEDI, A.Md.Kep.\n"
    "3. ILHAM PURNOMO MAULANA, S.Sos. sebagai\nPembina\n4. AINUR HARTONO sebagai Penanggung Jawab\n\n"
)


@pytest.mark.parametrize(
    ("signature", "expected"),
    [
        ("KEPALA DESA BEJI,\nSUPARMAN, S.Pd.\nPembina\nNIP. 19810512 201101 1 005\n", "SUPARMAN, S.Pd."),
        ("KEPALA DESA BEJI,\nW ~\n", None),  # the name lost: none, never an officer
        ("CAMAT JENU,\nDrs: Priyo Hidayat, M.M.\nPembina\nNIP : 19680222 199112 1 001\n", "Drs. Priyo Hidayat, M.M."),
        # the title and the name lost, the list's last row just above the rank: no name rather than that row
        (
            "5. H. Sunarto\n6. Parjan, S.Sos.\n“Wa~ S.I HL. MSi.\nPembina Tingkat I\nNIP. 19781012 200312 2 005\n",
            None,
        ),
    ],
)
def test_the_officers_list_never_gives_the_signatory(signature, expected):
    """ "Pembina" is a rank and a KIM role; "KEPALA DESA BEJI" heads the signature and names the patron in the
    list. An officer's row ("Penasihat AINUR SYAFII" above "Pembina IMAM JUNAEDI") is no signatory's name,
    nor is a section's wrapped end ("INFORMASI") under the patron's row."""
    text = "Ditetapkan di : Beji\npada tanggal : 2 Maret 2023\n" + signature + OFFICER_TABLE
    found = read(text)["signatory"]
    assert (found and found["value"]) == expected


def test_a_name_the_pen_cut_short_under_one_signature_is_read_whole_from_the_other():
    found = read(SIGNED_TWICE.format(body="KUSNA", attachment="KUSNADI"))["signatory"]
    assert found["value"] == "KUSNADI"
    found = read(SIGNED_TWICE.format(body="YUSUF SANTOSO", attachment="YUSUF SAN"))["signatory"]
    assert found["value"] == "YUSUF SANTOSO"


@pytest.mark.parametrize(
    "title",
    [". “Ta BEJI,", "| T BEJI", "—"],  # what the stamp left of "KEPALA DESA BEJI," (or nothing)
)
def test_the_signatory_is_read_under_the_signing_date_when_the_stamp_hid_the_title(title):
    text = f"Ditetapkan di : Beji\nPada tanggal - 23 JANUARI 2021\n{title}\nKS\nKHOIRUL ARIFIN\n\nTembusan Yth.\n"
    assert read(text)["signatory"]["value"] == "KHOIRUL ARIFIN"


def test_a_kim_named_only_by_its_village_in_the_decree_takes_its_name_from_the_officers_heading():
    """ "Kelompok Informasi Masyarakat (KIM) Desa Brangkal" is the village's KIM, not a KIM called "Desa"."""
    text = (
        "PEMBENTUKAN KELOMPOK INFORMASI MASYARAKAT (KIM)\nDESA BRANGKAL KECAMATAN PARENGAN\n"
        "KESATU Membentuk Kelompok Informasi Masyarakat (KIM) Desa\nBrangkal Kecamatan Parengan dengan\n"
        "SUSUNAN PENGURUS KIM SIDO MAKMUR\nDESA BRANGKAL KECAMATAN PARENGAN KABUPATEN TUBAN\nJABATAN NAMA\n"
    )
    assert extract.kim_name(extract.Document.from_text(text), ["Brangkal", "Parengan"])["value"] == "KIM Sido Makmur"
    assert extract.kim_name(extract.Document.from_text(text.split("SUSUNAN")[0]), ["Brangkal", "Parengan"]) is None


def test_a_table_with_a_remarks_column_and_members_under_a_role_written_once():
    text = (
        "JABATAN NAMA KETERANGAN\n"
        "Pelindung Hj. UMI, S.IP.\n"  # one word, titled, first under the heading
        "Penanggung Jawab SLAMET EKO MUKHLIS Dsn. Sumber\n"
        "Ketua SYAIFUL Dsn. Ngampel\n"
        "Sekretaris NANIK WAHYUNI RT O1RW 02\n"
        "Seksi Ekonomi Produktif Abdul Aminudin\n"
        "Nanik Eko Wahyuni\n"  # a second member of the section, on a line of her own
        "Anggota Budi Purnomo\n"
        "Eko Sulistyowati\n"
        "Kelompok Informasi Masyarakat sebagaimana dimaksud\n"  # the text going on: nobody's name
    )
    assert [(n, extract.fold(r)) for n, r in officers(text)] == [
        ("Hj. UMI, S.IP.", "pelindung"),
        ("Slamet Eko Mukhlis", "penanggung jawab"),
        ("Syaiful", "ketua"),
        ("Nanik Wahyuni", "sekretaris"),
        ("Abdul Aminudin", "seksi ekonomi produktif"),
        ("Nanik Eko Wahyuni", "seksi ekonomi produktif"),
        ("Budi Purnomo", "anggota"),
        ("Eko Sulistyowati", "anggota"),
    ]
