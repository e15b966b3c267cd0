"""Second, independently written held-out set of synthetic KIM decrees (SK) from Kabupaten Tuban."""
