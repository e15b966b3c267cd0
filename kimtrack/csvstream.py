"""Streaming CSV: a csv.writer whose 'file' hands each written line straight back."""

import csv


class Echo:
    def write(self, value):
        return value

    @classmethod
    def csv_writer(cls):
        return csv.writer(cls(), lineterminator="\r\n")
