"""How results are shown, in English or Vietnamese: labels and number formats (``i18n``), reader tables and
sentences, and ``figures`` (one module per figure over a small private toolkit).

This ``__init__`` imports nothing: ``figures`` pulls in matplotlib and is imported only when a figure is asked for.
"""
