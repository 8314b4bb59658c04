"""A corpus of plan documents the importer has never seen, each with its known content.

`truth` holds the plans as plain data, `generator` lays each out in many ways (formats,
column orders, header words, damage a conversion does), and `measure` scores a converted
document against what the variant printed: item recall, correct parents, correct due dates.
`bench/corpus_bench.py` prints the same scores per family.
"""
