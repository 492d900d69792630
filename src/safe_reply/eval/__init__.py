"""Accuracy on labelled corpora: the corpus format and its policy (`corpus`), per-check scores (`scoring`)."""
