"""Stage 2: blocks -> entries, one reader per list style.

Bullets, paper tables, one heading per paper, researchers, tools, dataset and metric tables.
"""
