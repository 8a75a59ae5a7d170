"""Stage 3: the fields of one entry read from its text.

Title, authors, affiliation, venue and year.
"""
