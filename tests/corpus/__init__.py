"""The development corpus: real pages, converted the usual ways, with what each page states."""
