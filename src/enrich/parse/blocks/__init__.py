"""Stage 1: Markdown and HTML -> blocks, inline pieces, table rows and the section tree."""
