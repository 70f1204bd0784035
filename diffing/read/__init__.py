"""Reading: a file or bytes -> plain text, the detected format and the metadata the file states.

``reader`` sniffs the format and decodes text files; ``markup`` reads HTML/XHTML/XML;
``office`` reads .docx; ``pdf`` (with ``layout``) reads PDF pages as printed.  Nothing here knows about structure.
"""
