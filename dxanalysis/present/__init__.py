"""How results are shown, in English or Vietnamese.

- ``labels``: every text, as key -> (English, Vietnamese); ``i18n``: looking labels up, numbers written the
  language's way, the catalogue's names; ``numbers``: the decimals a figure needs and what counts as missing.
- ``tables``: the tables a report saves and shows; ``sentences``: the headlines and summaries it prints.
- ``figures``: one module per figure over a small private toolkit.
- ``flat_names``: names the flat layout's ``dxanalysis.narrative`` held that live in other rooms now (one release).

This ``__init__`` imports nothing: ``figures`` pulls in matplotlib and is imported only when a figure is asked for.
"""
