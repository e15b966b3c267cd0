"""How dates read in Bahasa Indonesia: '1 Desember 2026', and '1 Des 2026' in tables (never 'Des.').

Django's own Indonesian formats abbreviate with a dot ('1 Des. 2026') and write short dates as
'01-12-2026'; the office writes neither. Only what differs from Django's locale is set here.
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"  # "M" is the three-letter month without a dot: Jan, Agu, Des
DATETIME_FORMAT = "j F Y, H.i"  # Indonesian writes 14.05
SHORT_DATETIME_FORMAT = "j M Y, H.i"
TIME_FORMAT = "H.i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
# <input type="date"> sends ISO; people typing by hand write 1/12/2026 or 1-12-2026.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H.%M",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%d",
    "%d/%m/%Y",
]
