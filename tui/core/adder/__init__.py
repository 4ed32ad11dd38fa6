"""`plans add`: bring a user's own plan in from a PDF, Word (.docx), web page (.html) or text file.

- `decode`   text files: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK — detected, never guessed
- `extract`  each format as *document text*: the plain-text layouts the importer reads (tables in the
             tab layout, PDF text as printed lines with page numbers) — see `extract.Extracted`
- `meta`     the metadata read from the text: title, region, level, period, issuer, 发文字号, dates
- `review`   what `plans add` found, printed before anything is written (and by --dry-run)
- `store`    where added plans live (the user's data directory), add, remove, the user plans file
"""
